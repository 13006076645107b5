package fr.navette.launcher.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.function.LongSupplier;

/**
 * The seeds' network's day, accelerated: a {@link Clock} that starts when the libraries open and runs {@code speed}
 * times faster than the wall while they are open, and {@value #NIGHT_FACTOR} times faster still while they are all
 * closed (nights, Sundays and Mondays), so that a simulated day takes minutes and a night a few seconds.
 *
 * <p>It is a function of the time elapsed on a monotonic counter since the start: every reader sees the same
 * simulated time for the same moment, whatever the order of the calls, and it never goes back.
 */
public final class SimulatedClock extends Clock {
  /** French médiathèques of a small network: Tuesday to Saturday, 10:00 to 19:00. */
  public static final LocalTime OPENS = LocalTime.of(10, 0);
  public static final LocalTime CLOSES = LocalTime.of(19, 0);
  /** How much faster closed hours pass than open ones. */
  static final int NIGHT_FACTOR = 30;

  private final ZoneId zone;
  private final double speed;
  private final Instant start;
  private final LongSupplier nanos;
  private final long startNanos;

  private SimulatedClock(ZoneId zone, double speed, Instant start, LongSupplier nanos) {
    if (!(speed >= 1)) {
      throw new IllegalArgumentException("--speed must be 1 or more, got " + speed);
    }
    this.zone = zone;
    this.speed = speed;
    this.start = start;
    this.nanos = nanos;
    this.startNanos = nanos.getAsLong();
  }

  /** Starts at the next opening of the libraries on or after {@code now} (today's if they open later today). */
  public static SimulatedClock openingAfter(Instant now, ZoneId zone, double speed) {
    return new SimulatedClock(zone, speed, nextOpening(now, zone), System::nanoTime);
  }

  static SimulatedClock startingAt(Instant start, ZoneId zone, double speed, LongSupplier nanos) {
    return new SimulatedClock(zone, speed, start, nanos);
  }

  static Instant nextOpening(Instant now, ZoneId zone) {
    ZonedDateTime t = now.atZone(zone);
    LocalDate day = t.toLocalDate();
    if (!t.toLocalTime().isBefore(OPENS) || !openDay(day)) {
      day = day.plusDays(1);
    }
    while (!openDay(day)) {
      day = day.plusDays(1);
    }
    return day.atTime(OPENS).atZone(zone).toInstant();
  }

  private static boolean openDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SUNDAY && day.getDayOfWeek() != DayOfWeek.MONDAY;
  }

  /** Whether the libraries are open at {@code at}. */
  public boolean open(Instant at) {
    ZonedDateTime t = at.atZone(zone);
    LocalTime time = t.toLocalTime();
    return openDay(t.toLocalDate()) && !time.isBefore(OPENS) && time.isBefore(CLOSES);
  }

  public boolean openNow() {
    return open(instant());
  }

  public double speed() {
    return speed;
  }

  public Instant start() {
    return start;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return other.equals(zone) ? this : new SimulatedClock(other, speed, start, nanos);
  }

  @Override
  public Instant instant() {
    return simulated(nanos.getAsLong() - startNanos);
  }

  /** The simulated instant once {@code realNanos} of wall time have passed since the start. */
  Instant simulated(long realNanos) {
    Instant t = start;
    double left = Math.max(0, realNanos); // wall nanoseconds not yet spent
    while (true) {
      // Open or closed stays the same until the next full hour: walk hour by hour.
      Instant hour = t.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
      double rate = open(t) ? speed : speed * NIGHT_FACTOR;
      double needed = Duration.between(t, hour).toNanos() / rate;
      if (left < needed) {
        return t.plusNanos((long) (left * rate));
      }
      left -= needed;
      t = hour;
    }
  }

  /** How much wall time the simulated span from the start to {@code start + span} takes. */
  public Duration wallTimeFor(Duration span) {
    Instant end = start.plus(span);
    Instant t = start;
    double wall = 0;
    while (t.isBefore(end)) {
      Instant hour = t.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
      Instant next = hour.isAfter(end) ? end : hour;
      wall += Duration.between(t, next).toNanos() / (open(t) ? speed : speed * NIGHT_FACTOR);
      t = next;
    }
    return Duration.ofNanos((long) wall);
  }

  /** The first day of the simulated week the clock started in (Monday), for timetables. */
  LocalDate weekOf(Instant at) {
    return at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  @Override
  public String toString() {
    return "SimulatedClock[x" + speed + " from " + start.atZone(zone) + "]";
  }
}
