package fr.navette.hub.transits;

import fr.navette.hub.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Transits in the store. One per source event (a unique key), so an event applied twice opens one. Every
 * state change is a conditional UPDATE from the states it may come from, so two hubs or two staff members
 * cannot move a transit backwards.
 */
public final class TransitStore {
  private static final String COLUMNS = """
      transit_id, item_id, from_branch, to_branch, reason, status, advice, call_number, title, collection, crate,
      route_id, created_at, packed_at, departed_at, arrived_at, closed_at, source_event_id, destination, relay_of""";
  private static final String ACTIVE = "('open', 'packed', 'on-road')";

  private final Database db;
  private final CrateStore crates;

  public TransitStore(Database db) {
    this.db = db;
    this.crates = new CrateStore(db);
  }

  /** The crates these transits are packed in (one store, one database). */
  public CrateStore crates() {
    return crates;
  }

  /** Runs {@code work} in one transaction of this store's database (a relay: a leg ends, the next one opens). */
  public <T> T inTransaction(Database.SqlWork<T> work) {
    return db.inTransaction(work);
  }

  /** Records a transit in the caller's transaction, unless this event already recorded one. */
  public void open(Connection c, Transit t) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("INSERT INTO transits (" + COLUMNS + ") VALUES "
        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_event_id) DO NOTHING")) {
      st.setString(1, t.transitId());
      st.setString(2, t.itemId());
      st.setString(3, t.fromBranch());
      st.setString(4, t.toBranch());
      st.setString(5, t.reason());
      st.setString(6, t.status());
      st.setString(7, t.advice());
      st.setString(8, t.callNumber());
      st.setString(9, t.title());
      st.setString(10, t.collection());
      st.setString(11, t.crate());
      st.setString(12, t.routeId());
      setTime(st, 13, t.createdAt());
      setTime(st, 14, t.packedAt());
      setTime(st, 15, t.departedAt());
      setTime(st, 16, t.arrivedAt());
      setTime(st, 17, t.closedAt());
      st.setString(18, t.sourceEventId());
      st.setString(19, t.destination());
      st.setString(20, t.relayOf());
      st.executeUpdate();
    }
  }

  /** Transits with one of the given statuses (all when empty), newest first. */
  public List<Transit> list(Collection<TransitStatus> statuses, int limit) {
    String where = statuses.isEmpty() ? "" : " WHERE status IN (" + placeholders(statuses.size()) + ")";
    return query("SELECT " + COLUMNS + " FROM transits" + where + " ORDER BY created_at DESC, transit_id LIMIT ?",
        st -> {
          int i = 1;
          for (TransitStatus s : statuses) {
            st.setString(i++, s.wireName());
          }
          st.setInt(i, limit);
        });
  }

  /**
   * What the staff's transit list asks for: statuses (all when empty), branches the transits leave from or go to
   * (any when empty; {@code eitherBranch}: leaving from or going to one of them, a branch's own view), a round,
   * overdue ones only, and how far back finished ones are shown ({@code finishedSince}: null for all).
   */
  public record Filter(Collection<TransitStatus> statuses, Collection<String> from, Collection<String> to,
                       Collection<String> eitherBranch, String route, boolean overdueOnly, Instant finishedSince) {}

  /** One page of a filtered list, and how many transits the filter matches in all. */
  public record Page(long total, List<Transit> items) {}

  /**
   * A page of the transits {@code filter} matches, overdue ones first (the longest lost first), then the newest;
   * {@code overdueBefore}: an active transit created before it is overdue.
   */
  public Page page(Filter filter, Instant overdueBefore, int offset, int limit) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (!filter.statuses().isEmpty()) {
      where.append(" AND status IN (").append(placeholders(filter.statuses().size())).append(')');
      filter.statuses().forEach(s -> args.add(s.wireName()));
    }
    if (!filter.from().isEmpty()) {
      where.append(" AND from_branch IN (").append(placeholders(filter.from().size())).append(')');
      args.addAll(filter.from());
    }
    // "Going to" a branch: the legs that end there (the depot sees what its vans bring for a relay) and the legs
    // of documents on their way to it, wherever this leg ends (a south branch sees its document still riding
    // north → depot).
    if (!filter.to().isEmpty()) {
      String in = placeholders(filter.to().size());
      where.append(" AND (to_branch IN (").append(in).append(") OR destination IN (").append(in).append("))");
      args.addAll(filter.to());
      args.addAll(filter.to());
    }
    if (!filter.eitherBranch().isEmpty()) {
      String in = placeholders(filter.eitherBranch().size());
      where.append(" AND (from_branch IN (").append(in).append(") OR to_branch IN (").append(in)
          .append(") OR destination IN (").append(in).append("))");
      args.addAll(filter.eitherBranch());
      args.addAll(filter.eitherBranch());
      args.addAll(filter.eitherBranch());
    }
    if (filter.route() != null) {
      where.append(" AND route_id = ?");
      args.add(filter.route());
    }
    if (filter.overdueOnly()) {
      where.append(" AND status IN " + ACTIVE + " AND created_at < ?");
      args.add(overdueBefore.toEpochMilli());
    }
    if (filter.finishedSince() != null) {
      // Finished transits (arrived, closed, kept) leave the default view after a while: the list no longer grows
      // without end. Still-active ones always show, however old (they are the overdue ones).
      where.append(" AND (status IN " + ACTIVE + " OR COALESCE(closed_at, arrived_at, created_at) >= ?)");
      args.add(filter.finishedSince().toEpochMilli());
    }
    Binder bindWhere = st -> {
      for (int i = 0; i < args.size(); i++) {
        Object a = args.get(i);
        if (a instanceof Long l) {
          st.setLong(i + 1, l);
        } else {
          st.setString(i + 1, (String) a);
        }
      }
    };
    long total = count(where.toString(), bindWhere);
    if (total == 0) {
      return new Page(0, List.of());
    }
    // Overdue ones first (the longest lost first), then the rest newest first: two queries, each walking an index
    // in order, rather than one sort of every matching row by a computed key (a far page of a year's transits
    // took 0.5 s that way).
    String overdue = " AND status IN " + ACTIVE + " AND created_at < ?";
    Binder bindOverdue = st -> {
      bindWhere.bind(st);
      st.setLong(args.size() + 1, overdueBefore.toEpochMilli());
    };
    long overdueCount = filter.overdueOnly() ? total : count(where + overdue, bindOverdue);
    List<Transit> items = new ArrayList<>();
    if (offset < overdueCount) {
      items.addAll(query("SELECT " + COLUMNS + " FROM transits" + where + overdue
          + " ORDER BY created_at, transit_id LIMIT ? OFFSET ?", st -> {
            bindOverdue.bind(st);
            st.setInt(args.size() + 2, limit);
            st.setInt(args.size() + 3, offset);
          }));
    }
    int rest = limit - items.size();
    if (rest > 0 && !filter.overdueOnly()) {
      long restOffset = Math.max(0, offset - overdueCount);
      items.addAll(query("SELECT " + COLUMNS + " FROM transits" + where + " AND (status NOT IN " + ACTIVE
          + " OR created_at >= ?) ORDER BY created_at DESC, transit_id LIMIT ? OFFSET ?", st -> {
            bindOverdue.bind(st);
            st.setInt(args.size() + 2, rest);
            st.setLong(args.size() + 3, restOffset);
          }));
    }
    return new Page(total, items);
  }

  private long count(String where, Binder binder) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM transits" + where)) {
        binder.bind(st);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** The transits packed in {@code crate}, in the order they were read into it. */
  public List<Transit> inCrate(String crate) {
    return query("SELECT " + COLUMNS + " FROM transits WHERE crate = ? ORDER BY packed_at, transit_id",
        st -> st.setString(1, crate));
  }

  public Optional<Transit> find(String transitId) {
    return query("SELECT " + COLUMNS + " FROM transits WHERE transit_id = ?", st -> st.setString(1, transitId))
        .stream().findFirst();
  }

  /** The transit still carrying this item, if any (at most one is active at a time in practice). */
  public Optional<Transit> activeForItem(String itemId) {
    return query("SELECT " + COLUMNS + " FROM transits WHERE item_id = ? AND status IN " + ACTIVE
        + " ORDER BY created_at DESC LIMIT 1", st -> st.setString(1, itemId)).stream().findFirst();
  }

  /** Active transits leaving one branch, for the driver's and staff's lists. */
  public List<Transit> activeFrom(String branch) {
    return query("SELECT " + COLUMNS + " FROM transits WHERE from_branch = ? AND status IN " + ACTIVE
        + " ORDER BY to_branch, crate, created_at", st -> st.setString(1, branch));
  }

  /** Active transits, and those that moved since {@code since}, for manifests. */
  public List<Transit> activeOrMovedSince(Instant since) {
    return query("SELECT " + COLUMNS + " FROM transits WHERE status IN " + ACTIVE
        + " OR departed_at >= ? OR arrived_at >= ? ORDER BY from_branch, to_branch, crate, created_at", st -> {
          st.setLong(1, since.toEpochMilli());
          st.setLong(2, since.toEpochMilli());
        });
  }

  public boolean pack(String transitId, String crate, Instant at) {
    return pack(transitId, crate, at, null);
  }

  /** {@code by}: who read it into the crate (null when not known). */
  public boolean pack(String transitId, String crate, Instant at, String by) {
    return update("UPDATE transits SET status = 'packed', crate = ?, packed_at = ?, packed_by = ? WHERE transit_id = ? "
        + "AND status IN ('open', 'packed')", st -> {
          st.setString(1, crate);
          st.setLong(2, at.toEpochMilli());
          st.setString(3, by);
          st.setString(4, transitId);
        }) == 1;
  }

  /**
   * The round left {@code from}: what was packed there for a branch on the round is on the road — except what lies
   * in a crate still open on the staff's page (a crate leaves once closed and labelled).
   */
  public int depart(String routeId, String from, List<String> destinations, Instant at) {
    return depart(routeId, from, destinations, at, null);
  }

  public int depart(String routeId, String from, List<String> destinations, Instant at, String by) {
    return update("UPDATE transits SET status = 'on-road', route_id = ?, departed_at = ?, departed_by = ? "
        + "WHERE status = 'packed' AND from_branch = ? AND to_branch IN (" + placeholders(destinations.size()) + ")"
        + " AND crate NOT IN (SELECT crate_id FROM crates WHERE status = 'open')", st -> {
          st.setString(1, routeId);
          st.setLong(2, at.toEpochMilli());
          st.setString(3, by);
          st.setString(4, from);
          int i = 5;
          for (String d : destinations) {
            st.setString(i++, d);
          }
        });
  }

  /**
   * The item was read at {@code branch}, its destination: its transit has arrived (and is closed when
   * {@code close}) — whichever leg it is on: a document that reached home before its relay did has arrived.
   */
  public int arriveItem(Connection c, String itemId, String branch, Instant at, boolean close) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("UPDATE transits SET status = ?, arrived_at = ?, closed_at = ? "
        + "WHERE item_id = ? AND destination = ? AND status IN " + ACTIVE)) {
      st.setString(1, close ? TransitStatus.CLOSED.wireName() : TransitStatus.ARRIVED.wireName());
      st.setLong(2, at.toEpochMilli());
      setTime(st, 3, close ? at : null);
      st.setString(4, itemId);
      st.setString(5, branch);
      return st.executeUpdate();
    }
  }

  public int arriveItem(String itemId, String branch, Instant at) {
    return arriveItem(itemId, branch, at, null);
  }

  /** {@code by}: who read it at the destination (its last leg's end, or earlier on its journey). */
  public int arriveItem(String itemId, String branch, Instant at, String by) {
    return db.inTransaction(c -> arriveItem(c, itemId, branch, at, by));
  }

  public int arriveItem(Connection c, String itemId, String branch, Instant at, String by) throws SQLException {
    return arrive(c, "item_id", itemId, branch, at, by);
  }

  /**
   * The crate was read at {@code branch}: everything in it whose destination is that branch has arrived. Legs in
   * it that end here as a relay are not: see {@link #relayingAt}.
   */
  public int arriveCrate(String crate, String branch, Instant at) {
    return arriveCrate(crate, branch, at, null);
  }

  public int arriveCrate(String crate, String branch, Instant at, String by) {
    return db.inTransaction(c -> arriveCrate(c, crate, branch, at, by));
  }

  public int arriveCrate(Connection c, String crate, String branch, Instant at, String by) throws SQLException {
    return arrive(c, "crate", crate, branch, at, by);
  }

  private static int arrive(Connection c, String column, String value, String branch, Instant at, String by)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement("UPDATE transits SET status = 'arrived', arrived_at = ?, "
        + "arrived_by = ? WHERE " + column + " = ? AND destination = ? AND status IN " + ACTIVE)) {
      st.setLong(1, at.toEpochMilli());
      st.setString(2, by);
      st.setString(3, value);
      st.setString(4, branch);
      return st.executeUpdate();
    }
  }

  /**
   * The active legs that end at {@code branch} as a relay (their destination is further), in {@code crate} or
   * carrying {@code itemId} (one of the two), in the caller's transaction.
   */
  public List<Transit> relayingAt(Connection c, String branch, String crate, String itemId) throws SQLException {
    String which = crate != null ? "crate = ?" : "item_id = ?";
    try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM transits WHERE " + which
        + " AND to_branch = ? AND destination <> ? AND status IN " + ACTIVE + " ORDER BY created_at, transit_id")) {
      st.setString(1, crate != null ? crate : itemId);
      st.setString(2, branch);
      st.setString(3, branch);
      try (ResultSet rs = st.executeQuery()) {
        List<Transit> legs = new ArrayList<>();
        while (rs.next()) {
          legs.add(row(rs));
        }
        return legs;
      }
    }
  }

  /**
   * Ends an active leg, in the caller's transaction: {@code relayed} (a next leg goes on from its end) or
   * {@code closed} (the SIGB keeps the document where the leg ended). False (nothing written) when another read
   * ended or moved it first.
   */
  public boolean endLeg(Connection c, String transitId, TransitStatus status, Instant at, String by)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement("UPDATE transits SET status = ?, arrived_at = ?, arrived_by = ?,"
        + " closed_at = ? WHERE transit_id = ? AND status IN " + ACTIVE)) {
      st.setString(1, status.wireName());
      st.setLong(2, at.toEpochMilli());
      st.setString(3, by);
      st.setLong(4, at.toEpochMilli());
      st.setString(5, transitId);
      return st.executeUpdate() == 1;
    }
  }

  /**
   * Active legs that no round can carry (open or packed, their two ends on no round together) — stuck since a
   * hub of before relays opened them straight to a branch of another round.
   */
  public List<Transit> waitingToLeave() {
    return query("SELECT " + COLUMNS + " FROM transits WHERE status IN ('open', 'packed') ORDER BY created_at",
        st -> { });
  }

  /**
   * Sends a waiting leg toward {@code nextStop} instead (its destination kept): unpacked from a crate made for
   * the branch it could not reach, to be read again into one for its new next stop. False when it moved meanwhile.
   */
  public boolean reroute(Transit leg, String nextStop) {
    return update("UPDATE transits SET to_branch = ?, destination = ?, status = 'open', crate = NULL, packed_at = NULL,"
        + " packed_by = NULL WHERE transit_id = ? AND to_branch = ? AND status IN ('open', 'packed')", st -> {
          st.setString(1, nextStop);
          st.setString(2, leg.destination());
          st.setString(3, leg.transitId());
          st.setString(4, leg.toBranch());
        }) == 1;
  }

  public boolean close(String transitId, Instant at) {
    return update("UPDATE transits SET status = 'closed', closed_at = ? WHERE transit_id = ? AND status = 'arrived'",
        st -> {
          st.setLong(1, at.toEpochMilli());
          st.setString(2, transitId);
        }) == 1;
  }

  /** How many transits are in each status (for statistics). */
  public java.util.Map<String, Long> countByStatus() {
    return db.inTransaction(c -> {
      java.util.Map<String, Long> counts = new java.util.TreeMap<>();
      try (PreparedStatement st = c.prepareStatement("SELECT status, COUNT(*) FROM transits GROUP BY status");
           ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
      return counts;
    });
  }

  private interface Binder {
    void bind(PreparedStatement st) throws SQLException;
  }

  private List<Transit> query(String sql, Binder binder) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        binder.bind(st);
        List<Transit> transits = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            transits.add(row(rs));
          }
        }
        return transits;
      }
    });
  }

  private static Transit row(ResultSet rs) throws SQLException {
    return new Transit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
        rs.getString(12), time(rs, 13), time(rs, 14), time(rs, 15), time(rs, 16), time(rs, 17), rs.getString(18),
        rs.getString(19), rs.getString(20));
  }

  private int update(String sql, Binder binder) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        binder.bind(st);
        return st.executeUpdate();
      }
    });
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private static void setTime(PreparedStatement st, int index, Instant time) throws SQLException {
    if (time == null) {
      st.setNull(index, Types.BIGINT);
    } else {
      st.setLong(index, time.toEpochMilli());
    }
  }

  private static Instant time(ResultSet rs, int index) throws SQLException {
    long millis = rs.getLong(index);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
