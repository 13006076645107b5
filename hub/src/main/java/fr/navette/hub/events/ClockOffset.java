package fr.navette.hub.events;

import fr.navette.schema.SentAt;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far a device's clock is off the hub's, measured on one message: what the device's clock read when it
 * published it ({@link SentAt}, the MQTT 5 user property {@code sent-at}) minus when the hub received it. Positive:
 * the device's clock is ahead. An event made offline long ago and published now measures right all the same: its
 * {@code deviceTime} and its {@code sent-at} come from the same clock.
 *
 * <p>What the hub does with it: beyond {@link #TOLERANCE} the device's times of the event ({@code deviceTime},
 * {@code returnedAt}, an alarm's {@code detectedAt} ...) are taken back by the offset ({@link #correction()}) —
 * the SIGB's return date, statistics, alarms land on the true day — and the device's clock is reported to staff.
 * A message without {@code sent-at} (an agent of before it) is taken as it always was: its times trusted.
 */
public record ClockOffset(Duration measured) {
  /**
   * Below this the difference is not the device's clock: the network and the broker take milliseconds, the hub's
   * ingest queue a few seconds under a burst, and NTP keeps a synchronised clock within a second. Two minutes is
   * far above that and far below what a Raspberry Pi without network after a power cut drifts (it restores the
   * time it saved at its last shutdown: hours or days behind); a loan's due date counts in days.
   */
  public static final Duration TOLERANCE = Duration.ofMinutes(2);

  /**
   * What a message says of its sender's clock, as the hub took it in: its {@code sent-at} (when it has one) and
   * whether it came straight from the device (see {@link ClockOffset#measure}).
   */
  public record Reading(Optional<String> sentAt, boolean straightFromDevice) {
    /** A message that says nothing of its clock (an older agent, or a test's hand-made message). */
    public static final Reading UNSAID = new Reading(Optional.empty(), true);

    public Optional<ClockOffset> measure(Instant arrival) {
      return ClockOffset.measure(sentAt, straightFromDevice, arrival);
    }
  }

  /**
   * The offset a message's {@code sent-at} shows against its arrival, or empty when it says none that can be
   * trusted.
   *
   * @param straightFromDevice whether the hub took the message as the device published it (its embedded broker
   *     hands each PUBLISH over at once). A message through a subscription (an external broker) may have waited
   *     there for the hub — down, restarting — and then looks sent from a clock behind by that wait: there, only a
   *     clock ahead is believed (waiting never makes a clock look ahead); one behind is left to the embedded
   *     broker's hubs or to the next live message.
   */
  public static Optional<ClockOffset> measure(Optional<String> sentAt, boolean straightFromDevice, Instant arrival) {
    return sentAt.flatMap(SentAt::parse).map(at -> new ClockOffset(Duration.between(arrival, at)))
        .filter(offset -> straightFromDevice || offset.measured().compareTo(TOLERANCE.negated()) >= 0);
  }

  /** Whether the device's clock is off by more than the {@link #TOLERANCE}. */
  public boolean off() {
    return measured.abs().compareTo(TOLERANCE) > 0;
  }

  /** What is taken off the device's times: the offset when the clock is off, nothing within the tolerance. */
  public Duration correction() {
    return off() ? measured : Duration.ZERO;
  }

  /**
   * A time read on the device's clock, on the hub's: taken back by the {@link #correction()}, and never after the
   * event's {@code arrival} — a clock put back between the event's making and its sending (a reboot in between)
   * would otherwise place it in the future.
   */
  public Instant onHubClock(Instant deviceClock, Instant arrival) {
    if (!off()) {
      return deviceClock;
    }
    Instant corrected = deviceClock.minus(correction());
    return corrected.isAfter(arrival) ? arrival : corrected;
  }
}
