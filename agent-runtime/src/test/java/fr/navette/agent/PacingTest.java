package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The drain rate is a plain function of its inputs: an injected clock (the reconnect backoff is mqtt's BackoffTest). */
class PacingTest {

  @Test
  void drainRateLetsABurstGoThenPacesTheRest() {
    AtomicLong now = new AtomicLong();
    DrainRate rate = new DrainRate(50, 100, now::get);
    for (int i = 0; i < 100; i++) {
      assertThat(rate.take()).isZero();
    }
    long wait = rate.take();
    assertThat(wait).isEqualTo(Duration.ofMillis(20).toNanos());
    now.addAndGet(wait);
    assertThat(rate.take()).isEqualTo(Duration.ofMillis(20).toNanos());
    now.addAndGet(Duration.ofSeconds(10).toNanos()); // idle: the bucket refills, up to the burst only
    for (int i = 0; i < 100; i++) {
      assertThat(rate.take()).isZero();
    }
    assertThat(rate.take()).isPositive();
  }

  @Test
  void anUnlimitedRateNeverWaits() {
    DrainRate rate = DrainRate.unlimited();
    for (int i = 0; i < 1000; i++) {
      assertThat(rate.take()).isZero();
    }
  }
}
