package fr.navette.hub.web;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking, as the features see it: set around each request by {@link StaffFilter} from the request's session
 * or bearer token (Helidon runs a request's filters and handler on one thread, as {@link RequestLanguage} relies
 * on too). Features ask it which branches to show ({@link #sees}) and whom to name in the audit log ({@link #name}).
 *
 * @param name the account's user name, or {@code token:staff} / {@code token:admin} for a script's bearer token
 * @param branches the branches a {@link Role#BRANCH_STAFF} account works in (its first is its home branch, shown by
 *     default); empty for the roles that see the whole network
 */
public record StaffUser(String name, Role role, Set<String> branches) {
  /** What an account may do; each includes the one before it. */
  public enum Role {
    /** The staff of one branch or a few: their branches' alarms, crates, arrivals. */
    BRANCH_STAFF,
    /** The network's coordinator: every branch, the shuttle, the statistics. */
    COORDINATOR,
    /** The network's administrator: devices, identities, users, configuration. */
    ADMIN;

    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean covers(Role needed) {
      return ordinal() >= needed.ordinal();
    }
  }

  /** Work the hub does by itself (outside any request): the whole network, named {@code hub}. */
  public static final StaffUser HUB = new StaffUser("hub", Role.ADMIN, Set.of());
  /** Anyone, where the API was opened by name ({@link StaffAccess#open()}: tests and the insecure demo). */
  public static final StaffUser OPEN = new StaffUser("open-access", Role.ADMIN, Set.of());

  private static final ThreadLocal<StaffUser> CURRENT = new ThreadLocal<>();

  public StaffUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    // In the account's order: its first branch is its home branch.
    branches = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(branches));
    if (role == Role.BRANCH_STAFF && branches.isEmpty()) {
      throw new IllegalArgumentException("branch staff '" + name + "' needs at least one branch");
    }
  }

  /** What a script's bearer token stands for: a staff token acts as a coordinator, an admin token as an admin. */
  static StaffUser ofToken(StaffAccess.Role role) {
    return role == StaffAccess.Role.ADMIN ? new StaffUser("token:admin", Role.ADMIN, Set.of())
        : new StaffUser("token:staff", Role.COORDINATOR, Set.of());
  }

  /** Whether this user may see and act on {@code branch}'s alarms, crates and devices. */
  public boolean sees(String branch) {
    return role != Role.BRANCH_STAFF || branches.contains(branch);
  }

  /** The branch this account works at first (shown by default); empty for the network's roles. */
  public java.util.Optional<String> homeBranch() {
    return branches.stream().findFirst();
  }

  /** Whether this user sees the whole network (no branch filter applies). */
  public boolean seesNetwork() {
    return role != Role.BRANCH_STAFF;
  }

  /** The user of the request being answered; {@link #HUB} outside a request. */
  public static StaffUser current() {
    StaffUser user = CURRENT.get();
    return user == null ? HUB : user;
  }

  static void during(StaffUser user, Runnable work) {
    StaffUser before = CURRENT.get();
    CURRENT.set(user);
    try {
      work.run();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }
}
