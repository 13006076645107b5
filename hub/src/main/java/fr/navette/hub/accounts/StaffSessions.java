package fr.navette.hub.accounts;

import fr.navette.hub.web.StaffLogins;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open staff sessions, in memory. The cookie carries 256 random bits; only their SHA-256 is kept, so that a
 * heap dump or a debugger shows no cookie anyone could use. In memory rather than in the store: nothing is written
 * at every request (the idle time moves at each one, and SQLite has one writer, busy with events), a stolen backup
 * holds no session, and a restart of the hub logs staff out — a small cost for a login that takes a second. Hubs
 * sharing the load behind one address need sticky sessions (README).
 *
 * <p>A session ends when unused for {@link AccountSettings#idleExpiry()}, {@link AccountSettings#absoluteExpiry()}
 * after its login, at logout, or when its account is disabled or its password reset ({@link #closeAllOf}). Each
 * request reads its account again, so that a role or branches changed by an admin apply at once.
 */
public final class StaffSessions implements StaffLogins {
  /** The most sessions kept; past it, expired ones are dropped, then the oldest. */
  static final int MAX_SESSIONS = 10_000;
  private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

  private record Session(String user, String csrf, Instant openedAt, Instant lastUsed) {}

  /** A session just opened: the cookie's value (given once, never kept) and its CSRF token. */
  public record Opened(String cookie, String csrf) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final StaffAccounts accounts;
  private final AccountSettings settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  StaffSessions(StaffAccounts accounts, AccountSettings settings, Clock clock) {
    this.accounts = accounts;
    this.settings = settings;
    this.clock = clock;
  }

  Opened open(String user) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.entrySet().removeIf(e -> expired(e.getValue(), now));
      if (sessions.size() >= MAX_SESSIONS) {
        sessions.entrySet().stream().min(java.util.Comparator.comparing(e -> e.getValue().lastUsed()))
            .ifPresent(e -> sessions.remove(e.getKey()));
      }
    }
    String cookie = randomToken();
    String csrf = randomToken();
    sessions.put(digest(cookie), new Session(user, csrf, now, now));
    return new Opened(cookie, csrf);
  }

  @Override
  public Optional<SignedIn> signedIn(String cookie) {
    if (cookie == null || cookie.length() != 43) {
      return Optional.empty();
    }
    String key = digest(cookie);
    Session session = sessions.get(key);
    Instant now = clock.instant();
    if (session == null) {
      return Optional.empty();
    }
    if (expired(session, now)) {
      sessions.remove(key, session);
      return Optional.empty();
    }
    Optional<StaffAccounts.Account> account = accounts.find(session.user()).filter(a -> !a.disabled());
    if (account.isEmpty()) {
      sessions.remove(key);
      return Optional.empty();
    }
    sessions.replace(key, session, new Session(session.user(), session.csrf(), session.openedAt(), now));
    StaffAccounts.Account a = account.get();
    return Optional.of(new SignedIn(a.asStaffUser(), session.csrf(), a.language(), a.homeBranch(), a.branches()));
  }

  /** Closes the session of this cookie; the user it belonged to, if it was open. */
  Optional<String> close(String cookie) {
    if (cookie == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(sessions.remove(digest(cookie))).map(Session::user);
  }

  /** Closes every session of {@code user} (disabled, password reset); how many there were. */
  int closeAllOf(String user) {
    int[] closed = {0};
    sessions.entrySet().removeIf(e -> {
      boolean match = e.getValue().user().equals(user);
      if (match) {
        closed[0]++;
      }
      return match;
    });
    return closed[0];
  }

  /** How many sessions are open (expired ones not yet dropped included). */
  public int count() {
    return sessions.size();
  }

  private boolean expired(Session s, Instant now) {
    return !now.isBefore(s.lastUsed().plus(settings.idleExpiry()))
        || !now.isBefore(s.openedAt().plus(settings.absoluteExpiry()));
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return TOKEN.encodeToString(bytes);
  }

  private static String digest(String cookie) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(cookie.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
