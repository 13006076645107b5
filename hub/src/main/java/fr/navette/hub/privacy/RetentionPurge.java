package fr.navette.hub.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Destroys, once a day, what links a patron to a document after the {@link Retention} (DESIGN §9, CNIL NS-009):
 *
 * <ul>
 *   <li>kiosk loans and renewals ({@code checkout}, {@code renew} events, the only rows naming a patron — by
 *       pseudonym): the {@code patronRef} is taken out of the payload, the row kept, so that statistics keep their
 *       counts and "just borrowed?" its times;
 *   <li>quarantined payloads received before the same limit: their bytes cleared (a message that did not decode
 *       may hold anything), the topic, reason and time kept;
 *   <li>retired patron keys retired before that limit: destroyed ({@link PatronKeys#destroyRetired}).
 * </ul>
 *
 * <p>When a loan ended: the hub sees the return when it goes through a return box or kiosk — the first {@code
 * return} of the document after the loan; a new {@code checkout} of it ends the previous loan too (returned at a
 * desk). A loan the hub never saw end counts as ended on its due date (the end of that day), else at the loan's
 * own time: the SIGB keeps the loan itself; the hub's copy is never kept longer than the law's limit would allow
 * for a loan returned when due. Alarms and transits concern documents and hold no patron (V3, V1): nothing to do.
 *
 * <p>Logged at INFO in counts only; one line in the audit log ({@code privacy-purge}, actor {@code hub}) per run.
 * Idempotent: a link removed is gone, a payload cleared is empty, a key destroyed has no material.
 */
public final class RetentionPurge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Loans looked at per transaction: short transactions beside ingest on SQLite's one writer. */
  private static final int BATCH = 500;
  /** A document's later returns and loans read at most, to find the one that ended a loan. */
  private static final int LATER_CANDIDATES = 20;
  public static final String ACTOR = "hub";

  private final Database db;
  private final PatronKeys keys;
  private final AuditLog audit;
  private final Retention retention;
  private final Clock clock;
  private final ZoneId zone;
  private ScheduledExecutorService scheduler;

  /**
   * What one run did, in counts.
   *
   * @param endedBefore loans ended before this instant lost their patron
   * @param rotatedTo the new key's id when the scheduled rotation was due
   */
  public record Result(Instant endedBefore, int linksRemoved, int quarantinedCleared, List<String> keysDestroyed,
                       Optional<String> rotatedTo) {}

  public RetentionPurge(Database db, PatronKeys keys, AuditLog audit, Retention retention, Clock clock,
      ZoneId zone) {
    this.db = db;
    this.keys = keys;
    this.audit = audit;
    this.retention = retention;
    this.clock = clock;
    this.zone = zone;
  }

  /** Runs {@link #purge()} {@code firstAfter} from now, then every day. */
  public synchronized RetentionPurge start(Duration firstAfter) {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "retention-purge");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::purgeQuietly, firstAfter.toMillis(), Duration.ofDays(1).toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  private void purgeQuietly() {
    try {
      purge();
    } catch (RuntimeException e) {
      // Tried again tomorrow; said loudly today.
      LOG.error("retention purge failed, tried again in a day: {}", e.toString());
    }
  }

  /** One run, now (by the clock). */
  public synchronized Result purge() {
    Instant now = clock.instant();
    Instant endedBefore = retention.endedBefore(now, zone);
    int links = removeLinks(endedBefore);
    int cleared = clearQuarantine(endedBefore);
    List<String> destroyed = keys.destroyRetired(endedBefore, ACTOR);
    Optional<String> rotated = Optional.empty();
    if (retention.rotateKeyDays() > 0
        && !keys.currentSince().plus(Duration.ofDays(retention.rotateKeyDays())).isAfter(now)) {
      try {
        rotated = Optional.of(keys.rotate(ACTOR));
      } catch (IllegalStateException e) {
        LOG.info("scheduled patron key rotation: {}", e.getMessage()); // another hub did it
      }
    }
    if (db.isSqlite()) {
      checkpoint(); // the WAL file would still hold the old pages
    }
    Result result = new Result(endedBefore, links, cleared, destroyed, rotated);
    String said = "loans ended before " + LocalDate.ofInstant(endedBefore, zone) + ": " + links
        + " patron links removed, " + cleared + " quarantined payloads cleared, " + destroyed.size()
        + " patron keys destroyed" + rotated.map(id -> ", patron key rotated").orElse("");
    audit.recordAs(ACTOR, "privacy-purge", "retention", said);
    LOG.info("retention purge ({}): {}", retention, said);
    return result;
  }

  private int removeLinks(Instant endedBefore) {
    int removed = 0;
    String lastSeen = "";
    while (true) {
      String after = lastSeen;
      List<String[]> batch = db.inTransaction(c -> candidates(c, endedBefore, after));
      if (batch.isEmpty()) {
        return removed;
      }
      lastSeen = batch.get(batch.size() - 1)[0];
      removed += db.inTransaction(c -> {
        PatronKeys.secureDelete(c);
        int n = 0;
        for (String[] row : batch) {
          n += unlinkIfEnded(c, row[0], Long.parseLong(row[1]), row[2], endedBefore);
        }
        return n;
      });
    }
  }

  /** Loans and renewals still naming a patron, made before the limit (a loan ended before it began before it). */
  private static List<String[]> candidates(Connection c, Instant endedBefore, String after) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT event_id, device_time, payload FROM events"
        + " WHERE channel IN ('checkout', 'renew') AND device_time < ? AND event_id > ?"
        + " AND payload LIKE '%\"patronRef\"%' ORDER BY event_id LIMIT ?")) {
      st.setLong(1, endedBefore.toEpochMilli());
      st.setString(2, after);
      st.setInt(3, BATCH);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(new String[] {rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3)});
        }
      }
    }
    return rows;
  }

  private int unlinkIfEnded(Connection c, String eventId, long at, String payload, Instant endedBefore)
      throws SQLException {
    ObjectNode node;
    try {
      JsonNode read = JSON.readTree(payload);
      if (!(read instanceof ObjectNode object)) {
        return 0;
      }
      node = object;
    } catch (JsonProcessingException e) {
      return 0; // stored events were decoded at ingest: cannot happen
    }
    if (!node.has("patronRef")) {
      return 0;
    }
    Instant ended = loanEnd(c, eventId, at, node);
    if (!ended.isBefore(endedBefore)) {
      return 0;
    }
    node.remove("patronRef");
    try (PreparedStatement st = c.prepareStatement("UPDATE events SET payload = ? WHERE event_id = ?")) {
      st.setString(1, node.toString());
      st.setString(2, eventId);
      return st.executeUpdate();
    }
  }

  /** When the loan (or renewal) of {@code node} ended, by what the hub saw (see the class comment). */
  private Instant loanEnd(Connection c, String eventId, long at, ObjectNode node) throws SQLException {
    String itemId = node.path("itemId").asText("");
    if (!itemId.isEmpty()) {
      try (PreparedStatement st = c.prepareStatement("SELECT device_time, payload FROM events"
          + " WHERE channel IN ('return', 'checkout') AND device_time >= ? AND event_id <> ?"
          + " AND payload LIKE ? ESCAPE '!' ORDER BY device_time LIMIT ?")) {
        st.setLong(1, at);
        st.setString(2, eventId);
        st.setString(3, "%" + itemId.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        st.setInt(4, LATER_CANDIDATES);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            try {
              if (itemId.equals(JSON.readTree(rs.getString(2)).path("itemId").asText(null))) {
                return Instant.ofEpochMilli(rs.getLong(1));
              }
            } catch (JsonProcessingException e) {
              // not this one
            }
          }
        }
      }
    }
    String due = node.path("dueDate").asText("");
    if (!due.isEmpty()) {
      try {
        return LocalDate.parse(due).plusDays(1).atStartOfDay(zone).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        // decoded at ingest: cannot happen; the loan's time below
      }
    }
    return Instant.ofEpochMilli(at);
  }

  private int clearQuarantine(Instant before) {
    return db.inTransaction(c -> {
      PatronKeys.secureDelete(c);
      try (PreparedStatement st = c.prepareStatement("UPDATE quarantine SET payload_base64 = '',"
          + " reason = reason || ' (payload cleared after the retention)'"
          + " WHERE received_at < ? AND payload_base64 <> ''")) {
        st.setLong(1, before.toEpochMilli());
        return st.executeUpdate();
      }
    });
  }

  private void checkpoint() {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      LOG.info("retention purge: the WAL checkpoint will wait for SQLite's own ({})", e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
