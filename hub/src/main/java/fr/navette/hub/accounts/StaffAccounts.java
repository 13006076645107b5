package fr.navette.hub.accounts;

import fr.navette.hub.store.Database;
import fr.navette.hub.web.StaffUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The staff accounts in the hub's store ({@code staff_accounts}, {@code staff_account_branches}): only the password's
 * Argon2id hash is kept. Plain storage; the rules (who may, what is valid) are {@link Accounts}'.
 */
public final class StaffAccounts {
  /**
   * An account as stored.
   *
   * @param branches its branches, home branch first (empty allowed for coordinators and admins)
   */
  public record Account(String user, String passwordHash, StaffUser.Role role, List<String> branches,
                        String language, boolean disabled, Instant createdAt, Instant updatedAt,
                        Instant passwordChangedAt, Instant lastLoginAt) {
    public Account {
      branches = List.copyOf(branches);
    }

    /** Who this account is to the features. */
    public StaffUser asStaffUser() {
      return new StaffUser(user, role, new java.util.LinkedHashSet<>(branches));
    }

    public Optional<String> homeBranch() {
      return branches.stream().findFirst();
    }

    /** Never the hash. */
    @Override
    public String toString() {
      return "Account[" + user + ", " + role.wire() + ", " + branches + (disabled ? ", disabled" : "") + "]";
    }
  }

  private final Database db;

  public StaffAccounts(Database db) {
    this.db = db;
  }

  public Database db() {
    return db;
  }

  public Optional<Account> find(String user) {
    return db.inTransaction(c -> find(c, user));
  }

  Optional<Account> find(Connection c, String user) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT * FROM staff_accounts WHERE user_name = ?")) {
      st.setString(1, user.toLowerCase(Locale.ROOT));
      List<Account> found = read(c, st);
      return found.stream().findFirst();
    }
  }

  public List<Account> list() {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT * FROM staff_accounts ORDER BY user_name")) {
        return read(c, st);
      }
    });
  }

  /** How many enabled admin accounts there are, {@code except} one (null: none left out). */
  long enabledAdmins(Connection c, String except) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM staff_accounts WHERE role = 'admin'"
        + " AND disabled = 0 AND user_name <> ?")) {
      st.setString(1, except == null ? "" : except);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  void insert(Connection c, Account a) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("INSERT INTO staff_accounts (user_name, password_hash, role,"
        + " language, disabled, created_at, updated_at, password_changed_at, last_login_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      st.setString(1, a.user());
      st.setString(2, a.passwordHash());
      st.setString(3, a.role().wire());
      st.setString(4, a.language());
      st.setInt(5, a.disabled() ? 1 : 0);
      st.setLong(6, a.createdAt().toEpochMilli());
      st.setLong(7, a.updatedAt().toEpochMilli());
      st.setLong(8, a.passwordChangedAt().toEpochMilli());
      if (a.lastLoginAt() == null) {
        st.setNull(9, java.sql.Types.BIGINT);
      } else {
        st.setLong(9, a.lastLoginAt().toEpochMilli());
      }
      st.executeUpdate();
    }
    writeBranches(c, a);
  }

  void update(Connection c, Account a) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("UPDATE staff_accounts SET password_hash = ?, role = ?,"
        + " language = ?, disabled = ?, updated_at = ?, password_changed_at = ? WHERE user_name = ?")) {
      st.setString(1, a.passwordHash());
      st.setString(2, a.role().wire());
      st.setString(3, a.language());
      st.setInt(4, a.disabled() ? 1 : 0);
      st.setLong(5, a.updatedAt().toEpochMilli());
      st.setLong(6, a.passwordChangedAt().toEpochMilli());
      st.setString(7, a.user());
      st.executeUpdate();
    }
    try (PreparedStatement st = c.prepareStatement("DELETE FROM staff_account_branches WHERE user_name = ?")) {
      st.setString(1, a.user());
      st.executeUpdate();
    }
    writeBranches(c, a);
  }

  /** A good login: when, and the hash made again if the parameters changed ({@code newHash} null: unchanged). */
  void loggedIn(String user, Instant at, String newHash) {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(newHash == null
          ? "UPDATE staff_accounts SET last_login_at = ? WHERE user_name = ?"
          : "UPDATE staff_accounts SET last_login_at = ?, password_hash = ? WHERE user_name = ?")) {
        st.setLong(1, at.toEpochMilli());
        if (newHash == null) {
          st.setString(2, user);
        } else {
          st.setString(2, newHash);
          st.setString(3, user);
        }
        return st.executeUpdate();
      }
    });
  }

  void language(String user, String language) {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE staff_accounts SET language = ? WHERE user_name = ?")) {
        st.setString(1, language);
        st.setString(2, user);
        return st.executeUpdate();
      }
    });
  }

  private static void writeBranches(Connection c, Account a) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO staff_account_branches (user_name, position, branch) VALUES (?, ?, ?)")) {
      for (int i = 0; i < a.branches().size(); i++) {
        st.setString(1, a.user());
        st.setInt(2, i);
        st.setString(3, a.branches().get(i));
        st.addBatch();
      }
      if (!a.branches().isEmpty()) {
        st.executeBatch();
      }
    }
  }

  private static List<Account> read(Connection c, PreparedStatement st) throws SQLException {
    Map<String, Account> found = new LinkedHashMap<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        String user = rs.getString("user_name");
        found.put(user, new Account(user, rs.getString("password_hash"), role(rs.getString("role")), List.of(),
            rs.getString("language"), rs.getInt("disabled") != 0, instant(rs, "created_at"),
            instant(rs, "updated_at"), instant(rs, "password_changed_at"), instant(rs, "last_login_at")));
      }
    }
    if (found.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> branches = new LinkedHashMap<>();
    String in = String.join(",", java.util.Collections.nCopies(found.size(), "?"));
    try (PreparedStatement b = c.prepareStatement("SELECT user_name, branch FROM staff_account_branches"
        + " WHERE user_name IN (" + in + ") ORDER BY user_name, position")) {
      int i = 0;
      for (String user : found.keySet()) {
        b.setString(++i, user);
      }
      try (ResultSet rs = b.executeQuery()) {
        while (rs.next()) {
          branches.computeIfAbsent(rs.getString(1), u -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    List<Account> accounts = new ArrayList<>();
    for (Account a : found.values()) {
      accounts.add(new Account(a.user(), a.passwordHash(), a.role(), branches.getOrDefault(a.user(), List.of()),
          a.language(), a.disabled(), a.createdAt(), a.updatedAt(), a.passwordChangedAt(), a.lastLoginAt()));
    }
    return accounts;
  }

  static StaffUser.Role role(String wire) {
    for (StaffUser.Role role : StaffUser.Role.values()) {
      if (role.wire().equals(wire)) {
        return role;
      }
    }
    throw new IllegalStateException("unknown role in the store: " + wire);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }
}
