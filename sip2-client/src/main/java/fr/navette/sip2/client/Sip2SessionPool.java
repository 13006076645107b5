package fr.navette.sip2.client;

import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.messages.AcsStatusResponse;
import fr.navette.sip2.codec.messages.CheckinRequest;
import fr.navette.sip2.codec.messages.CheckinResponse;
import fr.navette.sip2.codec.messages.CheckoutResponse;
import fr.navette.sip2.codec.messages.EndSessionResponse;
import fr.navette.sip2.codec.messages.FeePaidResponse;
import fr.navette.sip2.codec.messages.HoldResponse;
import fr.navette.sip2.codec.messages.ItemInformationRequest;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import fr.navette.sip2.codec.messages.PatronInformationResponse;
import fr.navette.sip2.codec.messages.PatronStatusResponse;
import fr.navette.sip2.codec.messages.RenewAllResponse;
import fr.navette.sip2.codec.messages.RenewResponse;
import fr.navette.sip2.codec.messages.ScStatusRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * and reused. Each call has one deadline ({@code requestTimeout}, or the one given) covering the
 * wait for a free session, reconnecting and the reply. Errors are {@link Sip2Exception}s
 * (unchecked); the session that failed is dropped and the next call opens a new one. Thread-safe.
 *
 * <p><b>Staying connected.</b> Servers drop idle connections without a word. A session idle for
 * {@code keepAliveAfter} gets a 99 from a background task, and is probed with a 99 again before
 * use if it sat idle that long anyway; a probe that fails means a silent drop: the session is
 * replaced (connect, 93, 99) before the request goes out.
 *
 * <p><b>Retry semantics, decided here.</b> Checkin, status and information requests change
 * nothing when repeated ({@link Retry#SAFE}): after a lost connection they go again on a fresh
 * session. Checkout and renew are never repeated blindly: {@link #checkout} and {@link #renew} read
 * the item (17) before, and after a lost connection read it again; only if it shows the request was
 * not applied (same circulation status, same due date) is it sent again. If it was applied, the
 * reply is rebuilt from the item information (ok = 1, the new due date). Never applied twice.
 * A request whose deadline passed may or may not have been applied and is not repeated.
 *
 * <p><b>Replies that answer something else.</b> A reply must answer its request (type, item, patron, AY sequence:
 * {@link Sip2Replies}). One that does not ({@link Sip2BadReplyException}) is handled as a lost connection: its session
 * is closed, never reused, and the rules above apply (safe requests once more on a fresh session; checkout and renew
 * through the item). An idle session with bytes waiting (a late second reply) is closed instead of used. Every error
 * names the caller's request — "checkin (09) of item …" — even when what failed was the login or 99 of the new
 * session opened for it.
 */
public final class Sip2SessionPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sip2SessionPool.class);
  static final String CONFIRMED_BY_ITEM_INFORMATION =
      "Confirmé par l'état du document / Confirmed from item information";

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
  private final LongAdder keepAlives = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final AtomicLong maxNanos = new AtomicLong();
  private final Optional<ScheduledExecutorService> keepAlive;

  public Sip2SessionPool(Sip2ClientConfig config) {
    this(config, Clock.systemUTC());
  }

  /** With the clock that stamps transaction dates. */
  public Sip2SessionPool(Sip2ClientConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.permits = new Semaphore(config.maxSessions(), true);
    if (config.keepAliveAfter().isZero()) {
      keepAlive = Optional.empty();
    } else {
      ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("sip2-keepalive").daemon().factory());
      long period = Math.max(1, config.keepAliveAfter().toMillis() / 2);
      ex.scheduleWithFixedDelay(this::keepIdleSessionsAlive, period, period, TimeUnit.MILLISECONDS);
      keepAlive = Optional.of(ex);
    }
    LOG.info("SIP2 pool: {}", config);
  }

  public Sip2ClientConfig config() {
    return config;
  }

  private Sip2Timestamp now() {
    return Sip2Timestamp.local(clock.instant(), config.zone());
  }

  private Sip2Requests requests() {
    return new Sip2Requests(config, now());
  }

  // ---- typed operations -------------------------------------------------------------------

  /** SC status (99 → 98): is the SIGB up, and what does it allow. Safe to repeat. */
  public AcsStatusResponse status() {
    return ask(ScStatusRequest.ok().toMessage(), Retry.SAFE, config.requestTimeout(), AcsStatusResponse::from);
  }

  /**
   * Checks an item in at a branch (09 → 10). AP = {@code currentLocation}, AO = the configured
   * institution, return date = {@code returnDate} in the SIGB's local time (what Koha backdates with).
   * Safe to repeat.
   */
  public CheckinResponse checkin(String itemId, String currentLocation, Instant returnDate) {
    CheckinRequest req = CheckinRequest.of(now(), Sip2Timestamp.local(returnDate, config.zone()), currentLocation,
        config.institution(), itemId);
    return ask(req.toMessage(), Retry.SAFE, config.requestTimeout(), CheckinResponse::from);
  }

  /**
   * A checkin now, within {@code timeout}; with {@code cancel}, BI = Y: "cancel the checkout just made" (a
   * self-check that could not disarm the tag). Servers that do not know BI check the item in plainly. Safe to
   * repeat.
   */
  public CheckinResponse checkin(String itemId, String currentLocation, boolean cancel, Duration timeout) {
    Sip2Timestamp now = now();
    CheckinRequest req = new CheckinRequest(false, now, now, currentLocation, config.institution(), itemId,
        Optional.empty(), Optional.empty(), cancel ? Optional.of("Y") : Optional.empty(), List.of());
    return ask(req.toMessage(), Retry.SAFE, timeout, CheckinResponse::from);
  }

  /** What the SIGB knows of an item (17 → 18). Safe to repeat. */
  public ItemInformationResponse itemInformation(String itemId) {
    return itemInformation(itemId, config.requestTimeout());
  }

  /** What the SIGB knows of an item (17 → 18), within {@code timeout}. Safe to repeat. */
  public ItemInformationResponse itemInformation(String itemId, Duration timeout) {
    ItemInformationRequest req = ItemInformationRequest.of(now(), config.institution(), itemId);
    return ask(req.toMessage(), Retry.SAFE, timeout, ItemInformationResponse::from);
  }

  /** Patron status (23 → 24); the PIN, when given, is checked by the SIGB (CQ). Safe to repeat. */
  public PatronStatusResponse patronStatus(String patronId, Optional<String> pin) {
    return patronStatus(patronId, pin, config.requestTimeout());
  }

  /** Patron status within {@code timeout} (e.g. what is left of a kiosk's deadline). */
  public PatronStatusResponse patronStatus(String patronId, Optional<String> pin, Duration timeout) {
    return ask(requests().patronStatus(patronId, pin), Retry.SAFE, timeout, PatronStatusResponse::from);
  }

  /**
   * Patron information (63 → 64). {@code summary} is the spec's ten positions with a Y where a
   * list is wanted (0 holds, 1 overdue, 2 charged, 3 fines, 4 recalls, 5 unavailable holds),
   * e.g. {@code "  Y       "} for the items on loan. Safe to repeat.
   */
  public PatronInformationResponse patronInformation(String patronId, Optional<String> pin, String summary) {
    return patronInformation(patronId, pin, summary, config.requestTimeout());
  }

  /** Patron information within {@code timeout}. */
  public PatronInformationResponse patronInformation(String patronId, Optional<String> pin, String summary,
      Duration timeout) {
    return ask(requests().patronInformation(patronId, pin, summary), Retry.SAFE, timeout,
        PatronInformationResponse::from);
  }

  /** Checkout (11 → 12), never applied twice: see the class comment. */
  public CheckoutResponse checkout(String patronId, String itemId, Optional<String> pin) {
    return checkout(patronId, itemId, pin, config.requestTimeout());
  }

  /** Checkout whose item reads and request all fit in {@code timeout}; never applied twice. */
  public CheckoutResponse checkout(String patronId, String itemId, Optional<String> pin, Duration timeout) {
    return askVerified(requests().checkout(patronId, itemId, pin), itemId, MessageType.CHECKOUT_RESPONSE, patronId,
        timeout, CheckoutResponse::from);
  }

  /** Renew (29 → 30), never applied twice: see the class comment. */
  public RenewResponse renew(String patronId, String itemId, Optional<String> pin) {
    return renew(patronId, itemId, pin, config.requestTimeout());
  }

  /** Renew whose item reads and request all fit in {@code timeout}; never applied twice. */
  public RenewResponse renew(String patronId, String itemId, Optional<String> pin, Duration timeout) {
    return askVerified(requests().renew(patronId, itemId, pin), itemId, MessageType.RENEW_RESPONSE, patronId,
        timeout, RenewResponse::from);
  }

  /** Renew all (65 → 66). Not repeated after a lost connection: a second round is harmless but not free. */
  public RenewAllResponse renewAll(String patronId, Optional<String> pin) {
    return ask(requests().renewAll(patronId, pin), Retry.NEVER, config.requestTimeout(), RenewAllResponse::from);
  }

  /** End patron session (35 → 36). Safe to repeat. */
  public EndSessionResponse endPatronSession(String patronId, Optional<String> pin) {
    return ask(requests().endPatronSession(patronId, pin), Retry.SAFE, config.requestTimeout(),
        EndSessionResponse::from);
  }

  /** Hold (15 → 16): mode '+' place, '-' cancel. Not repeated blindly. */
  public HoldResponse hold(char mode, String patronId, String itemId, Optional<String> pickupLocation,
      Optional<String> pin) {
    return ask(requests().hold(mode, patronId, itemId, pickupLocation, pin), Retry.NEVER, config.requestTimeout(),
        HoldResponse::from);
  }

  /** Fee paid (37 → 38); amount as the SIGB writes it, e.g. "2.50". Never repeated. */
  public FeePaidResponse feePaid(String patronId, String amount, String currency, Optional<String> transactionId) {
    return ask(requests().feePaid(patronId, amount, currency, transactionId), Retry.NEVER, config.requestTimeout(),
        FeePaidResponse::from);
  }

  // ---- the machinery -----------------------------------------------------------------------

  /** Sends a request and reads its reply into its record; a reply that does not read names the request. */
  private <T> T ask(Sip2Message request, Retry retry, Duration timeout, Sip2Session.Reader<T> reader) {
    return Sip2Session.parse(Sip2Replies.describe(request), send(request, retry, timeout), reader);
  }

  /** Sends any request with the configured deadline and returns the raw reply. */
  public Sip2Message send(Sip2Message request, Retry retry) {
    return send(request, retry, config.requestTimeout());
  }

  /** Sends any request with its own deadline (e.g. what is left of a kiosk's MQTT request). */
  public Sip2Message send(Sip2Message request, Retry retry, Duration timeout) {
    if (closed.get()) {
      throw new IllegalStateException("SIP2 pool is closed");
    }
    String asked = Sip2Replies.describe(request);
    Sip2Replies.replyTo(request.type()); // refuses a message nothing answers, before any session is taken
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    requests.increment();
    try {
      return withSession(request, asked, retry, deadline);
    } catch (Sip2Exception e) {
      errors.increment();
      LOG.warn("SIP2 request failed: {}", e.getMessage());
      throw e;
    } finally {
      long took = System.nanoTime() - start;
      totalNanos.add(took);
      maxNanos.accumulateAndGet(took, Math::max);
    }
  }

  /** {@link #sendVerified}, its reply read by {@code reader}: a checkout or a renew, never applied twice. */
  private <T> T askVerified(Sip2Message request, String itemId, MessageType replyType, String patronId,
      Duration timeout, Sip2Session.Reader<T> reader) {
    Sip2Message reply = sendVerified(request, itemId, replyType, patronId, System.nanoTime() + timeout.toNanos());
    return Sip2Session.parse(Sip2Replies.describe(request), reply, reader);
  }

  private Sip2Message sendVerified(Sip2Message request, String itemId, MessageType replyType, String patronId,
      long deadline) {
    ItemInformationResponse before = itemInformation(itemId, left(deadline));
    try {
      return send(request, Retry.NEVER, left(deadline));
    } catch (Sip2ConnectionException | Sip2BadReplyException lost) {
      // The reply was lost or was not an answer: the request may or may not have been applied. The item tells.
      String asked = Sip2Replies.describe(request);
      ItemInformationResponse after;
      try {
        after = itemInformation(itemId, left(deadline));
      } catch (Sip2Exception e) {
        lost.addSuppressed(e);
        String told = asked + ": no usable reply, and the item could not be read afterwards: it may or may not be"
            + " applied";
        throw lost instanceof Sip2BadReplyException ? new Sip2BadReplyException(told, lost)
            : new Sip2ConnectionException(told, lost);
      }
      if (Sip2Requests.applied(before, after)) {
        LOG.info("SIP2 {}: no usable reply, but item information shows it applied; not repeated", asked);
        return Sip2Requests.confirmedFrom(replyType, after, config.institution(), patronId, now(),
            CONFIRMED_BY_ITEM_INFORMATION);
      }
      retries.increment();
      LOG.info("SIP2 {}: no usable reply and item information shows it not applied; sending it again", asked);
      return send(request, Retry.NEVER, left(deadline));
    }
  }

  /** What is left until {@code deadline} (System.nanoTime), at least 1 ns so that a late call times out cleanly. */
  private static Duration left(long deadline) {
    return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }

  private Sip2Message withSession(Sip2Message request, String asked, Retry retry, long deadline) {
    try {
      acquire(deadline, asked);
    } catch (Sip2Exception e) {
      throw e.beforeTheRequestWent();
    }
    // Whether the request was handed to a session: before that, a failure cannot have been applied by the SIGB
    // (a return's checkin is then sent again without doubt, hub ReturnProcessor).
    boolean written = false;
    try {
      for (int attempt = 0; ; attempt++) {
        Sip2Session session;
        try {
          session = usableSession(deadline, asked);
        } catch (Sip2Exception e) {
          throw written ? e : e.beforeTheRequestWent();
        }
        written = true;
        try {
          Sip2Message reply = session.exchange(request, deadline);
          release(session);
          return reply;
        } catch (Sip2ConnectionException | Sip2BadReplyException e) {
          // The session is closed either way: a stray reply left on it can never answer another request.
          discard(session);
          if (retry == Retry.SAFE && attempt == 0 && System.nanoTime() < deadline) {
            retries.increment();
            LOG.info("SIP2 {}; retrying on a fresh session", e.getMessage());
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

  /**
   * An idle session, probed with a 99 first if it sat idle past the keep-alive time (the server
   * may have dropped it silently), or a new one.
   */
  private Sip2Session usableSession(long deadline, String asked) {
    Sip2Session s;
    while ((s = idle.pollFirst()) != null) {
      if (!s.isQuiet()) {
        LOG.warn("SIP2 session had bytes waiting while idle (a late or extra reply); closed instead of used for {}",
            asked);
        discard(s);
        continue;
      }
      if (config.keepAliveAfter().isZero() || s.idleNanos() < config.keepAliveAfter().toNanos()) {
        return s;
      }
      long probeDeadline = System.nanoTime() + Math.max(1, (deadline - System.nanoTime()) / 3);
      try {
        s.status(probeDeadline, asked);
        keepAlives.increment();
        return s;
      } catch (Sip2Exception e) {
        LOG.info("SIP2 session idle for {} s did not answer a 99 ({}); replacing it",
            TimeUnit.NANOSECONDS.toSeconds(s.idleNanos()), e.getMessage());
        discard(s);
      }
    }
    return openSession(deadline, asked);
  }

  private void keepIdleSessionsAlive() {
    long limit = config.keepAliveAfter().toNanos();
    for (Sip2Session s : List.copyOf(idle)) {
      if (closed.get() || s.idleNanos() < limit) {
        continue;
      }
      // A ping uses a session like a request does: with a permit, so the pool never exceeds maxSessions.
      if (!permits.tryAcquire()) {
        return;
      }
      if (!idle.removeFirstOccurrence(s)) {
        permits.release();
        continue;
      }
      try {
        s.status(System.nanoTime() + config.requestTimeout().toNanos());
        keepAlives.increment();
        release(s);
      } catch (Sip2Exception e) {
        LOG.info("SIP2 keep-alive failed ({}); the session is dropped and will be reopened on demand", e.getMessage());
        discard(s);
      } catch (RuntimeException e) {
        LOG.warn("SIP2 keep-alive failed unexpectedly", e);
        discard(s);
      } finally {
        permits.release();
      }
    }
  }

  private void acquire(long deadline, String asked) {
    try {
      if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new Sip2TimeoutException(asked + ": all " + config.maxSessions()
            + " SIP2 sessions stayed busy until the deadline", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Sip2TimeoutException(asked + ": interrupted while waiting for a SIP2 session", e);
    }
  }

  private Sip2Session openSession(long deadline, String asked) {
    Sip2Session s = Sip2Session.open(config, deadline, asked);
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
        Duration.ofNanos(totalNanos.sum()), Duration.ofNanos(maxNanos.get()), open.get(), keepAlives.sum());
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      keepAlive.ifPresent(ScheduledExecutorService::shutdownNow);
      Sip2Session s;
      while ((s = idle.pollFirst()) != null) {
        discard(s);
      }
    }
  }
}
