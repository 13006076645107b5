package fr.navette.schema;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The largest (and smallest) values any payload may carry: what the hub's store, Java and a JavaScript reader can
 * all hold, and what the domain needs with room to spare. Decoders refuse anything beyond with a
 * {@link SchemaException} naming the field and the limit; the records refuse to be built beyond them, except free
 * text, which they cut (a long exception message must not stop a device's health report). The JSON Schemas state
 * the same numbers ({@code maxLength}, {@code maximum}, {@code maxItems}); {@code LimitsTest} keeps them equal.
 * The reasons are in the module's README, table "Limits".
 */
public final class Limits {
  private Limits() {}

  /** Bytes of a payload a device publishes (events, requests, acknowledgements); refused before parsing. */
  public static final int DEVICE_PAYLOAD_BYTES = 64 * 1024;
  /**
   * Bytes of a payload the hub publishes (devices may not publish on these topics). The largest legal one is a
   * patron's account with every loan and hold at its limits: 2.4 MB when every character lies outside Unicode's
   * first plane, which the encoder writes as a 12-byte escape pair.
   */
  public static final int HUB_PAYLOAD_BYTES = 4 * 1024 * 1024;
  /** Objects and arrays inside one another; our deepest payload (response → loans → loan) has 3. */
  public static final int NESTING_DEPTH = 32;
  /** Characters of one JSON number; a long needs 20, a double 24. */
  public static final int NUMBER_CHARS = 64;
  /** Characters of one field name, settings and command arguments included. */
  public static final int NAME_CHARS = 64;

  /** Identifiers: item barcodes, patron cards, device ids, branch codes, software versions, command names. */
  public static final int IDENTIFIER = 64;
  /** A tag UID in hex: 8 bytes for ISO 15693, up to 16 for UHF; the store's column is 32 wide. */
  public static final int TAG_UID = 32;
  /** A patron's PIN (Koha takes the patron's password as the SIP2 PIN). */
  public static final int PIN = 64;
  /** The words of an enumeration on the wire ({@code type}, {@code kind}, a block name …). */
  public static final int TOKEN = 32;
  /** {@code schemaVersion}, MAJOR.MINOR. */
  public static final int VERSION_CHARS = 16;
  /** A first name to greet a patron with. */
  public static final int GREETING_NAME = 64;
  /** A document's title, for the kiosk's screen and receipt. */
  public static final int TITLE = 256;
  /** Words for people: screen messages, refusal reasons, problem details, a device's last error. */
  public static final int FREE_TEXT = 1024;
  /** An amount due, e.g. {@code 12.50}. */
  public static final int AMOUNT_CHARS = 16;
  /** One value of a config setting or a command argument, as text. */
  public static final int SETTING_VALUE = 256;

  /** Entries of {@code settings} and of a command's {@code args}. */
  public static final int SETTINGS = 64;
  /** Names in a response's {@code blocks}: 16 are known today. */
  public static final int BLOCKS = 32;
  /** Loans in a patron-account answer: a school's collective card borrows a few hundred at most. */
  public static final int LOANS = 500;
  /** Holds waiting on hold shelves for one patron. */
  public static final int HOLDS_READY = 100;

  /**
   * The largest integer a JSON number keeps exactly in JavaScript and in readers that use doubles (2^53 - 1):
   * sequences and config versions. A device making 1,000 events a second reaches it in 285,000 years.
   */
  public static final long SAFE_INTEGER = (1L << 53) - 1;
  /** People counted, events merged, events waiting in an outbox: an int column holds it. */
  public static final long COUNT = Integer.MAX_VALUE;
  /** Antennas of one gate, numbered from 1: readers address them with a byte. */
  public static final int ANTENNA = 255;

  /**
   * The earliest instant a payload may carry: no Navette device is older, nor is its clock (Raspberry Pi OS
   * restores the last saved time at boot, systemd at least its own build date).
   */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  /** The latest instant: years keep four digits (RFC 3339, SIP2's YYYYMMDD); epoch millis stay below 2^53. */
  public static final Instant LATEST = Instant.parse("2999-12-31T23:59:59.999999999Z");
  /**
   * Dates (due dates) come from the SIGB, not from a clock: a loan migrated from the 1990s may still be overdue,
   * and some SIGBs say "no due date" with 9999-12-31.
   */
  public static final LocalDate EARLIEST_DATE = LocalDate.parse("1900-01-01");
  public static final LocalDate LATEST_DATE = LocalDate.parse("9999-12-31");
  /**
   * Seconds of an uptime or an age: the whole instant range, so that a device whose clock jumped from one end to
   * the other can still report its health.
   */
  public static final long SECONDS = 31_556_995_199L;

  /** An instant on the wire: UTC, years 2000-2999 (the JSON Schemas' {@code instant} pattern, verbatim). */
  public static final String INSTANT_PATTERN =
      "^2[0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$";
  /** A date on the wire, years 1900-9999 (the JSON Schemas' {@code date} pattern). */
  public static final String DATE_PATTERN = "^(19|[2-9][0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$";
  /** A UUID on the wire, in its one canonical form (the JSON Schemas' {@code uuid} pattern). */
  public static final String UUID_PATTERN =
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
  /** A device id, site or topic segment: 1-64 letters, digits, '.', '_', '-' (no MQTT wildcard). */
  public static final String NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
}
