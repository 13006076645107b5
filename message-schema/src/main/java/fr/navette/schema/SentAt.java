package fr.navette.schema;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a device's clock read when it published a message: the MQTT 5 user property {@value #PROPERTY}, an
 * ISO-8601 UTC instant as {@link Instant#toString()} writes it ({@code 2026-12-04T08:15:30.123Z}).
 *
 * <p>Why a property and not a payload field: the payload is the event as the device made it, perhaps days ago
 * in its outbox, and stays byte for byte what it was (old hubs and devices read it as before); the property is
 * written at each publication. Read against the hub's arrival time it gives the device clock's offset, and
 * since {@code deviceTime} (and {@code returnedAt} ...) come from that same clock, the hub can put them right:
 * a Raspberry Pi has no real-time clock and may run hours or days off after a power cut without network.
 * A message without it (an agent of before this property) is taken as it always was: its times trusted.
 *
 * <p>Precisely: the time of publication on the clock that stamped the payload's times. For a live message and for
 * an event stored by the running agent they differ only if the device's clock was stepped while the event waited
 * in the outbox (NTP back after hours offline): the agent then adds the monotonic time gone by since the event was
 * stored to its stored time, so that the hub measures the clock the event's times came from.
 */
public final class SentAt {
  /** The user property's name. */
  public static final String PROPERTY = "sent-at";
  private static final Pattern INSTANT = Pattern.compile(Limits.INSTANT_PATTERN);

  private SentAt() {}

  /**
   * The property's value for what the device's clock reads, or empty when it reads outside the instants a payload
   * may carry ({@link Limits#EARLIEST} .. {@link Limits#LATEST}): better no property than one the hub cannot read.
   */
  public static Optional<String> format(Instant deviceClock) {
    if (deviceClock.isBefore(Limits.EARLIEST) || deviceClock.isAfter(Limits.LATEST)) {
      return Optional.empty();
    }
    return Optional.of(deviceClock.toString());
  }

  /**
   * The instant a property says, or empty when it is not one of the instants a payload may carry (another
   * format, a clock in 1970): the message's times are then taken as they are, as without the property.
   */
  public static Optional<Instant> parse(String text) {
    if (text == null || text.length() > 40 || !INSTANT.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) { // a month 13
      return Optional.empty();
    }
  }
}
