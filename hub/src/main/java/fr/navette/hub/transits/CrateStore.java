package fr.navette.hub.transits;

import fr.navette.hub.store.Database;
import fr.navette.hub.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The crates in the store. Each step is a conditional UPDATE from the state it may come from (two staff members
 * at two screens cannot close a crate twice or send a departed one back); a crate's documents are its transits
 * ({@code transits.crate}), counted when read.
 */
public final class CrateStore {
  private static final String COLUMNS = "c.crate_id, c.from_branch, c.to_branch, c.status, c.opened_by, c.opened_at, "
      + "c.closed_by, c.closed_at, c.route_id, c.departed_by, c.departed_at, c.arrived_by, c.arrived_at, "
      + "(SELECT COUNT(*) FROM transits t WHERE t.crate = c.crate_id)";

  private final Database db;

  public CrateStore(Database db) {
    this.db = db;
  }

  /**
   * Opens a crate at {@code from}, named {@code from-NNNN} (the branch's next number: short enough to type when a
   * label will not scan, unique per network since the branch code is).
   */
  public Crate open(String from, String to, String by, Instant at) {
    for (int attempt = 0; ; attempt++) {
      try {
        String id = db.inTransaction(c -> {
          long next;
          try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM crates WHERE from_branch = ?")) {
            st.setString(1, from);
            try (ResultSet rs = st.executeQuery()) {
              rs.next();
              next = rs.getLong(1) + 1;
            }
          }
          String name = String.format("%s-%04d", from, next);
          try (PreparedStatement st = c.prepareStatement("INSERT INTO crates (crate_id, from_branch, to_branch, "
              + "status, opened_by, opened_at) VALUES (?, ?, ?, 'open', ?, ?)")) {
            st.setString(1, name);
            st.setString(2, from);
            st.setString(3, to);
            st.setString(4, by);
            st.setLong(5, at.toEpochMilli());
            st.executeUpdate();
          }
          return name;
        });
        return find(id).orElseThrow();
      } catch (StoreException e) {
        // Another screen took the same number at the same moment: take the next one.
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  public Optional<Crate> find(String crateId) {
    return query("SELECT " + COLUMNS + " FROM crates c WHERE c.crate_id = ?", st -> st.setString(1, crateId))
        .stream().findFirst();
  }

  /** A branch's crates in the given statuses (all when empty), the newest first. */
  public List<Crate> atBranch(String branch, Collection<String> statuses, int limit) {
    String in = statuses.isEmpty() ? "" : " AND c.status IN (" + String.join(", ",
        Collections.nCopies(statuses.size(), "?")) + ")";
    return query("SELECT " + COLUMNS + " FROM crates c WHERE c.from_branch = ?" + in
        + " ORDER BY c.opened_at DESC, c.crate_id DESC LIMIT ?", st -> {
          int i = 1;
          st.setString(i++, branch);
          for (String s : statuses) {
            st.setString(i++, s);
          }
          st.setInt(i, limit);
        });
  }

  /** The first document read into a crate opened without a destination decides it. */
  public boolean decideDestination(String crateId, String to) {
    return update("UPDATE crates SET to_branch = ? WHERE crate_id = ? AND to_branch IS NULL AND status = 'open'",
        st -> {
          st.setString(1, to);
          st.setString(2, crateId);
        }) == 1;
  }

  public boolean close(String crateId, String by, Instant at) {
    return update("UPDATE crates SET status = 'closed', closed_by = ?, closed_at = ? WHERE crate_id = ? "
        + "AND status = 'open'", st -> {
          st.setString(1, by);
          st.setLong(2, at.toEpochMilli());
          st.setString(3, crateId);
        }) == 1;
  }

  /** The round left {@code from}: its closed crates for the round's other stops leave with it. */
  public int depart(String routeId, String from, List<String> destinations, String by, Instant at) {
    return update("UPDATE crates SET status = 'departed', route_id = ?, departed_by = ?, departed_at = ? "
        + "WHERE status = 'closed' AND from_branch = ? AND to_branch IN ("
        + String.join(", ", Collections.nCopies(destinations.size(), "?")) + ")", st -> {
          st.setString(1, routeId);
          st.setString(2, by);
          st.setLong(3, at.toEpochMilli());
          st.setString(4, from);
          int i = 5;
          for (String d : destinations) {
            st.setString(i++, d);
          }
        });
  }

  /** The crate was read at its destination (closed or departed: a forgotten departure does not stop it). */
  public boolean arrive(String crateId, String by, Instant at) {
    return update("UPDATE crates SET status = 'arrived', arrived_by = ?, arrived_at = ? WHERE crate_id = ? "
        + "AND status IN ('closed', 'departed')", st -> {
          st.setString(1, by);
          st.setLong(2, at.toEpochMilli());
          st.setString(3, crateId);
        }) == 1;
  }

  private interface Binder {
    void bind(PreparedStatement st) throws SQLException;
  }

  private List<Crate> query(String sql, Binder binder) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        binder.bind(st);
        List<Crate> crates = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            crates.add(new Crate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), time(rs, 6), rs.getString(7), time(rs, 8), rs.getString(9), rs.getString(10),
                time(rs, 11), rs.getString(12), time(rs, 13), rs.getInt(14)));
          }
        }
        return crates;
      }
    });
  }

  private int update(String sql, Binder binder) {
    return db.inTransaction((Connection c) -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        binder.bind(st);
        return st.executeUpdate();
      }
    });
  }

  private static Instant time(ResultSet rs, int index) throws SQLException {
    long millis = rs.getLong(index);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
