package fr.navette.sip2.client;

import java.time.Duration;

/**
 * A snapshot of a pool's counters since it started.
 *
 * @param requests requests made through the pool (retries not counted twice)
 * @param errors requests that ended in a {@link Sip2Exception}
 * @param retries extra attempts made after a lost connection
 * @param reconnects sessions opened after the first one
 * @param totalLatency sum of request durations, for the mean
 * @param maxLatency the slowest request
 * @param openSessions sessions open now
 * @param keepAlives 99s sent to keep idle sessions alive or to probe them before use
 */
public record Sip2PoolMetrics(long requests, long errors, long retries, long reconnects, Duration totalLatency,
    Duration maxLatency, int openSessions, long keepAlives) {

  public Duration meanLatency() {
    return requests == 0 ? Duration.ZERO : totalLatency.dividedBy(requests);
  }
}
