package fr.navette.hub.alarms;

import fr.navette.hub.store.Database;
import fr.navette.schema.Channel;
import fr.navette.schema.CheckoutEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.SchemaException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Gate alarms as staff see them, with what the SIGB said of the document, and how staff dealt with each. */
public final class AlarmStore {
  /** How many of an item's recent checkout candidates (payloads matching its id as text) are decoded at most. */
  private static final int CHECKOUT_CANDIDATES = 20;

  private final Database db;

  public AlarmStore(Database db) {
    this.db = db;
  }

  /**
   * One gate alarm. {@code verdict}: {@code probably-borrowed} (the SIGB has it on loan: the kiosk's disarm
   * failed — a false alarm to fix, not a theft), {@code not-borrowed}, {@code unknown-item}, {@code unreadable-tag}
   * (only the tag UID is known), or {@code pending} (the SIGB has not answered yet). {@code lastCheckout}: the last
   * kiosk loan of the document the hub saw before the alarm (null when none).
   */
  public record Alarm(String eventId, String site, String deviceId, String tagUid, String itemId, String direction,
                      Instant detectedAt, String title, String callNumber, String ownerBranch,
                      String circulationStatus, String verdict, Instant enrichedAt, LastCheckout lastCheckout) {}

  /** A kiosk loan seen by the hub: when the kiosk lent it (its own clock), which kiosk, in which branch. */
  public record LastCheckout(Instant at, String deviceId, String site) {}

  /** How staff dealt with an alarm: who, when, with which outcome ({@link Outcome}), and a note of theirs. */
  public record Acknowledgement(String by, Instant at, String outcome, String note) {}

  /** An alarm of the log, with its acknowledgement (null while nobody dealt with it). */
  public record Logged(Alarm alarm, Acknowledgement acknowledgement) {}

  /** A page of the log and the number of alarms the whole query matched. */
  public record Page(long total, List<Logged> items) {}

  /**
   * What the log shows: {@code sites} (null: every branch; empty: none), detected in [{@code from}, {@code to})
   * (either null: unbounded), {@code outcome} (null: any), only those nobody acknowledged yet.
   */
  public record Query(Set<String> sites, Instant from, Instant to, String outcome, boolean unacknowledged,
                      int limit, int offset) {}

  private static final String COLUMNS = """
      a.event_id, a.site, a.device_id, a.tag_uid, a.item_id, a.direction, a.detected_at, a.title, a.call_number,
      a.owner_branch, a.circulation_status, a.verdict, a.enriched_at, a.last_checkout_at, a.last_checkout_device,
      a.last_checkout_site, k.acknowledged_by, k.acknowledged_at, k.outcome, k.note
      FROM alarms a LEFT JOIN alarm_acknowledgements k ON k.event_id = a.event_id""";

  public void save(Connection c, Alarm a) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("""
        INSERT INTO alarms (event_id, site, device_id, tag_uid, item_id, direction, detected_at, title, call_number,
                            owner_branch, circulation_status, verdict, enriched_at, last_checkout_at,
                            last_checkout_device, last_checkout_site)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (event_id) DO UPDATE SET title = excluded.title, call_number = excluded.call_number,
          owner_branch = excluded.owner_branch, circulation_status = excluded.circulation_status,
          verdict = excluded.verdict, enriched_at = excluded.enriched_at, last_checkout_at = excluded.last_checkout_at,
          last_checkout_device = excluded.last_checkout_device, last_checkout_site = excluded.last_checkout_site""")) {
      st.setString(1, a.eventId());
      st.setString(2, a.site());
      st.setString(3, a.deviceId());
      st.setString(4, a.tagUid());
      st.setString(5, a.itemId());
      st.setString(6, a.direction());
      st.setLong(7, a.detectedAt().toEpochMilli());
      st.setString(8, a.title());
      st.setString(9, a.callNumber());
      st.setString(10, a.ownerBranch());
      st.setString(11, a.circulationStatus());
      st.setString(12, a.verdict());
      setMillis(st, 13, a.enrichedAt());
      LastCheckout last = a.lastCheckout();
      setMillis(st, 14, last == null ? null : last.at());
      st.setString(15, last == null ? null : last.deviceId());
      st.setString(16, last == null ? null : last.site());
      st.executeUpdate();
    }
  }

  /**
   * The last kiosk loan of {@code itemId} stored since {@code since}, at or before {@code until}. Found by the
   * document's column and time (V17, index {@code events_item_time}; was a LIKE on the payloads of every checkout
   * in the window), then decoded for the loan's own time.
   */
  public Optional<LastCheckout> lastCheckout(String itemId, Instant since, Instant until) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          SELECT site, device_id, payload, device_time, clock_offset_ms FROM events
          WHERE item_id = ? AND channel = 'checkout' AND device_time >= ? AND device_time <= ?
          ORDER BY device_time DESC, event_id DESC LIMIT ?""")) {
        st.setString(1, itemId);
        st.setLong(2, since.toEpochMilli());
        st.setLong(3, until.toEpochMilli());
        st.setInt(4, CHECKOUT_CANDIDATES);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            Optional<CheckoutEvent> loan = decodeCheckout(rs.getString(3));
            if (loan.isEmpty() || !loan.get().itemId().equals(itemId)) {
              continue;
            }
            // The row's time is the event's (its header, on the hub's clock); the loan's own time must be in the
            // window too, on the hub's clock as well: taken back by what was taken off the header's (V15).
            long offset = rs.getLong(5);
            Instant lentAt = loan.get().checkedOutAt().minusMillis(rs.wasNull() ? 0 : offset);
            if (!lentAt.isBefore(since) && !lentAt.isAfter(until)) {
              return Optional.of(new LastCheckout(lentAt, rs.getString(2), rs.getString(1)));
            }
          }
        }
        return Optional.<LastCheckout>empty();
      }
    });
  }

  private static Optional<CheckoutEvent> decodeCheckout(String payload) {
    try {
      return Optional.of(EventCodec.decode(Channel.CHECKOUT, payload.getBytes(StandardCharsets.UTF_8),
          CheckoutEvent.class));
    } catch (SchemaException e) {
      return Optional.empty(); // stored by an older schema: not worth failing an alarm for
    }
  }

  /** The alarm and how it was dealt with, if the hub has it. */
  public Optional<Logged> find(String eventId) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " WHERE a.event_id = ?")) {
        st.setString(1, eventId);
        return read(st).stream().findFirst();
      }
    });
  }

  /**
   * Records how staff dealt with the alarm {@code eventId}: false when someone already had (the first answer
   * stands). The alarm must exist.
   */
  public boolean acknowledge(String eventId, Acknowledgement ack) {
    int inserted = db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          INSERT INTO alarm_acknowledgements (event_id, acknowledged_by, acknowledged_at, outcome, note)
          VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""")) {
        st.setString(1, eventId);
        st.setString(2, ack.by());
        st.setLong(3, ack.at().toEpochMilli());
        st.setString(4, ack.outcome());
        st.setString(5, ack.note());
        return st.executeUpdate();
      }
    });
    return inserted == 1;
  }

  /** The newest alarms first: what {@code query} asks for, a page of it, and how many there are in all. */
  public Page log(Query q) {
    if (q.sites() != null && q.sites().isEmpty()) {
      return new Page(0, List.of());
    }
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.sites() != null) {
      where.append(" AND a.site IN (").append("?, ".repeat(q.sites().size() - 1)).append("?)");
      args.addAll(q.sites().stream().sorted().toList());
    }
    if (q.from() != null) {
      where.append(" AND a.detected_at >= ?");
      args.add(q.from().toEpochMilli());
    }
    if (q.to() != null) {
      where.append(" AND a.detected_at < ?");
      args.add(q.to().toEpochMilli());
    }
    if (q.unacknowledged()) {
      where.append(" AND k.event_id IS NULL");
    } else if (q.outcome() != null) {
      where.append(" AND k.outcome = ?");
      args.add(q.outcome());
    }
    return db.inTransaction(c -> {
      long total;
      try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM alarms a"
          + " LEFT JOIN alarm_acknowledgements k ON k.event_id = a.event_id" + where)) {
        bind(st, args);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + where
          + " ORDER BY a.detected_at DESC, a.event_id DESC LIMIT ? OFFSET ?")) {
        List<Object> paged = new ArrayList<>(args);
        paged.add(q.limit());
        paged.add(q.offset());
        bind(st, paged);
        return new Page(total, read(st));
      }
    });
  }

  private static void bind(PreparedStatement st, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      if (arg instanceof Long millis) {
        st.setLong(i + 1, millis);
      } else if (arg instanceof Integer n) {
        st.setInt(i + 1, n);
      } else {
        st.setString(i + 1, (String) arg);
      }
    }
  }

  private static List<Logged> read(PreparedStatement st) throws SQLException {
    List<Logged> found = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        Instant lastAt = millis(rs, 14);
        LastCheckout last = lastAt == null ? null : new LastCheckout(lastAt, rs.getString(15), rs.getString(16));
        Alarm alarm = new Alarm(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), rs.getString(9),
            rs.getString(10), rs.getString(11), rs.getString(12), millis(rs, 13), last);
        String by = rs.getString(17);
        Acknowledgement ack = by == null ? null
            : new Acknowledgement(by, millis(rs, 18), rs.getString(19), rs.getString(20));
        found.add(new Logged(alarm, ack));
      }
    }
    return found;
  }

  private static Instant millis(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  private static void setMillis(PreparedStatement st, int index, Instant at) throws SQLException {
    if (at == null) {
      st.setNull(index, Types.BIGINT);
    } else {
      st.setLong(index, at.toEpochMilli());
    }
  }
}
