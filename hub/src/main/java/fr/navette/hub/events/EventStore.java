package fr.navette.hub.events;

import fr.navette.hub.store.Database;
import fr.navette.schema.CheckoutEvent;
import fr.navette.schema.Event;
import fr.navette.schema.EventHeader;
import fr.navette.schema.RenewEvent;
import fr.navette.schema.ReturnEvent;
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

  /** Who leases events through this store: the hub's id ({@code --hub-id}), one per hub sharing the database. */
  private final String holder;

  public EventStore(Database db, Clock clock) {
    this(db, clock, "navette-hub");
  }

  public EventStore(Database db, Clock clock, String holder) {
    this.db = db;
    this.clock = clock;
    this.holder = holder;
  }

  /**
   * An event accepted by ingest, to be stored with its initial status, and what its message said of the device's
   * clock.
   */
  public record NewEvent(Topic topic, Event event, byte[] payload, String status, ClockOffset.Reading clock) {
    /** An event whose message said nothing of the device's clock: its times are taken as they are. */
    public NewEvent(Topic topic, Event event, byte[] payload, String status) {
      this(topic, event, payload, status, ClockOffset.Reading.UNSAID);
    }

    public EventHeader header() {
      return event.header();
    }
  }

  /**
   * Stores events in the caller's transaction, each unless its id is known. {@code device_time} is the event's
   * time on the hub's clock: its {@code deviceTime} taken back by its device clock's offset when that is beyond
   * the tolerance ({@link ClockOffset}), which {@code clock_offset_ms} keeps (0 within the tolerance, NULL when
   * the device did not say); the payload keeps the device's own times, as sent.
   *
   * <p>Kiosk loans, renewals and returns fill the loan columns (V17): the document, the patron's pseudonym and the
   * due date, and when each loan ended ({@link #recordLoanEnds}).
   *
   * @return the new ones (the others were duplicates: acknowledged again, never applied twice)
   */
  public List<NewEvent> insertIfAbsent(Connection c, List<NewEvent> batch) throws SQLException {
    long now = clock.millis();
    List<NewEvent> inserted = new ArrayList<>();
    lockLoanDocuments(c, batch);
    try (PreparedStatement st = c.prepareStatement("""
        INSERT INTO events (event_id, site, device_id, channel, sequence, device_time, received_at, payload,
                            status, attempts, next_attempt_at, clock_offset_ms, item_id, patron_ref, due_date)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)
        ON CONFLICT (event_id) DO NOTHING""")) {
      for (NewEvent event : batch) {
        st.setString(1, event.header().eventId().toString());
        st.setString(2, event.topic().site());
        st.setString(3, event.topic().device());
        st.setString(4, event.topic().channel());
        st.setLong(5, event.header().sequence());
        Instant arrival = Instant.ofEpochMilli(now);
        Optional<ClockOffset> offset = event.clock().measure(arrival);
        long deviceTime = offset.map(o -> o.onHubClock(event.header().deviceTime(), arrival))
            .orElse(event.header().deviceTime()).toEpochMilli();
        st.setLong(6, deviceTime);
        st.setLong(7, now);
        st.setString(8, new String(event.payload(), java.nio.charset.StandardCharsets.UTF_8));
        st.setString(9, event.status());
        st.setLong(10, now);
        if (offset.isPresent()) {
          st.setLong(11, offset.get().correction().toMillis());
        } else {
          st.setNull(11, java.sql.Types.BIGINT);
        }
        LoanColumns loan = LoanColumns.of(event.event());
        st.setString(12, loan.itemId());
        st.setString(13, loan.patronRef());
        st.setString(14, loan.dueDate());
        if (st.executeUpdate() == 1) {
          inserted.add(event);
          if (loan.itemId() != null) {
            recordLoanEnds(c, event.header().eventId().toString(), event.topic().channel(), loan.itemId(),
                deviceTime);
          }
        }
      }
    }
    return inserted;
  }

  /** What a kiosk loan, renewal or return puts in the loan columns; nothing for other events. */
  private record LoanColumns(String itemId, String patronRef, String dueDate) {
    static LoanColumns of(Event event) {
      return switch (event) {
        case CheckoutEvent e -> new LoanColumns(e.itemId(), e.patronRef(), e.dueDate().map(Object::toString)
            .orElse(null));
        case RenewEvent e -> new LoanColumns(e.itemId(), e.patronRef(), e.dueDate().map(Object::toString)
            .orElse(null));
        case ReturnEvent e -> new LoanColumns(e.itemId(), null, null);
        default -> new LoanColumns(null, null, null);
      };
    }
  }

  /**
   * On PostgreSQL, several hubs (or writers) store at once: a loan and the return that ends it, stored in two
   * transactions at the same moment, would each miss the other (neither committed) and the loan would wait for its
   * due date. A transaction-long lock per document (advisory, taken in one order: no deadlock between batches)
   * makes the second wait for the first's commit, and its next statement sees it. SQLite has one writer: nothing
   * to do.
   */
  private static void lockLoanDocuments(Connection c, List<NewEvent> batch) throws SQLException {
    if (!c.getMetaData().getURL().startsWith("jdbc:postgresql:")) {
      return;
    }
    java.util.TreeSet<Integer> keys = new java.util.TreeSet<>();
    for (NewEvent event : batch) {
      String itemId = LoanColumns.of(event.event()).itemId();
      if (itemId != null) {
        keys.add(itemId.hashCode());
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(" + LOAN_LOCKS + ", ?)")) {
      for (int key : keys) {
        st.setInt(1, key);
        st.executeQuery().close();
      }
    }
  }

  /** The advisory locks' first key: the loans' documents (the second is the document's hash). */
  private static final int LOAN_LOCKS = 17;

  /**
   * When loans ended, as an event of the document at {@code at} (device_time) arrives: a loan or renewal ends at
   * the first return or loan of its document at or after its own time. Outboxes deliver late and out of order,
   * so both ways: a loan or renewal arriving finds its end among what is stored already; a return or loan
   * arriving ends every earlier loan of the document whose end was not yet seen or was seen later than it.
   */
  private static void recordLoanEnds(Connection c, String eventId, String channel, String itemId, long at)
      throws SQLException {
    if (channel.equals("checkout") || channel.equals("renew")) {
      try (PreparedStatement st = c.prepareStatement("""
          UPDATE events SET loan_ended_at = (
              SELECT MIN(later.device_time) FROM events later
              WHERE later.item_id = ? AND later.channel IN ('return', 'checkout') AND later.device_time >= ?
                AND later.event_id <> ?)
          WHERE event_id = ?""")) {
        st.setString(1, itemId);
        st.setLong(2, at);
        st.setString(3, eventId);
        st.setString(4, eventId);
        st.executeUpdate();
      }
    }
    if (channel.equals("return") || channel.equals("checkout")) {
      try (PreparedStatement st = c.prepareStatement("""
          UPDATE events SET loan_ended_at = ?
          WHERE item_id = ? AND device_time <= ? AND channel IN ('checkout', 'renew') AND event_id <> ?
            AND (loan_ended_at IS NULL OR loan_ended_at > ?)""")) {
        st.setLong(1, at);
        st.setString(2, itemId);
        st.setLong(3, at);
        st.setString(4, eventId);
        st.setLong(5, at);
        st.executeUpdate();
      }
    }
  }

  /**
   * The due events of a channel, oldest first; parameters: channel, PENDING, now, PROCESSING, now, limit. The
   * literal {@code status IN ('pending', 'processing')} is V16's partial index predicate word for word: SQLite
   * uses a partial index only then, and would otherwise read every event of the channel (ClaimDueIndexTest).
   */
  static final String CLAIM_DUE = """
      SELECT event_id, site, device_id, channel, sequence, payload, attempts, failures, received_at,
             clock_offset_ms, sigb_sent_at FROM events
      WHERE channel = ? AND status IN ('pending', 'processing')
        AND ((status = ? AND next_attempt_at <= ?) OR (status = ? AND lease_until < ?))
      ORDER BY received_at, event_id LIMIT ?""";

  /**
   * Leases up to {@code limit} events of a channel that are due, for {@code lease}. An event whose lease ran
   * out (its hub died mid-work) becomes due again.
   */
  public List<StoredEvent> claimDue(String channel, int limit, Duration lease) {
    long now = clock.millis();
    List<StoredEvent> candidates = db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(CLAIM_DUE)) {
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
            UPDATE events SET status = ?, lease_until = ?, leased_by = ?
            WHERE event_id = ? AND ((status = ? AND next_attempt_at <= ?) OR (status = ? AND lease_until < ?))""")) {
          st.setString(1, PROCESSING);
          st.setLong(2, now + lease.toMillis());
          st.setString(3, holder);
          st.setString(4, event.eventId());
          st.setString(5, PENDING);
          st.setLong(6, now);
          st.setString(7, PROCESSING);
          st.setLong(8, now);
          return st.executeUpdate() == 1;
        }
      });
      if (mine) {
        claimed.add(event);
      }
    }
    return claimed;
  }

  /**
   * Takes back, at a hub's start, the leases its previous run held: that process is dead (killed, power cut), and
   * its events are due now rather than when their leases run out. Only this hub's ({@code holder}, its
   * {@code --hub-id}): hubs sharing the database have ids of their own, and their leases are theirs.
   *
   * @return how many events were leased by the previous run
   */
  public int takeBackLeases() {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          UPDATE events SET lease_until = 0
          WHERE status IN ('pending', 'processing') AND status = ? AND leased_by = ?""")) {
        st.setString(1, PROCESSING);
        st.setString(2, holder);
        return st.executeUpdate();
      }
    });
  }

  /**
   * Records, committed, that the SIGB request of a leased event is about to be sent (V22): written before the
   * request goes, so that whoever claims the event next knows the SIGB may have applied it even if this hub dies
   * before {@link #markDone}. One event's mark, when it is sent — never a claimed batch's.
   */
  public void markSigbSent(String eventId) {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE events SET sigb_sent_at = ? WHERE event_id = ? AND status = ?")) {
        st.setLong(1, clock.millis());
        st.setString(2, eventId);
        st.setString(3, PROCESSING);
        return st.executeUpdate();
      }
    });
  }

  /**
   * Takes the mark of {@link #markSigbSent} back: the request was known never to have left (no connection), so the
   * SIGB cannot have applied it and the next attempt need not doubt.
   */
  public void clearSigbSent(String eventId) {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE events SET sigb_sent_at = NULL WHERE event_id = ? AND status = ?")) {
        st.setString(1, eventId);
        st.setString(2, PROCESSING);
        return st.executeUpdate();
      }
    });
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

  /**
   * Makes the waiting events of {@code channel} due now — the SIGB is back after an outage during which their
   * retries backed off to minutes. One more try each, counted as usual.
   *
   * @return how many were waiting
   */
  public int dueNow(String channel) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          UPDATE events SET next_attempt_at = ?
          WHERE channel = ? AND status IN ('pending', 'processing') AND status = ? AND next_attempt_at > ?""")) {
        long now = clock.millis();
        st.setLong(1, now);
        st.setString(2, channel);
        st.setString(3, PENDING);
        st.setLong(4, now);
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
             last_error, outcome, clock_offset_ms FROM events""";

  private static List<EventView> readViews(PreparedStatement st) throws SQLException {
    List<EventView> views = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        views.add(new EventView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getLong(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
            rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11), number(rs, 12)));
      }
    }
    return views;
  }

  private static List<StoredEvent> readEvents(PreparedStatement st) throws SQLException {
    List<StoredEvent> events = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        long offset = rs.getLong(10);
        Optional<ClockOffset> clockOffset = rs.wasNull() ? Optional.empty()
            : Optional.of(new ClockOffset(Duration.ofMillis(offset)));
        long sent = rs.getLong(11);
        Optional<Instant> sigbSentAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(sent));
        events.add(new StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getLong(5), rs.getString(6), rs.getInt(7), rs.getInt(8), Instant.ofEpochMilli(rs.getLong(9)),
            clockOffset, sigbSentAt));
      }
    }
    return events;
  }

  /**
   * An event as stored, for the processor that applies it: {@code attempts} tries so far (for the backoff),
   * {@code failures} of them its own (against its limit), when it arrived, and what was taken off its device's
   * times (empty when the device did not say what its clock read), and when its SIGB request was last sent
   * ({@link #markSigbSent}; empty when never: the SIGB cannot have applied it).
   */
  public record StoredEvent(String eventId, String site, String deviceId, String channel, long sequence,
                            String payload, int attempts, int failures, Instant receivedAt,
                            Optional<ClockOffset> clockOffset, Optional<Instant> sigbSentAt) {
    public StoredEvent(String eventId, String site, String deviceId, String channel, long sequence, String payload,
                       int attempts, int failures) {
      this(eventId, site, deviceId, channel, sequence, payload, attempts, failures, Instant.EPOCH, Optional.empty(),
          Optional.empty());
    }

    /**
     * A time of the payload (read on the device's clock: {@code returnedAt}, {@code detectedAt} ...) on the hub's
     * clock; as it is when the device did not say what its clock read.
     */
    public Instant onHubClock(Instant deviceClock) {
      return clockOffset.map(o -> o.onHubClock(deviceClock, receivedAt)).orElse(deviceClock);
    }
  }

  /**
   * An event as staff and admins see it at {@code GET /api/events}: {@code deviceTime} on the hub's clock,
   * {@code clockOffsetMs} what was taken off the device's own (null: the device did not say).
   */
  public record EventView(String eventId, String site, String deviceId, String channel, long sequence,
                          Instant deviceTime, Instant receivedAt, String status, int attempts, String lastError,
                          String outcome, Long clockOffsetMs) {}

  private static Long number(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : value;
  }
}
