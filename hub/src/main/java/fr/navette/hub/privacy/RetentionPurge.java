package fr.navette.hub.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * for a loan returned when due. The hub records these ends as the events arrive, in whatever order (EventStore; V17
 * columns {@code loan_ended_at}, {@code due_date}, {@code patron_ref}), so that the purge reads them by index
 * instead of searching every loan's later events. Alarms and transits concern documents and hold no patron (V3,
 * V1): nothing to do.
 *
 * <p>Logged at INFO in counts only; one line in the audit log ({@code privacy-purge}, actor {@code hub}) per run.
 * Idempotent: a link removed is gone, a payload cleared is empty, a key destroyed has no material.
 */
public final class RetentionPurge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Loans looked at per transaction: short transactions beside ingest on SQLite's one writer. */
  private static final int BATCH = 500;
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

  /**
   * Takes the patron out of every loan and renewal ended before the limit, by the loan columns (V17) the hub keeps
   * at ingest: the end it saw ({@code loan_ended_at}), else the due date, else the loan's own time — each found by
   * an index over the links still kept, so a daily run reads only what it removes.
   */
  private int removeLinks(Instant endedBefore) {
    long limit = endedBefore.toEpochMilli();
    // Due on D, a loan counts as ended at the start of D + 1 in the hub's zone: ended before the limit when D + 1 is
    // at most the last day starting before it, i.e. D before that day (ISO dates compare as text).
    LocalDate lastDayStarted = LocalDate.ofInstant(endedBefore, zone);
    if (!lastDayStarted.atStartOfDay(zone).toInstant().isBefore(endedBefore)) {
      lastDayStarted = lastDayStarted.minusDays(1);
    }
    String dueBefore = lastDayStarted.toString();
    int removed = 0;
    removed += unlinkAll("loan_ended_at < ?", st -> st.setLong(1, limit), limit);
    removed += unlinkAll("loan_ended_at IS NULL AND due_date < ?", st -> st.setString(1, dueBefore), limit);
    removed += unlinkAll("loan_ended_at IS NULL AND due_date IS NULL AND device_time < ?",
        st -> st.setLong(1, limit), limit);
    return removed;
  }

  @FunctionalInterface
  private interface Binding {
    void bind(PreparedStatement st) throws SQLException;
  }

  /**
   * Unlinks, {@value #BATCH} at a time, the loans and renewals still linked that {@code ended} selects and that were
   * made before the limit (a loan ended before it began before it; a due date before the loan itself is no reason
   * to drop a running loan's link earlier than its own time).
   */
  private int unlinkAll(String ended, Binding binding, long limit) {
    int removed = 0;
    while (true) {
      int n = db.inTransaction(c -> {
        PatronKeys.secureDelete(c);
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT event_id, payload FROM events"
            + " WHERE patron_ref IS NOT NULL AND " + ended + " AND device_time < ? LIMIT ?")) {
          binding.bind(st);
          int next = countParameters(ended) + 1;
          st.setLong(next, limit);
          st.setInt(next + 1, BATCH);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              rows.add(new String[] {rs.getString(1), rs.getString(2)});
            }
          }
        }
        try (PreparedStatement st = c.prepareStatement(
            "UPDATE events SET payload = ?, patron_ref = NULL WHERE event_id = ?")) {
          for (String[] row : rows) {
            st.setString(1, withoutPatron(row[1]));
            st.setString(2, row[0]);
            st.executeUpdate();
          }
        }
        return rows.size();
      });
      removed += n;
      if (n < BATCH) {
        return removed;
      }
    }
  }

  private static int countParameters(String sql) {
    return (int) sql.chars().filter(ch -> ch == '?').count();
  }

  /** The payload without its {@code patronRef}; as it is when it does not decode (stored decoded: cannot happen). */
  private static String withoutPatron(String payload) {
    try {
      if (JSON.readTree(payload) instanceof ObjectNode node) {
        node.remove("patronRef");
        return node.toString();
      }
    } catch (JsonProcessingException e) {
      // kept as is; its column is cleared all the same, so that it is not read again every day
    }
    return payload;
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
