package fr.navette.mqtt;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time in [d/2, d] where
 * d = min(max, min * 2^(n-1)). The random half keeps a library's devices, all cut by the same outage, from
 * coming back in the same second; the fixed half keeps each one from hammering. Not thread-safe: one owner.
 */
public final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private final RandomGenerator random;
  private int failures;

  public Backoff(Duration min, Duration max, RandomGenerator random) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + ", " + max);
    }
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
    this.random = random;
  }

  /** The wait after one more failure. */
  public Duration next() {
    failures++;
    int shift = Math.min(failures - 1, 30);
    long ceiling = Math.min(maxMillis, minMillis << shift >= minMillis ? minMillis << shift : maxMillis);
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
  }

  /** After a success: the next failure starts again from the minimum. */
  public void reset() {
    failures = 0;
  }

  public int failures() {
    return failures;
  }
}
