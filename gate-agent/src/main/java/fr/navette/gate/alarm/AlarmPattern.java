package fr.navette.gate.alarm;

import java.time.Duration;

/**
 * How the light and buzzer sound an alarm: on for {@code on}, off for {@code off}, {@code repeats} times (0: until
 * {@code duration} ends), never longer than {@code duration}. {@code off = 0} is a steady signal.
 * Written {@code 250/250x6 3000} in config: on-ms/off-ms x repeats, then the duration in ms.
 */
public record AlarmPattern(Duration on, Duration off, int repeats, Duration duration) {
  public AlarmPattern {
    if (on.isNegative() || on.isZero() || on.toMillis() > 60_000) {
      throw new IllegalArgumentException("alarm on-time must be 1-60000 ms, got " + on.toMillis());
    }
    if (off.isNegative() || off.toMillis() > 60_000) {
      throw new IllegalArgumentException("alarm off-time must be 0-60000 ms, got " + off.toMillis());
    }
    if (repeats < 0 || repeats > 1000) {
      throw new IllegalArgumentException("alarm repeats must be 0-1000 (0: until the duration ends), got " + repeats);
    }
    if (duration.isNegative() || duration.isZero() || duration.toMillis() > 600_000) {
      throw new IllegalArgumentException("alarm duration must be 1-600000 ms, got " + duration.toMillis());
    }
  }

  /** A steady signal for {@code duration} (the test alarm). */
  public static AlarmPattern steady(Duration duration) {
    return new AlarmPattern(duration, Duration.ZERO, 1, duration);
  }

  /** Reads {@code 250/250x6 3000}; errors name the key given. */
  public static AlarmPattern parse(String key, String text) {
    try {
      String[] parts = text.trim().split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException("expected 'on-ms/off-ms xrepeats duration-ms'");
      }
      String[] times = parts[0].split("x", -1);
      String[] onOff = times[0].split("/", -1);
      if (times.length != 2 || onOff.length != 2) {
        throw new IllegalArgumentException("expected 'on-ms/off-ms xrepeats duration-ms'");
      }
      return new AlarmPattern(Duration.ofMillis(Long.parseLong(onOff[0])), Duration.ofMillis(Long.parseLong(onOff[1])),
          Integer.parseInt(times[1]), Duration.ofMillis(Long.parseLong(parts[1])));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage() + " (e.g. '250/250x6 3000'), got '" + text + "'",
          e);
    }
  }

  /** When the signal ends, from its start: the last on-phase's end, capped by the duration. */
  public Duration length() {
    if (repeats == 0) {
      return duration;
    }
    Duration cycles = on.plus(off).multipliedBy(repeats).minus(off);
    return cycles.compareTo(duration) < 0 ? cycles : duration;
  }

  /** Whether the outputs are on at {@code elapsed} after the start. */
  public boolean onAt(Duration elapsed) {
    if (elapsed.isNegative() || elapsed.compareTo(length()) >= 0) {
      return false;
    }
    if (off.isZero()) {
      return true;
    }
    long period = on.plus(off).toNanos();
    return elapsed.toNanos() % period < on.toNanos();
  }

  /** The next time after {@code elapsed} at which {@link #onAt} changes, or the end. */
  public Duration nextChangeAfter(Duration elapsed) {
    Duration end = length();
    if (off.isZero()) {
      return end;
    }
    long period = on.plus(off).toNanos();
    long start = elapsed.toNanos() - elapsed.toNanos() % period;
    long inPeriod = elapsed.toNanos() % period;
    long next = inPeriod < on.toNanos() ? start + on.toNanos() : start + period;
    return Duration.ofNanos(Math.min(next, end.toNanos()));
  }

  public String configValue() {
    return on.toMillis() + "/" + off.toMillis() + "x" + repeats + " " + duration.toMillis();
  }
}
