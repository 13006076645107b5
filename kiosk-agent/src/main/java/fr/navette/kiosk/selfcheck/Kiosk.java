package fr.navette.kiosk.selfcheck;

import static fr.navette.schema.text.Catalogue.ENGLISH;
import static fr.navette.schema.text.Catalogue.FRENCH;

import fr.navette.agent.RequestTimeoutException;
import fr.navette.kiosk.text.KioskTexts;
import fr.navette.printer.PrinterException;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-check kiosk's work: one loop thread owns the reader and the patron's session; the page's requests are
 * run on that loop, one at a time, and a failing task is logged without stopping it. The loop also looks at the
 * pad (what the screen shows, a patron card laid on it) and ends a session left idle, dropping everything of
 * the patron.
 *
 * <p>A session is named by a random token the page holds (a cookie): a request with another token is treated
 * as having no session, so a stale tab never acts for the next patron.
 */
public final class Kiosk implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Kiosk.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * What the page shows now.
   *
   * @param session whether the asking page holds the current session
   * @param greeting the patron's first name, when the SIGB gave one
   * @param pad the tags of documents on the pad
   * @param cardOnPad a patron card lying on the pad, masked
   * @param viewOnly for a view-only session, why the patron may not borrow
   */
  public record State(boolean session, Optional<String> greeting, Optional<String> maskedCard, List<PadDocument> pad,
                      int unreadableTags, Optional<String> cardOnPad, Optional<Text> viewOnly) {}

  /** A login's result: the token of the new session, or why there is none. */
  public record LoginResult(Optional<String> token, Optional<Text> refusal) {}

  private final KioskConfig config;
  private final Pad pad;
  private final SelfCheck selfCheck;
  private final Clock clock;
  private final ZoneId zone;
  private final Optional<Printer> printer;
  private final ScheduledExecutorService loop;
  private volatile Pad.Reading lastReading = Pad.Reading.EMPTY;
  private volatile boolean readerAnswering = true;
  private volatile Duration idleTimeout;
  private volatile Runnable heartbeat = () -> {};
  // Confined to the loop thread.
  private PatronSession session;
  private String token;
  private Instant lastTouch;

  public Kiosk(KioskConfig config, RfidReader reader, SigbAsk sigb, SelfCheck.EventRecorder events, Clock clock,
               ZoneId zone, Optional<Printer> printer) {
    this.config = config;
    this.pad = new Pad(reader, config.readerTimeout());
    this.selfCheck = new SelfCheck(config, sigb,
        new TagSecurity(reader, config.security(), config.readerTimeout(), config.disarmAttempts()), events, clock);
    this.clock = clock;
    this.zone = zone;
    this.printer = printer;
    this.idleTimeout = config.idleTimeout();
    this.loop = Executors.newSingleThreadScheduledExecutor(
        r -> Thread.ofPlatform().name("kiosk-" + config.deviceId()).daemon(true).unstarted(r));
  }

  public KioskConfig config() {
    return config;
  }

  /** Starts looking at the pad and watching for idle sessions. */
  public void start() {
    long every = config.padScanInterval().toMillis();
    loop.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    LOG.info("kiosk {} at {} started (idle timeout {}, SIGB deadline {})", config.deviceId(), config.site(),
        config.idleTimeout(), config.requestDeadline());
  }

  // Never throws: a periodic task that throws is never run again.
  private void tick() {
    try {
      heartbeat.run();
      endIfIdle();
      lastReading = pad.read();
      readerAnswering = true;
    } catch (ReaderException e) {
      if (readerAnswering) {
        LOG.warn("kiosk {}: reader: {}", config.deviceId(), e.getMessage());
      }
      readerAnswering = false;
    } catch (RuntimeException e) {
      LOG.error("kiosk {}: {}", config.deviceId(), e.toString(), e);
    }
  }

  /** Called at each turn of the loop: the agent's health heartbeat. */
  public void onTick(Runnable heartbeat) {
    this.heartbeat = heartbeat;
  }

  /** Whether the reader answered at the last look at the pad. */
  public boolean readerAnswering() {
    return readerAnswering;
  }

  /** Changes the idle timeout (the network's config); the session in place gets the new one. */
  public void idleTimeout(Duration idle) {
    this.idleTimeout = idle;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  private void endIfIdle() {
    if (session != null && clock.instant().isAfter(lastTouch.plus(idleTimeout))) {
      LOG.info("kiosk {}: session of {} ended after {} idle", config.deviceId(), session.maskedCard(), idleTimeout);
      end();
    }
  }

  private void end() {
    session = null;
    token = null;
    lastTouch = null;
  }

  public State state(Optional<String> token) {
    return run(() -> {
      Optional<PatronSession> s = current(token);
      Pad.Reading reading = lastReading;
      return new State(s.isPresent(), s.flatMap(PatronSession::greetingName), s.map(PatronSession::maskedCard),
          reading.documents(), reading.unreadable().size(),
          reading.patronCard().map(fr.navette.schema.PatronPseudonym::mask), s.flatMap(PatronSession::viewOnly));
    });
  }

  /** Whether the asking page holds a view-only session (a patron barred from borrowing). */
  public boolean viewOnly(Optional<String> token) {
    return run(() -> current(token).map(PatronSession::isViewOnly).orElse(false));
  }

  /**
   * Opens a session. With an empty {@code card}, the patron card lying on the pad is used. Ends any session
   * in place: the person at the screen is the one logging in.
   */
  public LoginResult login(String card, String pin) {
    return run(() -> {
      end();
      String number = card == null || card.isBlank() ? readPad().patronCard().orElse("") : card;
      SelfCheck.Login login = selfCheck.login(number, pin);
      if (login.session().isEmpty()) {
        return new LoginResult(Optional.empty(), login.refusal());
      }
      session = login.session().get();
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      this.token = HexFormat.of().formatHex(bytes);
      lastTouch = clock.instant();
      return new LoginResult(Optional.of(this.token), Optional.empty());
    });
  }

  /** Keeps the session alive (the patron touched the screen). False when there is none. */
  public boolean touch(Optional<String> token) {
    return run(() -> withSession(token, s -> true).orElse(false));
  }

  /** Borrows what lies on the pad; empty when there is no session. */
  public Optional<List<ItemOutcome>> borrow(Optional<String> token) {
    return run(() -> withSession(token, s -> {
      Pad.Reading reading = readPad();
      if (s.loans().isEmpty()) {
        refreshLoans(s);
      }
      return selfCheck.borrow(s, reading.documents());
    }));
  }

  public Optional<ItemOutcome> renew(Optional<String> token, String itemId) {
    return run(() -> withSession(token, s -> selfCheck.renew(s, itemId)));
  }

  /** The account, or empty with no session; a {@link RequestTimeoutException} when the hub does not answer. */
  public Optional<Optional<Account>> account(Optional<String> token) throws RequestTimeoutException {
    Callable<Optional<Optional<Account>>> task = () -> withSession(token, s -> {
      try {
        return selfCheck.account(s);
      } catch (RequestTimeoutException e) {
        throw new Wrapped(e);
      }
    });
    try {
      return run(task);
    } catch (Wrapped w) {
      throw w.timeout;
    }
  }

  public Optional<Receipt> receipt(Optional<String> token) {
    return run(() -> withSession(token, this::receiptOf));
  }

  /** A print's result: printed, or why not in words the patron reads. */
  public record Printed(boolean printed, Text message) {}

  /** Prints the session's receipt in French; empty when there is no session. */
  public Optional<Printed> print(Optional<String> token) {
    return print(token, FRENCH);
  }

  /** Prints the session's receipt in the patron's language; empty when there is no session. */
  public Optional<Printed> print(Optional<String> token, java.util.Locale language) {
    return run(() -> withSession(token, s -> {
      if (printer.isEmpty()) {
        return new Printed(false, Text.of("print.no-printer"));
      }
      try {
        printer.get().print(receiptOf(s), language);
        return new Printed(true, Text.of("print.printed"));
      } catch (PrinterException e) {
        LOG.warn("kiosk {}: receipt not printed: {}", config.deviceId(), e.getMessage());
        String why = "printer." + e.kind().name();
        return new Printed(false, new Text(KioskTexts.say(FRENCH, "print.failed", KioskTexts.say(FRENCH, why)),
            KioskTexts.say(ENGLISH, "print.failed", KioskTexts.say(ENGLISH, why))));
      }
    }));
  }

  public boolean hasPrinter() {
    return printer.isPresent();
  }

  public void logout(Optional<String> token) {
    run(() -> {
      if (current(token).isPresent()) {
        LOG.info("kiosk {}: session of {} ended by the patron", config.deviceId(), session.maskedCard());
        end();
      }
      return null;
    });
  }

  // A fresh look at the pad; when the reader fails, the last look (a disarm will then fail and be undone).
  private Pad.Reading readPad() {
    try {
      lastReading = pad.read();
    } catch (ReaderException e) {
      LOG.warn("kiosk {}: reader: {}", config.deviceId(), e.getMessage());
    }
    return lastReading;
  }

  private Receipt receiptOf(PatronSession s) {
    List<Receipt.Line> lines = s.receiptLines().stream()
        .map(o -> new Receipt.Line(o.itemId(), o.title(), o.dueDate(), o.status() == ItemOutcome.Status.RENEWED))
        .toList();
    // A view-only session lends nothing: its receipt is the account, asked afresh (the last one seen in the
    // session when the SIGB does not answer now).
    Optional<Account> account = Optional.empty();
    if (s.isViewOnly()) {
      try {
        account = selfCheck.account(s);
      } catch (RequestTimeoutException e) {
        LOG.warn("kiosk {}: account not answered for the receipt: {}", config.deviceId(), e.getMessage());
      }
      account = account.or(s::lastAccount);
    }
    return new Receipt(config.site(), config.libraryName(), config.deviceId(),
        LocalDateTime.ofInstant(clock.instant(), zone),
        s.maskedCard(), lines, account);
  }

  private void refreshLoans(PatronSession s) {
    try {
      selfCheck.account(s);
    } catch (RequestTimeoutException e) {
      // Without the loans no renewal can be offered; the SIGB still answers each checkout on its own.
      LOG.warn("kiosk {}: loans not known before borrowing: {}", config.deviceId(), e.getMessage());
    }
  }

  private Optional<PatronSession> current(Optional<String> token) {
    endIfIdle();
    if (session == null || token.isEmpty() || !token.get().equals(this.token)) {
      return Optional.empty();
    }
    return Optional.of(session);
  }

  private <T> Optional<T> withSession(Optional<String> token, java.util.function.Function<PatronSession, T> work) {
    Optional<PatronSession> s = current(token);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    T result = work.apply(s.get());
    lastTouch = clock.instant();
    return Optional.ofNullable(result);
  }

  private <T> T run(Callable<T> task) {
    Future<T> result = loop.submit(task);
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.cancel(true);
      throw new IllegalStateException("interrupted while the kiosk worked", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Carries a checked timeout out of a task run on the loop. */
  private static final class Wrapped extends RuntimeException {
    final RequestTimeoutException timeout;

    Wrapped(RequestTimeoutException timeout) {
      super(timeout.getMessage(), timeout, false, false);
      this.timeout = timeout;
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
