package fr.navette.hub.accounts;

import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.store.Database;
import fr.navette.hub.text.Said;
import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.StaffUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff accounts, their logins and sessions: the rules. Accounts are made by an admin (the users page, or
 * {@code navette hub --create-admin} for the first), each with a role ({@link StaffUser.Role}), its branches (home
 * branch first; at least one for branch staff, each known to the network), a language and a password of at least
 * {@value #MIN_PASSWORD} characters, kept as an Argon2id hash ({@link PasswordHashing}). Logins are throttled per
 * user name and per address ({@link LoginThrottle}); an unknown user name costs the same hashing as a wrong
 * password. Every change is in the audit log, never a password.
 */
public final class Accounts {
  private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
  public static final int MIN_PASSWORD = 12;
  public static final int MAX_PASSWORD = 256;
  private static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");
  private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** What a login came to. */
  public sealed interface Login {
    record Opened(StaffAccounts.Account account, StaffSessions.Opened session) implements Login {}
    record Refused() implements Login {}
    record Throttled(Duration retryAfter) implements Login {}
  }

  /** What an admin changes of an account; each part optional. */
  public record Change(Optional<String> role, Optional<List<String>> branches, Optional<Boolean> disabled,
                       Optional<String> password, Optional<String> language) {}

  private final StaffAccounts store;
  private final StaffSessions sessions;
  private final LoginThrottle throttle;
  private final PasswordHashing hashing;
  private final AuditLog audit;
  private final Clock clock;
  private final Supplier<Set<String>> knownBranches;
  /** Argon2id takes 19 MiB a hash: a burst of logins hashes a few at a time, not a hundred at once. */
  private final Semaphore hashingSlots = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

  /**
   * @param knownBranches the network's branch codes (named branches and rounds' stops); empty: any well-formed code
   */
  public Accounts(Database db, AuditLog audit, Clock clock, AccountSettings settings,
      Supplier<Set<String>> knownBranches) {
    this.store = new StaffAccounts(db);
    this.sessions = new StaffSessions(store, settings, clock);
    this.throttle = new LoginThrottle(settings.throttle(), clock);
    this.hashing = new PasswordHashing(settings.cost());
    this.audit = audit;
    this.clock = clock;
    this.knownBranches = knownBranches;
  }

  public StaffSessions sessions() {
    return sessions;
  }

  public List<StaffAccounts.Account> list() {
    return store.list();
  }

  public Optional<StaffAccounts.Account> find(String user) {
    return store.find(user);
  }

  public boolean any() {
    return !store.list().isEmpty();
  }

  /** Checks {@code password} for {@code user} coming from {@code peer} and opens a session when it is right. */
  public Login login(String user, char[] password, String peer) {
    String name = user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
    // A name past 64 characters is nobody's: cut, so that a megabyte of "name" is not kept as a throttle key.
    name = name.length() > 65 ? name.substring(0, 65) : name;
    Optional<Duration> wait = throttle.admit(name, peer);
    if (wait.isPresent()) {
      return new Login.Throttled(wait.get());
    }
    boolean good = false;
    Optional<StaffAccounts.Account> account = Optional.empty();
    try {
      account = USER.matcher(name).matches() ? store.find(name) : Optional.empty();
      hashingSlots.acquireUninterruptibly();
      try {
        if (account.isPresent() && password.length <= MAX_PASSWORD) {
          good = hashing.verify(password, account.get().passwordHash()) && !account.get().disabled();
        } else {
          hashing.verifyNobody(password.length <= MAX_PASSWORD ? password : new char[0]);
        }
      } finally {
        hashingSlots.release();
      }
    } finally {
      boolean locked = throttle.done(name, peer, good);
      if (locked) {
        LOG.warn("logins of {} or from {} locked after wrong passwords", account.map(StaffAccounts.Account::user)
            .orElse("an unknown user name"), peer);
        if (account.isPresent()) {
          audit.recordAs("hub", "login-locked", account.get().user(), "from " + peer);
        }
      }
    }
    if (!good) {
      return new Login.Refused();
    }
    StaffAccounts.Account a = account.get();
    String newHash = hashing.needsRehash(a.passwordHash()) ? hashing.hash(password) : null;
    store.loggedIn(a.user(), clock.instant(), newHash);
    audit.recordAs(a.user(), "login", a.user(), "from " + peer);
    return new Login.Opened(a, sessions.open(a.user()));
  }

  /** Closes the session of {@code cookie}, if open. */
  public void logout(String cookie) {
    sessions.close(cookie).ifPresent(user -> audit.recordAs(user, "logout", user, ""));
  }

  /** The account's language preference ({@code fr} or {@code en}). */
  public void language(String user, String language) {
    store.language(user, checkedLanguage(language));
  }

  /** A new account; the admin who makes it is the current user (or {@code actor} outside a request). */
  public StaffAccounts.Account create(String user, char[] password, String role, List<String> branches,
      String language, String actor) {
    String name = checkedName(user);
    StaffUser.Role checkedRole = checkedRole(role);
    List<String> checkedBranches = checkedBranches(checkedRole, branches);
    String lang = checkedLanguage(language == null ? "fr" : language);
    checkedPassword(password);
    String hash = hash(password);
    Instant now = clock.instant();
    StaffAccounts.Account account = new StaffAccounts.Account(name, hash, checkedRole, checkedBranches, lang, false,
        now, now, now, null);
    store.db().inTransaction(c -> {
      if (store.find(c, name).isPresent()) {
        throw ApiProblem.conflict(Said.of("error.user-exists", name));
      }
      store.insert(c, account);
      return null;
    });
    audit.recordAs(actor(actor), "user-created", name, "role " + checkedRole.wire()
        + (checkedBranches.isEmpty() ? "" : ", branches " + String.join(" ", checkedBranches)));
    return account;
  }

  /**
   * Changes an account as {@code change} says; refuses to leave the network without an enabled admin. Disabling it or
   * resetting its password closes its sessions.
   */
  public StaffAccounts.Account change(String user, Change change, String actor) {
    String name = user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
    Optional<StaffUser.Role> role = change.role().map(Accounts::checkedRole);
    Optional<String> lang = change.language().map(Accounts::checkedLanguage);
    change.password().ifPresent(p -> checkedPassword(p.toCharArray()));
    Optional<String> hash = change.password().map(p -> hash(p.toCharArray()));
    List<String> what = new ArrayList<>();
    StaffAccounts.Account changed = store.db().inTransaction(c -> {
      StaffAccounts.Account before = store.find(c, name)
          .orElseThrow(() -> ApiProblem.notFound(Said.of("error.no-user", ApiProblem.abbreviated(name))));
      StaffUser.Role newRole = role.orElse(before.role());
      List<String> branches = checkedBranches(newRole, change.branches().orElse(before.branches()));
      boolean disabled = change.disabled().orElse(before.disabled());
      if (before.role() == StaffUser.Role.ADMIN && !before.disabled()
          && (newRole != StaffUser.Role.ADMIN || disabled) && store.enabledAdmins(c, name) == 0) {
        throw ApiProblem.conflict(Said.of("error.last-admin"));
      }
      Instant now = clock.instant();
      StaffAccounts.Account after = new StaffAccounts.Account(name, hash.orElse(before.passwordHash()), newRole,
          branches, lang.orElse(before.language()), disabled, before.createdAt(), now,
          hash.isPresent() ? now : before.passwordChangedAt(), before.lastLoginAt());
      store.update(c, after);
      if (newRole != before.role()) {
        what.add("role " + before.role().wire() + " → " + newRole.wire());
      }
      if (!branches.equals(before.branches())) {
        what.add("branches " + String.join(" ", before.branches()) + " → " + String.join(" ", branches));
      }
      if (disabled != before.disabled()) {
        what.add(disabled ? "disabled" : "enabled");
      }
      if (hash.isPresent()) {
        what.add("password reset");
      }
      if (!after.language().equals(before.language())) {
        what.add("language " + after.language());
      }
      return after;
    });
    if (changed.disabled() || hash.isPresent()) {
      int closed = sessions.closeAllOf(name);
      if (closed > 0) {
        what.add(closed + " session(s) closed");
      }
    }
    if (!what.isEmpty()) {
      String action = what.contains("disabled") ? "user-disabled"
          : hash.isPresent() && what.stream().allMatch(w -> w.equals("password reset") || w.endsWith("closed"))
          ? "password-reset" : "user-changed";
      audit.recordAs(actor(actor), action, name, String.join(", ", what));
    }
    return changed;
  }

  /**
   * For {@code navette hub --create-admin}: makes {@code user} an enabled admin with this password, creating the
   * account or, when it exists, resetting it (the way back in for an administrator who lost the password).
   *
   * @return whether the account was created (false: it existed and was reset)
   */
  public boolean createOrResetAdmin(String user, char[] password, String actor) {
    String name = checkedName(user);
    if (store.find(name).isEmpty()) {
      create(name, password, StaffUser.Role.ADMIN.wire(), List.of(), "fr", actor);
      return true;
    }
    change(name, new Change(Optional.of(StaffUser.Role.ADMIN.wire()), Optional.empty(), Optional.of(false),
        Optional.of(new String(password)), Optional.empty()), actor);
    return false;
  }

  /** A new hash of {@code password}, a hashing slot held. */
  private String hash(char[] password) {
    hashingSlots.acquireUninterruptibly();
    try {
      return hashing.hash(password);
    } finally {
      hashingSlots.release();
    }
  }

  private static String actor(String actor) {
    return actor != null ? actor : StaffUser.current().name();
  }

  static String checkedName(String user) {
    String name = user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
    if (!USER.matcher(name).matches()) {
      throw ApiProblem.badRequest(Said.of("error.user-name"));
    }
    return name;
  }

  private static void checkedPassword(char[] password) {
    if (password.length < MIN_PASSWORD) {
      throw ApiProblem.badRequest(Said.of("error.password-short", MIN_PASSWORD));
    }
    if (password.length > MAX_PASSWORD) {
      throw ApiProblem.badRequest(Said.of("error.password-long", MAX_PASSWORD));
    }
  }

  static StaffUser.Role checkedRole(String role) {
    for (StaffUser.Role r : StaffUser.Role.values()) {
      if (r.wire().equals(role)) {
        return r;
      }
    }
    throw ApiProblem.badRequest(Said.of("error.role", ApiProblem.abbreviated(String.valueOf(role))));
  }

  static String checkedLanguage(String language) {
    if (!"fr".equals(language) && !"en".equals(language)) {
      throw ApiProblem.badRequest(Said.of("error.language", ApiProblem.abbreviated(String.valueOf(language))));
    }
    return language;
  }

  private List<String> checkedBranches(StaffUser.Role role, List<String> branches) {
    Set<String> known = knownBranches.get();
    LinkedHashSet<String> checked = new LinkedHashSet<>();
    for (String branch : branches) {
      String code = branch == null ? "" : branch.strip();
      if (!BRANCH.matcher(code).matches() || (!known.isEmpty() && !known.contains(code))) {
        throw ApiProblem.badRequest(Said.of("error.branch-unknown", ApiProblem.abbreviated(code)));
      }
      checked.add(code);
    }
    if (role == StaffUser.Role.BRANCH_STAFF && checked.isEmpty()) {
      throw ApiProblem.badRequest(Said.of("error.branch-needed"));
    }
    return List.copyOf(checked);
  }

  /** Forgets a password given as characters, once used. */
  public static void wipe(char[] password) {
    Arrays.fill(password, '\0');
  }
}
