package fr.navette.hub.kiosks;

import fr.navette.schema.PatronPseudonym;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wrong tries at the kiosks (an unknown card or a wrong PIN, as the SIGB answered), counted per card and per kiosk
 * within {@link KioskSecurity#window()}; past the limit the card, or the kiosk, is locked: the hub refuses it without
 * asking the SIGB until the lock ends ({@link KioskSecurity#lockFor()}) or staff lift it. A right PIN clears the
 * card's count, not the kiosk's: a kiosk guessing must not wipe its own slate by logging a known card in between.
 *
 * <p>Cards are known here by their pseudonym only (never the barcode, not even in memory), and shown masked. Kept
 * in memory: the counts live ten minutes and are written at every wrong try, not worth a store's write; the cost
 * is that a restart forgets them, and that hubs sharing the load each count their own share (see the hub's README).
 * Time comes from the injected clock.
 */
public final class PinAttempts {
  private static final Logger LOG = LoggerFactory.getLogger(PinAttempts.class);

  /** What a lock holds: one card, or one kiosk. */
  public enum Scope { CARD, KIOSK }

  /**
   * A lock as staff see it ({@code GET /api/kiosk-locks}).
   *
   * @param who the card's pseudonym masked, or the kiosk's device id
   * @param site for a kiosk, its branch; for a card, the branch of the kiosk of the last wrong try
   */
  public record Lock(String scope, String who, String site, Instant since, Instant until) {}

  private record Held(String site, Instant since, Instant until) {}

  private final KioskSecurity limits;
  private final Clock clock;
  private final Map<String, Deque<Instant>> cardFailures = new HashMap<>();
  private final Map<String, Deque<Instant>> kioskFailures = new HashMap<>();
  private final Map<String, Held> cardLocks = new HashMap<>();
  private final Map<String, Held> kioskLocks = new HashMap<>();
  private final Map<String, Integer> cardInFlight = new HashMap<>();
  private final Map<String, Integer> kioskInFlight = new HashMap<>();

  public PinAttempts(KioskSecurity limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  public KioskSecurity limits() {
    return limits;
  }

  /**
   * Lets one PIN check of {@code card} at {@code kiosk} go to the SIGB (empty), or names what bars it: a lock, or as
   * many checks already under way as tries are left before a lock — a burst of guesses sent at once must not get
   * more tries than the limit while the SIGB answers the first ones. Each check let through ends with {@link #done}.
   */
  public synchronized Optional<Scope> admit(String cardPseudonym, String kiosk) {
    forgetOld(clock.instant());
    if (cardLocks.containsKey(cardPseudonym)) {
      return Optional.of(Scope.CARD);
    }
    if (kioskLocks.containsKey(kiosk)) {
      return Optional.of(Scope.KIOSK);
    }
    if (tries(cardFailures, cardInFlight, cardPseudonym) >= limits.cardFailures()) {
      return Optional.of(Scope.CARD);
    }
    if (tries(kioskFailures, kioskInFlight, kiosk) >= limits.kioskFailures()) {
      return Optional.of(Scope.KIOSK);
    }
    cardInFlight.merge(cardPseudonym, 1, Integer::sum);
    kioskInFlight.merge(kiosk, 1, Integer::sum);
    return Optional.empty();
  }

  /** The end of a check {@link #admit} let through, whatever came of it (counted apart: {@link #failed}). */
  public synchronized void done(String cardPseudonym, String kiosk) {
    cardInFlight.computeIfPresent(cardPseudonym, (k, n) -> n > 1 ? n - 1 : null);
    kioskInFlight.computeIfPresent(kiosk, (k, n) -> n > 1 ? n - 1 : null);
  }

  private static int tries(Map<String, Deque<Instant>> failures, Map<String, Integer> inFlight, String key) {
    Deque<Instant> times = failures.get(key);
    return (times == null ? 0 : times.size()) + inFlight.getOrDefault(key, 0);
  }

  /**
   * One wrong try of {@code card} at {@code kiosk} (of branch {@code site}).
   *
   * @return the lock this try brought about, if it did
   */
  public synchronized Optional<Scope> failed(String cardPseudonym, String kiosk, String site) {
    Instant now = clock.instant();
    forgetOld(now);
    Optional<Scope> locked = Optional.empty();
    if (count(kioskFailures, kiosk, now) >= limits.kioskFailures()) {
      kioskFailures.remove(kiosk);
      kioskLocks.put(kiosk, new Held(site, now, now.plus(limits.lockFor())));
      LOG.warn("kiosk {} at {} locked until {}: {} wrong card or PIN tries within {} (staff lift it: POST"
          + " /api/kiosk-locks/lift)", kiosk, site, now.plus(limits.lockFor()), limits.kioskFailures(),
          limits.window());
      locked = Optional.of(Scope.KIOSK);
    }
    if (count(cardFailures, cardPseudonym, now) >= limits.cardFailures()) {
      cardFailures.remove(cardPseudonym);
      cardLocks.put(cardPseudonym, new Held(site, now, now.plus(limits.lockFor())));
      LOG.warn("card {} locked until {}: {} wrong tries within {} (last at kiosk {})", masked(cardPseudonym),
          now.plus(limits.lockFor()), limits.cardFailures(), limits.window(), kiosk);
      locked = Optional.of(Scope.CARD);
    }
    return locked;
  }

  /** A right PIN: the card's wrong tries are forgotten. */
  public synchronized void succeeded(String cardPseudonym) {
    cardFailures.remove(cardPseudonym);
  }

  /** Lifts the card's lock and forgets its wrong tries; false when it was not locked. */
  public synchronized boolean liftCard(String cardPseudonym) {
    forgetOld(clock.instant());
    cardFailures.remove(cardPseudonym);
    boolean was = cardLocks.remove(cardPseudonym) != null;
    LOG.info("card {}: lock {}", masked(cardPseudonym), was ? "lifted by staff" : "lift asked, none held");
    return was;
  }

  /** Lifts the kiosk's lock and forgets its wrong tries; false when it was not locked. */
  public synchronized boolean liftKiosk(String kiosk) {
    forgetOld(clock.instant());
    kioskFailures.remove(kiosk);
    boolean was = kioskLocks.remove(kiosk) != null;
    LOG.info("kiosk {}: lock {}", kiosk, was ? "lifted by staff" : "lift asked, none held");
    return was;
  }

  /** The lock held on this card, if one is in force (a patron's subject access shows it). */
  public synchronized Optional<Lock> cardLock(String cardPseudonym) {
    forgetOld(clock.instant());
    Held h = cardLocks.get(cardPseudonym);
    return h == null ? Optional.empty()
        : Optional.of(new Lock(name(Scope.CARD), masked(cardPseudonym), h.site(), h.since(), h.until()));
  }

  /** The locks in force, the newest first. */
  public synchronized List<Lock> locks() {
    forgetOld(clock.instant());
    List<Lock> all = new ArrayList<>();
    cardLocks.forEach((card, h) -> all.add(new Lock(name(Scope.CARD), masked(card), h.site(), h.since(),
        h.until())));
    kioskLocks.forEach((kiosk, h) -> all.add(new Lock(name(Scope.KIOSK), kiosk, h.site(), h.since(), h.until())));
    all.sort(Comparator.comparing(Lock::since).reversed());
    return all;
  }

  /** How many wrong tries {@code key} made within the window, this one included. */
  private int count(Map<String, Deque<Instant>> failures, String key, Instant now) {
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    times.addLast(now);
    return times.size();
  }

  /** Ended locks and tries past the window go, so that a kiosk spraying card numbers fills no memory for long. */
  private void forgetOld(Instant now) {
    Instant since = now.minus(limits.window());
    for (Map<String, Deque<Instant>> failures : List.of(cardFailures, kioskFailures)) {
      failures.values().forEach(times -> {
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
          times.removeFirst();
        }
      });
      failures.values().removeIf(Deque::isEmpty);
    }
    cardLocks.values().removeIf(h -> !now.isBefore(h.until()));
    kioskLocks.values().removeIf(h -> !now.isBefore(h.until()));
  }

  private static String name(Scope scope) {
    return scope.name().toLowerCase(Locale.ROOT);
  }

  /** A pseudonym for a screen or a log: its key id, and the last characters of its hash only. */
  static String masked(String pseudonym) {
    int dot = pseudonym.lastIndexOf('.');
    return dot < 0 ? PatronPseudonym.mask(pseudonym)
        : pseudonym.substring(0, dot + 1) + PatronPseudonym.mask(pseudonym.substring(dot + 1));
  }
}
