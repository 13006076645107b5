package fr.navette.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The seeds' network's accelerated day: open hours at the given speed, closed ones much faster, never backwards. */
class SimulatedClockTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private final AtomicLong nanos = new AtomicLong(1_000);

  private static Instant paris(String local) {
    return LocalDateTime.parse(local).atZone(PARIS).toInstant();
  }

  private SimulatedClock fridayMorning(double speed) {
    return SimulatedClock.startingAt(paris("2026-12-04T10:00"), PARIS, speed, nanos::get);
  }

  private void wait(Duration wall) {
    nanos.addAndGet(wall.toNanos());
  }

  @Test
  void startsAtTheNextOpeningHour() {
    // Friday 03:00 → the same Friday at 10:00; Saturday evening → Tuesday (Sunday and Monday are closed).
    assertThat(SimulatedClock.nextOpening(paris("2026-12-04T03:00"), PARIS)).isEqualTo(paris("2026-12-04T10:00"));
    assertThat(SimulatedClock.nextOpening(paris("2026-12-05T20:00"), PARIS)).isEqualTo(paris("2026-12-08T10:00"));
    assertThat(SimulatedClock.nextOpening(paris("2026-12-04T10:00"), PARIS)).isEqualTo(paris("2026-12-05T10:00"));
  }

  @Test
  void anOpenDayTakesNineMinutesAtSixtyAndItsNightHalfAMinute() {
    SimulatedClock clock = fridayMorning(60);
    wait(Duration.ofMinutes(1));
    assertThat(clock.instant()).isEqualTo(paris("2026-12-04T11:00"));
    assertThat(clock.openNow()).isTrue();
    wait(Duration.ofMinutes(8));
    assertThat(clock.instant()).isEqualTo(paris("2026-12-04T19:00"));
    assertThat(clock.openNow()).isFalse();
    // 15 closed hours at 60 × 30: 30 s of wall time.
    wait(Duration.ofSeconds(30));
    assertThat(clock.instant()).isEqualTo(paris("2026-12-05T10:00"));
    assertThat(clock.wallTimeFor(Duration.ofDays(1))).isEqualTo(Duration.ofSeconds(9 * 60 + 30));
  }

  @Test
  void sundayAndMondayPassQuickly() {
    SimulatedClock clock = SimulatedClock.startingAt(paris("2026-12-05T19:00"), PARIS, 60, nanos::get);
    // Saturday 19:00 → Tuesday 10:00: 63 closed hours, 63 × 3600 / 1800 = 126 s.
    wait(Duration.ofSeconds(126));
    assertThat(clock.instant()).isEqualTo(paris("2026-12-08T10:00"));
  }

  @Test
  void neverGoesBackAndRefusesASpeedBelowOne() {
    SimulatedClock clock = fridayMorning(600);
    Instant before = clock.instant();
    for (int i = 0; i < 1000; i++) {
      wait(Duration.ofMillis(7));
      Instant now = clock.instant();
      assertThat(now).isAfterOrEqualTo(before);
      before = now;
    }
    assertThatThrownBy(() -> fridayMorning(0.5)).hasMessageContaining("--speed");
  }
}
