package fr.navette.hub.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Wrong passwords counted per user name and per peer address. Past {@link Limits#perUser} failures for one name (or
 * {@link Limits#perPeer} from one address: a branch's desks often share one address behind its router, hence a
 * higher limit) the name (or address) is locked for {@link Limits#firstLock}, doubled at each further failure up to
 * {@link Limits#longestLock}; while locked every login is refused with 429 and Retry-After — a good password too, so
 * that a guesser learns nothing from the answer. Failures are forgotten {@link Limits#forgetAfter} after the last.
 * A good login clears its user name's count, not its address's: a guesser must not wipe the slate by logging into
 * an account of their own in between.
 *
 * <p>Checks under way count as tries ({@link #admit} / {@link #done}): a burst of guesses sent at once gets no more
 * tries than the limit while the first ones are being hashed (FOOTGUNS, the kiosks' PIN limiter). Kept in memory (a
 * restart forgets it; hubs sharing the load each count their own share), at most {@link #MAX_KEYS} names and
 * addresses: the oldest are dropped first.
 */
public final class LoginThrottle {
  public record Limits(int perUser, int perPeer, Duration firstLock, Duration longestLock, Duration forgetAfter) {
    public Limits {
      if (perUser < 1 || perPeer < 1 || firstLock.isNegative() || longestLock.compareTo(firstLock) < 0) {
        throw new IllegalArgumentException("login limits: at least one try, locks positive and growing");
      }
    }

    /** 5 wrong passwords per name, 20 per address; locked 30 s, then 1 min, 2 min ... at most 15 min. */
    public static Limits defaults() {
      return new Limits(5, 20, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofMinutes(15));
    }
  }

  static final int MAX_KEYS = 10_000;

  private static final class Count {
    int failures;
    int inFlight;
    Instant last = Instant.EPOCH;
    Instant lockedUntil = Instant.EPOCH;
  }

  private final Limits limits;
  private final Clock clock;
  private final Map<String, Count> counts = new HashMap<>();

  public LoginThrottle(Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Lets one password check for {@code user} from {@code peer} go on (empty), or says how long to wait. Each check
   * let through ends with {@link #done}.
   */
  public synchronized Optional<Duration> admit(String user, String peer) {
    Instant now = clock.instant();
    forgetOld(now);
    Count u = counts.computeIfAbsent(userKey(user), k -> new Count());
    Count p = counts.computeIfAbsent(peerKey(peer), k -> new Count());
    Duration wait = max(waitFor(u, limits.perUser(), now), waitFor(p, limits.perPeer(), now));
    if (!wait.isZero()) {
      return Optional.of(wait);
    }
    u.inFlight++;
    p.inFlight++;
    return Optional.empty();
  }

  /** The end of a check {@link #admit} let through: {@code good} whether the password was right. */
  public synchronized boolean done(String user, String peer, boolean good) {
    Instant now = clock.instant();
    Count u = counts.computeIfAbsent(userKey(user), k -> new Count());
    Count p = counts.computeIfAbsent(peerKey(peer), k -> new Count());
    u.inFlight = Math.max(0, u.inFlight - 1);
    p.inFlight = Math.max(0, p.inFlight - 1);
    if (good) {
      u.failures = 0;
      u.lockedUntil = Instant.EPOCH;
      return false;
    }
    boolean locked = failed(u, limits.perUser(), now);
    return failed(p, limits.perPeer(), now) || locked;
  }

  /** Counts one failure; whether it locked (or locked longer). */
  private boolean failed(Count c, int limit, Instant now) {
    c.failures++;
    c.last = now;
    if (c.failures >= limit) {
      int beyond = Math.min(c.failures - limit, 20);
      Duration lock = limits.firstLock().multipliedBy(1L << beyond);
      if (lock.compareTo(limits.longestLock()) > 0) {
        lock = limits.longestLock();
      }
      c.lockedUntil = now.plus(lock);
      return true;
    }
    return false;
  }

  private static Duration waitFor(Count c, int limit, Instant now) {
    if (c.lockedUntil.isAfter(now)) {
      return Duration.between(now, c.lockedUntil);
    }
    // Not locked, but as many checks under way as tries left: this one waits for them (a second, then try again).
    if (c.failures < limit && c.failures + c.inFlight >= limit) {
      return Duration.ofSeconds(1);
    }
    return Duration.ZERO;
  }

  private void forgetOld(Instant now) {
    Iterator<Map.Entry<String, Count>> it = counts.entrySet().iterator();
    while (it.hasNext()) {
      Count c = it.next().getValue();
      if (c.inFlight == 0 && !c.lockedUntil.isAfter(now) && !c.last.plus(limits.forgetAfter()).isAfter(now)) {
        it.remove();
      }
    }
    if (counts.size() > MAX_KEYS) {
      counts.entrySet().stream().filter(e -> e.getValue().inFlight == 0)
          .sorted(java.util.Comparator.comparing(e -> e.getValue().last)).limit(counts.size() - MAX_KEYS).toList()
          .forEach(e -> counts.remove(e.getKey()));
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String userKey(String user) {
    return "u:" + user.toLowerCase(java.util.Locale.ROOT);
  }

  private static String peerKey(String peer) {
    return "p:" + peer;
  }
}
