package fr.navette.agent;

import java.util.function.LongSupplier;

/**
 * A token bucket for the forwarder: up to {@code burst} events leave at once (a live event never waits),
 * then at most {@code perSecond} a second. After a long outage a library's devices drain their backlogs at
 * this rate, so the hub (and the SIGB behind it) are not flooded at the minute the network comes back.
 */
public final class DrainRate {
  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  /** @param perSecond events per second, or {@code Double.POSITIVE_INFINITY} for no limit */
  public DrainRate(double perSecond, int burst, LongSupplier nanoTime) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("drain rate needs perSecond > 0 and burst >= 1, got " + perSecond
          + ", " + burst);
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.tokens = burst;
    this.last = nanoTime.getAsLong();
  }

  public static DrainRate unlimited() {
    return new DrainRate(Double.POSITIVE_INFINITY, 1, System::nanoTime);
  }

  /** 50 events a second after a burst of 100: a 100,000-event backlog drains in about half an hour. */
  public static DrainRate defaults() {
    return new DrainRate(50, 100, System::nanoTime);
  }

  /** Takes one token; returns how long to wait (ns) before sending, 0 when the event may leave now. */
  public long take() {
    if (Double.isInfinite(perNano)) {
      return 0;
    }
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    tokens -= 1;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
  }
}
