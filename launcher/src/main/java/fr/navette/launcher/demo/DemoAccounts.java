package fr.navette.launcher.demo;

import fr.navette.hub.accounts.Accounts;
import fr.navette.hub.web.StaffUser;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * The demo's staff accounts, made (or, on a kept --data folder, given a new password) at each start, as an
 * administrator would through the users page: the staff of the first branch, the network's coordinator, and an
 * administrator (the devices and users pages are an admin's; the admin token is for scripts). Their
 * passwords are random, printed once with the ready lines ({@code Staff login: USER / PASSWORD}).
 */
public final class DemoAccounts implements AutoCloseable {
  /** A login printed for the person trying the demo. */
  public record Login(String user, String password) {
    public String line() {
      return user + " / " + password;
    }
  }

  // No look-alike characters (0/O, 1/l/I): the password is read off a terminal and typed by hand.
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private final SecureRandom random = new SecureRandom();
  private final Login staff;
  private final Login coordinator;
  private final Login admin;

  public DemoAccounts(Accounts accounts, String firstBranch) {
    staff = account(accounts, "agent-" + firstBranch.toLowerCase(java.util.Locale.ROOT),
        StaffUser.Role.BRANCH_STAFF, List.of(firstBranch));
    coordinator = account(accounts, "coordination", StaffUser.Role.COORDINATOR, List.of(firstBranch));
    admin = account(accounts, "administration", StaffUser.Role.ADMIN, List.of());
  }

  public Login admin() {
    return admin;
  }

  public Login staff() {
    return staff;
  }

  public Login coordinator() {
    return coordinator;
  }

  private Login account(Accounts accounts, String user, StaffUser.Role role, List<String> branches) {
    String password = password();
    if (accounts.find(user).isPresent()) {
      accounts.change(user, new Accounts.Change(Optional.of(role.wire()), Optional.of(branches), Optional.of(false),
          Optional.of(password), Optional.empty()), "demo");
    } else {
      accounts.create(user, password.toCharArray(), role.wire(), branches, "fr", "demo");
    }
    return new Login(user, password);
  }

  /** Nothing to let go: a resource only so that the demo makes the accounts before its devices (see DemoCommand). */
  @Override
  public void close() {}

  private String password() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
