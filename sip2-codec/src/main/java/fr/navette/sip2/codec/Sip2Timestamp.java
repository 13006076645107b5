package fr.navette.sip2.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * A SIP2 date: 18 characters {@code YYYYMMDDZZZZHHMMSS}. The four zone characters are kept as
 * sent: four spaces mean the ACS's local time (what most servers send and what Koha assumes when
 * it reads a return date), {@code "   Z"} means UTC.
 */
public record Sip2Timestamp(LocalDateTime dateTime, String zone) {
  public static final String LOCAL = "    ";
  public static final String UTC = "   Z";
  public static final String BLANK = " ".repeat(18);

  public Sip2Timestamp {
    Objects.requireNonNull(dateTime, "dateTime");
    Objects.requireNonNull(zone, "zone");
    if (zone.length() != 4) {
      throw new IllegalArgumentException("a SIP2 time zone has four characters, got '" + zone + "'");
    }
    if (dateTime.getYear() < 0 || dateTime.getYear() > 9999) {
      throw new IllegalArgumentException("a SIP2 date has a four-digit year, got " + dateTime.getYear());
    }
    dateTime = dateTime.withNano(0);
  }

  /** The instant written in the given zone's local time with a blank zone (the common form). */
  public static Sip2Timestamp local(Instant instant, ZoneId zone) {
    return new Sip2Timestamp(LocalDateTime.ofInstant(instant, zone), LOCAL);
  }

  public static Sip2Timestamp utc(Instant instant) {
    return new Sip2Timestamp(LocalDateTime.ofInstant(instant, ZoneOffset.UTC), UTC);
  }

  /** The 18 characters of the wire form. */
  public String format() {
    LocalDateTime d = dateTime;
    char[] out = new char[18];
    put(out, 0, d.getYear(), 4);
    put(out, 4, d.getMonthValue(), 2);
    put(out, 6, d.getDayOfMonth(), 2);
    zone.getChars(0, 4, out, 8);
    put(out, 12, d.getHour(), 2);
    put(out, 14, d.getMinute(), 2);
    put(out, 16, d.getSecond(), 2);
    return new String(out);
  }

  private static void put(char[] out, int at, int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      out[at + i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The instant this stands for; a blank or unknown zone is read in {@code acsZone}. */
  public Instant toInstant(ZoneId acsZone) {
    String z = zone.trim();
    ZoneId id = acsZone;
    if (z.equals("Z") || z.equals("UTC") || z.equals("GMT")) {
      id = ZoneOffset.UTC;
    } else if (!z.isEmpty()) {
      try {
        id = ZoneId.of(z, ZoneId.SHORT_IDS);
      } catch (DateTimeException e) {
        // Servers put odd things here; the ACS's own zone is the best guess.
        id = acsZone;
      }
    }
    return dateTime.atZone(id).toInstant();
  }

  /** True for the wire shapes the decoder lets through: a full date or 18 spaces. */
  static boolean isWellFormed(String s) {
    if (s.length() != 18) {
      return false;
    }
    if (s.charAt(0) == ' ') {
      return s.equals(BLANK);
    }
    for (int i = 0; i < 18; i++) {
      if (i >= 8 && i < 12) {
        continue;
      }
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the wire form; empty for 18 spaces.
   *
   * @throws IllegalArgumentException when it is not a date (e.g. month 13)
   */
  public static Optional<Sip2Timestamp> parse(String s) {
    if (!isWellFormed(s)) {
      throw new IllegalArgumentException("not a SIP2 date YYYYMMDDZZZZHHMMSS: '" + s + "'");
    }
    if (s.charAt(0) == ' ') {
      return Optional.empty(); // well formed and starting with a space: 18 spaces
    }
    try {
      LocalDateTime d = LocalDateTime.of(num(s, 0, 4), num(s, 4, 6), num(s, 6, 8), num(s, 12, 14),
          num(s, 14, 16), num(s, 16, 18));
      return Optional.of(new Sip2Timestamp(d, zoneOf(s)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not a valid date: '" + s + "' (" + e.getMessage() + ")", e);
    }
  }

  /** The two usual zones share one string rather than a copy per date read. */
  private static String zoneOf(String s) {
    if (s.startsWith(LOCAL, 8)) {
      return LOCAL;
    }
    return s.startsWith(UTC, 8) ? UTC : s.substring(8, 12);
  }

  private static int num(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  @Override
  public String toString() {
    return format();
  }
}
