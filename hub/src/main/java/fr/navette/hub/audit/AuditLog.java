package fr.navette.hub.audit;

import fr.navette.hub.store.Database;
import fr.navette.hub.web.StaffUser;
import fr.navette.schema.UuidV7;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who did what that changed something (DESIGN §11): one line per action, written by the feature that acted — an
 * alarm acknowledged, a crate packed, a device revoked, a user changed. The actor is the request's
 * {@link StaffUser#current()} (an account's name, {@code token:staff} / {@code token:admin} for a script,
 * {@code hub} for what the hub does by itself); the time is the hub's clock. Read back newest first with the
 * device identities' own audit lines ({@code identity_audit}, written by the enrolment service) folded in, so that
 * {@code GET /api/admin/audit} shows one log.
 *
 * <p>Never put a secret in a line: no password, no token, no PIN, no patron identifier in clear.
 */
public final class AuditLog {
  /**
   * One line as the administrator reads it.
   *
   * @param source {@code staff} (this log) or {@code identity} (device identities: then {@code deviceId} and
   *     {@code serial} are set, as before the logs were joined)
   */
  public record Line(Instant at, String actor, String action, String subject, String detail, String source,
                     String deviceId, String serial) {}

  /** A page of lines, newest first, and how many lines the filter matches in all. */
  public record Page(List<Line> audit, long total, int limit, int offset) {}

  /** What to list: each part optional ({@code null}: any). {@code to} is exclusive. */
  public record Filter(String actor, String action, Instant from, Instant to, int limit, int offset) {
    public static Filter latest(int limit) {
      return new Filter(null, null, null, null, limit, 0);
    }
  }

  private static final int MAX_SUBJECT = 200;
  private static final int MAX_DETAIL = 2000;
  private final Database db;
  private final Clock clock;
  private final UuidV7 ids;

  public AuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.ids = new UuidV7(clock);
  }

  /** Records what the current user ({@link StaffUser#current()}) just did, in a transaction of its own. */
  public void record(String action, String subject, String detail) {
    recordAs(StaffUser.current().name(), action, subject, detail);
  }

  /** As {@link #record(String, String, String)}, for an actor outside any request (a command line tool). */
  public void recordAs(String actor, String action, String subject, String detail) {
    db.inTransaction(c -> {
      insert(c, actor, action, subject, detail);
      return null;
    });
  }

  /** Records within the caller's transaction: the line is there if and only if the change is. */
  public void record(Connection c, String action, String subject, String detail) throws SQLException {
    insert(c, StaffUser.current().name(), action, subject, detail);
  }

  /** As {@link #record(Connection, String, String, String)}, for a named actor (the hub itself, a command line). */
  public void recordAs(Connection c, String actor, String action, String subject, String detail)
      throws SQLException {
    insert(c, actor, action, subject, detail);
  }

  private void insert(Connection c, String actor, String action, String subject, String detail)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO staff_audit (audit_id, at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
      st.setString(1, ids.next().toString());
      st.setLong(2, clock.millis());
      st.setString(3, cut(actor, 80));
      st.setString(4, cut(action, 48));
      st.setString(5, cut(subject == null ? "" : subject, MAX_SUBJECT));
      st.setString(6, cut(detail == null ? "" : detail, MAX_DETAIL));
      st.executeUpdate();
    }
  }

  /** The lines {@code filter} asks for, newest first, staff and device-identity lines together. */
  public Page list(Filter filter) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    Optional.ofNullable(filter.actor()).ifPresent(a -> { where.append(" AND actor = ?"); args.add(a); });
    Optional.ofNullable(filter.action()).ifPresent(a -> { where.append(" AND action = ?"); args.add(a); });
    Optional.ofNullable(filter.from()).ifPresent(f -> { where.append(" AND at >= ?"); args.add(f.toEpochMilli()); });
    Optional.ofNullable(filter.to()).ifPresent(t -> { where.append(" AND at < ?"); args.add(t.toEpochMilli()); });
    String both = "SELECT audit_id, at, actor, action, subject, detail, 'staff' AS source, NULL AS device_id,"
        + " NULL AS serial FROM staff_audit" + where
        + " UNION ALL SELECT audit_id, at, actor, action, device_id AS subject, detail, 'identity' AS source,"
        + " device_id, serial FROM identity_audit" + where;
    return db.inTransaction(c -> {
      long total;
      try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM (" + both + ") a")) {
        bind(st, args, 0);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<Line> lines = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT * FROM (" + both + ") a ORDER BY at DESC, audit_id DESC LIMIT ? OFFSET ?")) {
        int n = bind(st, args, 0);
        st.setInt(n + 1, filter.limit());
        st.setInt(n + 2, filter.offset());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            lines.add(new Line(Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor"), rs.getString("action"),
                rs.getString("subject"), rs.getString("detail"), rs.getString("source"), rs.getString("device_id"),
                rs.getString("serial")));
          }
        }
      }
      return new Page(lines, total, filter.limit(), filter.offset());
    });
  }

  /** Binds {@code args} twice (once per half of the union); returns the last index used. */
  private static int bind(PreparedStatement st, List<Object> args, int from) throws SQLException {
    int i = from;
    for (int half = 0; half < 2; half++) {
      for (Object arg : args) {
        st.setObject(++i, arg);
      }
    }
    return i;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
