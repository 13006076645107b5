package fr.navette.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reconnect backoff is a plain function of its inputs: a seeded random. */
class BackoffTest {

  @Test
  void backoffDoublesWithJitterUpToItsCapAndResets() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(7));
    long[] ceilings = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};
    for (long ceiling : ceilings) {
      assertThat(backoff.next().toMillis()).isBetween(ceiling / 2, ceiling);
    }
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.next().toMillis()).isBetween(30_000L, 60_000L); // no overflow however long it lasts
    }
    backoff.reset();
    assertThat(backoff.next().toMillis()).isBetween(500L, 1000L);
  }

  @Test
  void jitterSpreadsDevicesThatFailedTogether() {
    long distinct = java.util.stream.IntStream.range(0, 20)
        .mapToLong(seed -> {
          Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(seed));
          b.next();
          b.next();
          return b.next().toMillis();
        }).distinct().count();
    assertThat(distinct).isGreaterThan(10);
  }
}
