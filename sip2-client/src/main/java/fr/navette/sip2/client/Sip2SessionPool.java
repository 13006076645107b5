package fr.navette.sip2.client;

import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.messages.CheckinRequest;
import fr.navette.sip2.codec.messages.CheckinResponse;
import fr.navette.sip2.codec.messages.ItemInformationRequest;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's way to the SIGB: at most {@code maxSessions} logged-in sessions, opened when needed
 * and reused. Each call has one deadline ({@code requestTimeout}) covering the wait for a free
 * session, reconnecting and the reply. Errors are {@link Sip2Exception}s (unchecked); the session
 * that failed is dropped and the next call opens a new one.
 *
 * <p>Retry semantics are decided here, per request kind ({@link Retry}): a checkin, a status or an
 * item lookup change nothing when repeated, so after a lost connection they are sent again on a
 * fresh session within the deadline. Thread-safe.
 */
public final class Sip2SessionPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sip2SessionPool.class);

  /** Whether a request may be sent again after the connection was lost mid-way. */
  public enum Retry {
    /** Repeating it changes nothing (checkin, status, information): resend on a fresh session. */
    SAFE,
    /** Never resend blindly. */
    NEVER
  }

  private final Sip2ClientConfig config;
  private final Clock clock;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Sip2Session> idle = new ConcurrentLinkedDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger open = new AtomicInteger();
  private final LongAdder requests = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder sessionsOpened = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final AtomicLong maxNanos = new AtomicLong();

  public Sip2SessionPool(Sip2ClientConfig config) {
    this(config, Clock.systemUTC());
  }

  /** With the clock that stamps transaction dates. */
  public Sip2SessionPool(Sip2ClientConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.permits = new Semaphore(config.maxSessions(), true);
    LOG.info("SIP2 pool: {}", config);
  }

  public Sip2ClientConfig config() {
    return config;
  }

  private Sip2Timestamp now() {
    return Sip2Timestamp.local(clock.instant(), config.zone());
  }

  /**
   * Checks an item in at a branch (09 → 10). AP = {@code currentLocation}, AO = the configured
   * institution, return date = {@code returnDate} in the SIGB's local time (what Koha backdates with).
   * Safe to repeat.
   */
  public CheckinResponse checkin(String itemId, String currentLocation, Instant returnDate) {
    CheckinRequest req = CheckinRequest.of(now(), Sip2Timestamp.local(returnDate, config.zone()), currentLocation,
        config.institution(), itemId);
    return Sip2Session.parse(send(req.toMessage(), Retry.SAFE), CheckinResponse::from);
  }

  /** What the SIGB knows of an item (17 → 18). Safe to repeat. */
  public ItemInformationResponse itemInformation(String itemId) {
    ItemInformationRequest req = ItemInformationRequest.of(now(), config.institution(), itemId);
    return Sip2Session.parse(send(req.toMessage(), Retry.SAFE), ItemInformationResponse::from);
  }

  /**
   * Sends any request and returns the raw reply; for messages without a typed method, and for the
   * diagnostics CLI.
   */
  public Sip2Message send(Sip2Message request, Retry retry) {
    if (closed.get()) {
      throw new IllegalStateException("SIP2 pool is closed");
    }
    long start = System.nanoTime();
    long deadline = start + config.requestTimeout().toNanos();
    requests.increment();
    try {
      return withSession(request, retry, deadline);
    } catch (Sip2Exception e) {
      errors.increment();
      LOG.warn("SIP2 request {} failed: {}", request.type().code(), e.getMessage());
      throw e;
    } finally {
      long took = System.nanoTime() - start;
      totalNanos.add(took);
      maxNanos.accumulateAndGet(took, Math::max);
    }
  }

  private Sip2Message withSession(Sip2Message request, Retry retry, long deadline) {
    acquire(deadline);
    try {
      for (int attempt = 0; ; attempt++) {
        Sip2Session session = idle.pollFirst();
        if (session == null) {
          session = openSession(deadline);
        }
        try {
          Sip2Message reply = session.exchange(request, deadline);
          release(session);
          return reply;
        } catch (Sip2ConnectionException e) {
          discard(session);
          if (retry == Retry.SAFE && attempt == 0 && System.nanoTime() < deadline) {
            retries.increment();
            LOG.info("SIP2 connection lost during {} ({}); retrying on a fresh session", request.type().code(),
                e.getMessage());
            continue;
          }
          throw e;
        } catch (RuntimeException e) {
          discard(session);
          throw e;
        }
      }
    } finally {
      permits.release();
    }
  }

  private void acquire(long deadline) {
    try {
      if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new Sip2TimeoutException("all " + config.maxSessions() + " SIP2 sessions stayed busy until the deadline ("
            + config.requestTimeout() + ")", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Sip2TimeoutException("interrupted while waiting for a SIP2 session", e);
    }
  }

  private Sip2Session openSession(long deadline) {
    Sip2Session s = Sip2Session.open(config, deadline);
    open.incrementAndGet();
    sessionsOpened.increment();
    return s;
  }

  private void release(Sip2Session s) {
    if (closed.get() || !s.isOpen()) {
      discard(s);
    } else {
      idle.offerFirst(s);
    }
  }

  private void discard(Sip2Session s) {
    s.close();
    open.decrementAndGet();
  }

  public Sip2PoolMetrics metrics() {
    long opened = sessionsOpened.sum();
    return new Sip2PoolMetrics(requests.sum(), errors.sum(), retries.sum(), Math.max(0, opened - 1),
        Duration.ofNanos(totalNanos.sum()), Duration.ofNanos(maxNanos.get()), open.get());
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      Sip2Session s;
      while ((s = idle.pollFirst()) != null) {
        discard(s);
      }
    }
  }
}
