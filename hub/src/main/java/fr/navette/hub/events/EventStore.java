package fr.navette.hub.events;

import fr.navette.hub.store.Database;
import fr.navette.schema.Event;
import fr.navette.schema.EventHeader;
import fr.navette.schema.Topic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event log. Duplicate semantics live here: an event id is stored once ({@code ON CONFLICT DO NOTHING}),
 * so a QoS 1 redelivery is acknowledged again but never applied twice. Work on an event is leased by one hub
 * at a time ({@link #claimDue}), so several hubs on one database apply it once.
 */
public final class EventStore {
  public static final String PENDING = "pending";
  public static final String PROCESSING = "processing";
  public static final String APPLIED = "applied";
  public static final String REFUSED = "refused";
  /** Given up after its attempts (see {@link WorkLimits}): staff look at it; kept, never dropped. */
  public static final String FAILED = "failed";

  private final Database db;
  private final Clock clock;

  public EventStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** An event accepted by ingest, to be stored with its initial status. */
  public record NewEvent(Topic topic, Event event, byte[] payload, String status) {
    public EventHeader header() {
      return event.header();
    }
  }

  /**
   * Stores events in the caller's transaction, each unless its id is known.
   *
   * @return the new ones (the others were duplicates: acknowledged again, never applied twice)
   */
  public List<NewEvent> insertIfAbsent(Connection c, List<NewEvent> batch) throws SQLException {
    long now = clock.millis();
    List<NewEvent> inserted = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("""
        INSERT INTO events (event_id, site, device_id, channel, sequence, device_time, received_at, payload,
                            status, attempts, next_attempt_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
        ON CONFLICT (event_id) DO NOTHING""")) {
      for (NewEvent event : batch) {
        st.setString(1, event.header().eventId().toString());
        st.setString(2, event.topic().site());
        st.setString(3, event.topic().device());
        st.setString(4, event.topic().channel());
        st.setLong(5, event.header().sequence());
        st.setLong(6, event.header().deviceTime().toEpochMilli());
        st.setLong(7, now);
        st.setString(8, new String(event.payload(), java.nio.charset.StandardCharsets.UTF_8));
        st.setString(9, event.status());
        st.setLong(10, now);
        if (st.executeUpdate() == 1) {
          inserted.add(event);
        }
      }
    }
    return inserted;
  }

  /**
   * Leases up to {@code limit} events of a channel that are due, for {@code lease}. An event whose lease ran
   * out (its hub died mid-work) becomes due again.
   */
  public List<StoredEvent> claimDue(String channel, int limit, Duration lease) {
    long now = clock.millis();
    List<StoredEvent> candidates = db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          SELECT event_id, site, device_id, channel, sequence, payload, attempts, failures FROM events
          WHERE channel = ? AND ((status = ? AND next_attempt_at <= ?) OR (status = ? AND lease_until < ?))
          ORDER BY received_at, event_id LIMIT ?""")) {
        st.setString(1, channel);
        st.setString(2, PENDING);
        st.setLong(3, now);
        st.setString(4, PROCESSING);
        st.setLong(5, now);
        st.setInt(6, limit);
        return readEvents(st);
      }
    });
    List<StoredEvent> claimed = new ArrayList<>();
    for (StoredEvent event : candidates) {
      boolean mine = db.inTransaction(c -> {
        try (PreparedStatement st = c.prepareStatement("""
            UPDATE events SET status = ?, lease_until = ?
            WHERE event_id = ? AND ((status = ? AND next_attempt_at <= ?) OR (status = ? AND lease_until < ?))""")) {
          st.setString(1, PROCESSING);
          st.setLong(2, now + lease.toMillis());
          st.setString(3, event.eventId());
          st.setString(4, PENDING);
          st.setLong(5, now);
          st.setString(6, PROCESSING);
          st.setLong(7, now);
          return st.executeUpdate() == 1;
        }
      });
      if (mine) {
        claimed.add(event);
      }
    }
    return claimed;
  }

  /** Marks a leased event done, in the caller's transaction (with the effects it had). */
  public void markDone(Connection c, String eventId, String status, String outcomeJson) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE events SET status = ?, outcome = ?, applied_at = ?, lease_until = NULL WHERE event_id = ?")) {
      st.setString(1, status);
      st.setString(2, outcomeJson);
      st.setLong(3, clock.millis());
      st.setString(4, eventId);
      st.executeUpdate();
    }
  }

  /**
   * Gives a leased event back to be tried again after {@code delay}, remembering why it failed; {@code itsOwn}
   * counts the failure against the event's limit (see {@link WorkLimits}), a SIGB down for everyone does not.
   */
  public void retryLater(String eventId, Duration delay, String error, boolean itsOwn) {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          UPDATE events SET status = ?, attempts = attempts + 1, failures = failures + ?, next_attempt_at = ?,
                            last_error = ?, lease_until = NULL WHERE event_id = ? AND status = ?""")) {
        st.setString(1, PENDING);
        st.setInt(2, itsOwn ? 1 : 0);
        st.setLong(3, clock.millis() + delay.toMillis());
        st.setString(4, error);
        st.setString(5, eventId);
        st.setString(6, PROCESSING); // an event already marked done (its reply failed after) stays done
        return st.executeUpdate();
      }
    });
  }

  /** Gives a leased event up: {@code failed}, with its last error, out of every worker's way. */
  public boolean markFailed(String eventId, String error) {
    return 1 == db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          UPDATE events SET status = ?, attempts = attempts + 1, failures = failures + 1, last_error = ?,
                            lease_until = NULL, applied_at = ? WHERE event_id = ? AND status = ?""")) {
        st.setString(1, FAILED);
        st.setString(2, error);
        st.setLong(3, clock.millis());
        st.setString(4, eventId);
        st.setString(5, PROCESSING);
        return st.executeUpdate();
      }
    });
  }

  public List<EventView> recent(int limit) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(VIEW_SELECT + " ORDER BY received_at DESC, event_id DESC LIMIT ?")) {
        st.setInt(1, limit);
        return readViews(st);
      }
    });
  }

  public Optional<EventView> find(String eventId) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(VIEW_SELECT + " WHERE event_id = ?")) {
        st.setString(1, eventId);
        return readViews(st).stream().findFirst();
      }
    });
  }

  /** A hole in a device's sequence numbers: events {@code from}..{@code to} never reached the hub. */
  public record SequenceGap(String deviceId, long from, long to) {
    public String subject() {
      return deviceId + ":" + from + "-" + to;
    }
  }

  /**
   * Holes in the sequence numbers of events received since {@code since}, ignoring the last
   * {@code grace} (a late event may still be on its way). State and health carry the device's high-water mark,
   * not a number of their own, so they do not count.
   */
  public List<SequenceGap> gaps(Instant since, Duration grace) {
    long settled = clock.millis() - grace.toMillis();
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          SELECT device_id, prev_seq, sequence FROM (
            SELECT device_id, sequence, received_at,
                   LAG(sequence) OVER (PARTITION BY device_id ORDER BY sequence) AS prev_seq
            FROM events WHERE channel NOT IN ('state', 'health') AND received_at >= ?) t
          WHERE prev_seq IS NOT NULL AND sequence > prev_seq + 1 AND received_at <= ?
          ORDER BY device_id, sequence""")) {
        st.setLong(1, since.toEpochMilli());
        st.setLong(2, settled);
        List<SequenceGap> gaps = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            gaps.add(new SequenceGap(rs.getString(1), rs.getLong(2) + 1, rs.getLong(3) - 1));
          }
        }
        return gaps;
      }
    });
  }

  private static final String VIEW_SELECT = """
      SELECT event_id, site, device_id, channel, sequence, device_time, received_at, status, attempts,
             last_error, outcome FROM events""";

  private static List<EventView> readViews(PreparedStatement st) throws SQLException {
    List<EventView> views = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        views.add(new EventView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getLong(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
            rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11)));
      }
    }
    return views;
  }

  private static List<StoredEvent> readEvents(PreparedStatement st) throws SQLException {
    List<StoredEvent> events = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        events.add(new StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getLong(5), rs.getString(6), rs.getInt(7), rs.getInt(8)));
      }
    }
    return events;
  }

  /**
   * An event as stored, for the processor that applies it: {@code attempts} tries so far (for the backoff),
   * {@code failures} of them its own (against its limit).
   */
  public record StoredEvent(String eventId, String site, String deviceId, String channel, long sequence,
                            String payload, int attempts, int failures) {}

  /** An event as staff and admins see it at {@code GET /api/events}. */
  public record EventView(String eventId, String site, String deviceId, String channel, long sequence,
                          Instant deviceTime, Instant receivedAt, String status, int attempts, String lastError,
                          String outcome) {}
}
