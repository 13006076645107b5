package fr.navette.agent;

import fr.navette.schema.Channel;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.ResendRequest;
import fr.navette.schema.UuidV7;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Outbox} on one SQLite file, in WAL mode.
 *
 * <p>Durability: appends commit with {@code synchronous=FULL}, so each one is on disk when {@code append}
 * returns (a return box loses power when the cleaner unplugs it); WAL makes that one fsync of a sequential log
 * rather than of the database and a rollback journal. Removals commit with {@code synchronous=NORMAL}: a power
 * cut may undo the last few, which republishes them — the hub absorbs duplicates by event id — and the drain
 * goes several times faster. The sequence number is the table's AUTOINCREMENT key, so it survives restarts
 * and never goes back.
 *
 * <p>Corruption (an SD card that wore out, a power cut at the wrong moment): {@link #open} runs
 * {@code PRAGMA quick_check}; a file SQLite finds corrupt, or not a database at all, is moved aside with its
 * {@code -wal} and {@code -shm} as {@code outbox.db.corrupt-<UTC time>} (kept for analysis: the events not yet
 * sent are in there), a fresh outbox is opened, and {@link #setAside()} says so — the device goes on, and its
 * health tells the hub. The fresh outbox resumes its sequence above {@link OutboxSequenceMark}, so the events
 * lost show at the hub as one hole (its gap detector), never as numbers used twice. Other failures (disk full,
 * permissions) are not corruption: they fail {@code open} as before, and nothing is moved.
 *
 * <p>Upgrades: the file's schema is versioned ({@code PRAGMA user_version}, {@link OutboxSchema}); an outbox from an
 * older version is migrated in place at open, every queued event kept; one from a newer version is refused
 * untouched ({@link OutboxFromNewerVersion}). WAL and {@code synchronous=FULL} are read back at open: an outbox
 * where they are not in force refuses to open.
 *
 * <p>Sent events: {@link #remove} moves the row to the {@code sent} table in the same transaction (schema version
 * 3), where {@link #resend} finds it; the policy's bound in number is kept at each removal (the oldest go first),
 * its bound in time at open and at the first removal of each hour.
 */
public final class SqliteOutbox implements Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);
  /** How often, at most, sent events past their time are purged (at a removal; and at open). */
  private static final Duration PURGE_EVERY = Duration.ofHours(1);

  /**
   * The outbox file {@link #open} found corrupt and moved aside.
   *
   * @param keptAs where the corrupt file now is (its {@code -wal}, {@code -shm} beside it, same suffixes)
   * @param problem what SQLite said
   * @param resumedAfter the fresh outbox's sequence numbers start above this one (0: no mark was found)
   */
  public record SetAside(Path keptAs, String problem, long resumedAfter) {
    /** What the device's health says, in {@code lastError}, for the hub to raise its alert. */
    public String notice() {
      String said = problem.replaceAll("\\s+", " ").strip();
      return HealthEvent.OUTBOX_SET_ASIDE + keptAs.getFileName() + " (" + (said.length() <= 150 ? said
          : said.substring(0, 149) + "…") + "); events not yet sent are lost, fresh outbox from sequence "
          + (resumedAfter + 1);
    }
  }

  private final Connection connection;
  private final String deviceId;
  private final Clock clock;
  private final OutboxPolicy policy;
  private final UuidV7 ids;
  // Renewed after any SQL error (renewStatements): after SQLITE_FULL sqlite-jdbc's prepared statement answers
  // "statement is not executing" for ever, and the outbox could never let an event go again.
  private PreparedStatement insert;
  private PreparedStatement delete;
  private PreparedStatement keep;
  private PreparedStatement highMark;
  private final OutboxSequenceMark mark;
  private final Optional<SetAside> setAside;
  /**
   * The monotonic clock when this process stored each waiting event (sequence → {@link System#nanoTime()}): what
   * keeps an event's {@code sent-at} on the clock that stamped it ({@link StoredEvent#makingClockNow()}). Memory
   * only: a restarted process has no monotonic reading of what an earlier one stored.
   */
  private final Map<Long, Long> madeAtNanos = new HashMap<>();
  private boolean durableCommits;
  private long handedOutThrough; // rows up to here may be in flight: never merge into them
  private long depth;
  private long kept; // rows in sent
  private long purgedAt;

  private SqliteOutbox(Path file, Connection connection, String deviceId, Clock clock, OutboxPolicy policy,
                       Optional<SetAside> setAside) throws SQLException {
    this.connection = connection;
    this.setAside = setAside;
    this.deviceId = deviceId;
    this.clock = clock;
    this.policy = policy;
    this.ids = new UuidV7(clock);
    prepareStatements();
    this.depth = count();
    this.mark = OutboxSequenceMark.open(file, lastSequenceInTransaction());
    purgeSent();
  }

  public static SqliteOutbox open(Path file, String deviceId, Clock clock) {
    return open(file, deviceId, clock, OutboxPolicy.DEFAULT);
  }

  public static SqliteOutbox open(Path file, String deviceId, Clock clock, OutboxPolicy policy) {
    return open(file, deviceId, clock, policy, OutboxSchema.MIGRATIONS);
  }

  // migrations: OutboxSchema.MIGRATIONS, or a test's own list (a version this program does not have yet).
  static SqliteOutbox open(Path file, String deviceId, Clock clock, OutboxPolicy policy,
                           List<OutboxSchema.Migration> migrations) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Optional<SetAside> setAside = Optional.empty();
      Connection connection;
      try {
        connection = connect(file, migrations);
      } catch (OutboxFile.Corrupt e) {
        Path keptAs = OutboxFile.moveAside(file, clock);
        connection = connect(file, migrations);
        setAside = Optional.of(new SetAside(keptAs, e.getMessage(), resumeAboveMark(file, connection)));
        LOG.error("device {}: the outbox {} is corrupt ({}): kept as {}, events not yet sent are lost; a fresh "
            + "outbox resumes after sequence {}", deviceId, file, e.getMessage(), keptAs,
            setAside.get().resumedAfter());
      }
      if (setAside.isEmpty()) {
        resumeAboveMark(file, connection); // a file deleted by hand is a loss too
      }
      SqliteOutbox outbox = new SqliteOutbox(file, connection, deviceId, clock, policy, setAside);
      outbox.durableCommits = true;
      return outbox;
    } catch (SQLException | IOException | OutboxFile.Corrupt e) {
      throw new OutboxException("cannot open the outbox " + file + ": " + e.getMessage(), e);
    }
  }

  /** The corrupt file this outbox replaced at {@link #open}, if it did. */
  public Optional<SetAside> setAside() {
    return setAside;
  }

  private static Connection connect(Path file, List<OutboxSchema.Migration> migrations)
      throws SQLException, OutboxFile.Corrupt, IOException {
    OutboxFile.check(file);
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA busy_timeout=5000");
      // Before anything is written: a newer Navette's file is left exactly as it was (a downgrade).
      OutboxSchema.refuseNewer(file, connection, migrations.getLast().version());
      durability(file, st);
      OutboxSchema.migrate(file, connection, migrations);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      if (e instanceof SQLException sql && OutboxFile.corruption(sql)) {
        throw new OutboxFile.Corrupt(e.getMessage());
      }
      throw e;
    }
  }

  /**
   * WAL and {@code synchronous=FULL}, read back: SQLite answers a PRAGMA it cannot apply by keeping the mode it has
   * (WAL needs shared memory: some network or FUSE file systems refuse it, and the file stays in rollback-journal
   * mode), silently. An outbox that does not fsync each append would lose acknowledged events on a power cut, so
   * it refuses to open rather than run without saying so.
   */
  private static void durability(Path file, Statement st) throws SQLException {
    String journal;
    try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
      journal = rs.next() ? rs.getString(1) : "?";
    }
    st.execute("PRAGMA synchronous=FULL");
    int synchronous;
    try (ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
      synchronous = rs.next() ? rs.getInt(1) : -1;
    }
    if (!"wal".equalsIgnoreCase(journal) || synchronous != 2) {
      throw new OutboxException("the outbox " + file + " runs with journal_mode=" + journal + " and synchronous="
          + synchronous + " where WAL and 2 (FULL) were asked: appends would not survive a power cut, so the outbox"
          + " refuses to open (is the folder on a file system without shared memory, a network share?)", null);
    }
    LOG.debug("outbox {}: journal_mode={}, synchronous=FULL, read back", file, journal);
  }

  // A new file (never stored anything) starts above the mark the lost one left, if there is one.
  private static long resumeAboveMark(Path file, Connection connection) throws SQLException {
    OptionalLong mark = OutboxSequenceMark.read(file);
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sqlite_sequence WHERE name = 'outbox'")) {
      rs.next();
      if (rs.getLong(1) > 0 || mark.orElse(0) <= 0) {
        return 0;
      }
    }
    try (PreparedStatement st = connection.prepareStatement(
        "INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)")) {
      st.setLong(1, mark.getAsLong());
      st.executeUpdate();
    }
    return mark.getAsLong();
  }

  private void prepareStatements() throws SQLException {
    insert = connection.prepareStatement(
        "INSERT INTO outbox (sequence, channel, payload, stored_at) VALUES (?, ?, ?, ?)");
    delete = connection.prepareStatement("DELETE FROM outbox WHERE sequence = ?");
    keep = connection.prepareStatement("""
        INSERT OR REPLACE INTO sent (sequence, channel, payload, stored_at, sent_at)
        SELECT sequence, channel, payload, stored_at, ? FROM outbox WHERE sequence = ?""");
    highMark = connection.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
  }

  /** After an SQL error (a full disk): fresh statements, so that the next try can succeed once the cause is gone. */
  private void renewStatements() {
    for (PreparedStatement st : new PreparedStatement[] {insert, delete, keep, highMark}) {
      try {
        st.close();
      } catch (SQLException e) {
        // it was broken: that is why it is renewed
      }
    }
    try {
      prepareStatements();
    } catch (SQLException e) {
      LOG.warn("outbox: statements not prepared again yet: {}", e.getMessage());
    }
  }

  @Override
  public synchronized StoredEvent append(Channel channel, Function<EventHeader, byte[]> payload) {
    if (!OutboxPolicy.storable(channel)) {
      throw new IllegalArgumentException(channel.wireName() + " messages are live, never stored in the outbox");
    }
    long now = clock.millis();
    long nanos = System.nanoTime();
    try {
      commitMode(true);
      connection.setAutoCommit(false);
      try {
        long sequence = lastSequenceInTransaction() + 1;
        EventHeader header = new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), deviceId, sequence,
            Instant.ofEpochMilli(now));
        byte[] bytes = payload.apply(header);
        StoredEvent stored = null;
        if (depth >= policy.softLimit() && OutboxPolicy.mergeable(channel)) {
          stored = mergeCount(bytes);
        }
        if (stored == null) {
          mark.cover(sequence);
          insert.setLong(1, sequence);
          insert.setString(2, channel.wireName());
          insert.setBytes(3, bytes);
          insert.setLong(4, now);
          insert.executeUpdate();
          stored = new StoredEvent(sequence, channel, bytes, now, OptionalLong.of(nanos));
        }
        connection.commit();
        if (stored.sequence() == sequence) {
          madeAtNanos.put(sequence, nanos);
        }
        if (stored.sequence() == sequence) {
          depth++;
        }
        return stored;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      renewStatements();
      throw new OutboxException("cannot store a " + channel.wireName() + " event: " + e.getMessage(), e);
    }
  }

  // Merges into the newest count nobody holds yet; empty when there is none (the count is then stored as is).
  private StoredEvent mergeCount(byte[] newCount) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement("""
        SELECT sequence, payload, stored_at FROM outbox WHERE channel = 'count' AND sequence > ?
        ORDER BY sequence DESC LIMIT 1""")) {
      // 'count' written out, not bound: SQLite uses the partial index outbox_counts (schema version 2) only when
      // the query's own text implies the index's WHERE.
      st.setLong(1, handedOutThrough);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long sequence = rs.getLong(1);
        CountEvent older = EventCodec.decode(Channel.COUNT, rs.getBytes(2), CountEvent.class);
        CountEvent newer = EventCodec.decode(Channel.COUNT, newCount, CountEvent.class);
        byte[] merged = EventCodec.encode(older.plus(newer));
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE outbox SET payload = ? WHERE sequence = ?")) {
          update.setBytes(1, merged);
          update.setLong(2, sequence);
          update.executeUpdate();
        }
        return new StoredEvent(sequence, Channel.COUNT, merged, rs.getLong(3), made(sequence));
      }
    }
  }

  // The number after everything ever stored, including removed rows (sqlite_sequence keeps the high mark).
  private long lastSequenceInTransaction() throws SQLException {
    try (ResultSet rs = highMark.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  @Override
  public synchronized List<StoredEvent> oldest(int limit) {
    try (PreparedStatement st = connection.prepareStatement(
        "SELECT sequence, channel, payload, stored_at FROM outbox ORDER BY sequence LIMIT ?")) {
      st.setInt(1, limit);
      List<StoredEvent> events = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          events.add(new StoredEvent(rs.getLong(1), channel(rs.getString(2)), rs.getBytes(3), rs.getLong(4),
              made(rs.getLong(1))));
        }
      }
      if (!events.isEmpty()) {
        handedOutThrough = Math.max(handedOutThrough, events.getLast().sequence());
      }
      return events;
    } catch (SQLException e) {
      throw new OutboxException("cannot read the outbox: " + e.getMessage(), e);
    }
  }

  private OptionalLong made(long sequence) {
    Long nanos = madeAtNanos.get(sequence);
    return nanos == null ? OptionalLong.empty() : OptionalLong.of(nanos);
  }

  @Override
  public synchronized void remove(long sequence) {
    try {
      commitMode(false);
      connection.setAutoCommit(false);
      try {
        if (policy.keepSentAtMost() > 0) {
          keep.setLong(1, clock.millis());
          keep.setLong(2, sequence);
          kept += keep.executeUpdate();
          if (kept > policy.keepSentAtMost()) {
            kept -= forgetOldestSent(kept - policy.keepSentAtMost());
          }
        }
        delete.setLong(1, sequence);
        int removed = delete.executeUpdate();
        connection.commit();
        depth -= removed;
        madeAtNanos.remove(sequence);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        kept = countSent(); // what the rollback left
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
      if (clock.millis() - purgedAt >= PURGE_EVERY.toMillis()) {
        purgeSent();
      }
    } catch (SQLException e) {
      renewStatements();
      throw new OutboxException("cannot remove event " + sequence + " from the outbox: " + e.getMessage(), e);
    }
  }

  private int forgetOldestSent(long howMany) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(
        "DELETE FROM sent WHERE sequence IN (SELECT sequence FROM sent ORDER BY sequence LIMIT ?)")) {
      st.setLong(1, howMany);
      return st.executeUpdate();
    }
  }

  /** Forgets the sent events past the policy's time (and any above its number, a policy lowered since). */
  private void purgeSent() throws SQLException {
    long now = clock.millis();
    // No commitMode here: at open the flag is not yet set (open() sets it after), and a remove has set NORMAL.
    int purged;
    try (PreparedStatement st = connection.prepareStatement("DELETE FROM sent WHERE sent_at < ?")) {
      st.setLong(1, now - policy.keepSentFor().toMillis());
      purged = st.executeUpdate();
    }
    kept = countSent();
    if (kept > policy.keepSentAtMost()) {
      purged += forgetOldestSent(kept - policy.keepSentAtMost());
      kept = countSent();
    }
    purgedAt = now;
    if (purged > 0) {
      LOG.debug("outbox: {} sent event(s) past {} or beyond {} forgotten, {} kept", purged, policy.keepSentFor(),
          policy.keepSentAtMost(), kept);
    }
  }

  @Override
  public synchronized Resent resend(List<ResendRequest.Range> ranges) {
    try {
      commitMode(false); // a requeue lost to a power cut is asked for again by the hub
      connection.setAutoCommit(false);
      try (PreparedStatement requeue = connection.prepareStatement("""
              INSERT OR IGNORE INTO outbox (sequence, channel, payload, stored_at)
              SELECT sequence, channel, payload, stored_at FROM sent WHERE sequence BETWEEN ? AND ?""");
           PreparedStatement unkeep = connection.prepareStatement(
               "DELETE FROM sent WHERE sequence BETWEEN ? AND ?");
           PreparedStatement queued = connection.prepareStatement(
               "SELECT sequence FROM outbox WHERE sequence BETWEEN ? AND ? ORDER BY sequence");
           PreparedStatement setAside = connection.prepareStatement(
               "SELECT sequence FROM refused WHERE sequence BETWEEN ? AND ? ORDER BY sequence")) {
        long requeued = 0;
        long highestRequeued = 0;
        long alreadyQueued = 0;
        List<ResendRequest.Range> refused = new ArrayList<>();
        List<ResendRequest.Range> notKept = new ArrayList<>();
        for (ResendRequest.Range range : ranges) {
          long before = sequences(queued, range).size();
          requeue.setLong(1, range.from());
          requeue.setLong(2, range.to());
          int back = requeue.executeUpdate();
          unkeep.setLong(1, range.from());
          unkeep.setLong(2, range.to());
          kept -= unkeep.executeUpdate();
          requeued += back;
          alreadyQueued += before;
          List<Long> inQueue = sequences(queued, range);
          if (back > 0) {
            highestRequeued = Math.max(highestRequeued, inQueue.getLast());
          }
          List<Long> inRefused = sequences(setAside, range);
          refused.addAll(ranges(inRefused));
          notKept.addAll(complement(range, inQueue, inRefused));
        }
        connection.commit();
        depth += requeued;
        // A count put back is sent as it was: nothing merges into it.
        handedOutThrough = Math.max(handedOutThrough, highestRequeued);
        return new Resent(requeued, alreadyQueued, refused, notKept);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        kept = countSent();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new OutboxException("cannot put sent events back in the outbox: " + e.getMessage(), e);
    }
  }

  private static List<Long> sequences(PreparedStatement query, ResendRequest.Range range) throws SQLException {
    query.setLong(1, range.from());
    query.setLong(2, range.to());
    List<Long> found = new ArrayList<>();
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        found.add(rs.getLong(1));
      }
    }
    return found;
  }

  // Consecutive numbers as ranges: 3, 4, 5, 9 -> 3-5, 9.
  private static List<ResendRequest.Range> ranges(List<Long> ascending) {
    List<ResendRequest.Range> ranges = new ArrayList<>();
    for (long n : ascending) {
      if (!ranges.isEmpty() && ranges.getLast().to() == n - 1) {
        ranges.set(ranges.size() - 1, new ResendRequest.Range(ranges.getLast().from(), n));
      } else {
        ranges.add(new ResendRequest.Range(n, n));
      }
    }
    return ranges;
  }

  // What of the range is in neither list (both ascending, within the range).
  private static List<ResendRequest.Range> complement(ResendRequest.Range range, List<Long> a, List<Long> b) {
    List<ResendRequest.Range> missing = new ArrayList<>();
    long next = range.from();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      long found = j >= b.size() || i < a.size() && a.get(i) < b.get(j) ? a.get(i++) : b.get(j++);
      if (found > next) {
        missing.add(new ResendRequest.Range(next, found - 1));
      }
      next = Math.max(next, found + 1);
    }
    if (next <= range.to()) {
      missing.add(new ResendRequest.Range(next, range.to()));
    }
    return missing;
  }

  @Override
  public synchronized long keptSent() {
    return kept;
  }

  private long countSent() throws SQLException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sent")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public synchronized void refuse(long sequence, String reason) {
    try {
      commitMode(true);
      connection.setAutoCommit(false);
      try (PreparedStatement copy = connection.prepareStatement("""
              INSERT OR REPLACE INTO refused (sequence, channel, payload, stored_at, reason, refused_at)
              SELECT sequence, channel, payload, stored_at, ?, ? FROM outbox WHERE sequence = ?""");
           PreparedStatement drop = connection.prepareStatement("DELETE FROM outbox WHERE sequence = ?")) {
        copy.setString(1, reason);
        copy.setLong(2, clock.millis());
        copy.setLong(3, sequence);
        copy.executeUpdate();
        drop.setLong(1, sequence);
        depth -= drop.executeUpdate();
        connection.commit();
        madeAtNanos.remove(sequence);
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new OutboxException("cannot set event " + sequence + " aside: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized long refusedCount() {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM refused")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new OutboxException("cannot count refused events: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized long depth() {
    return depth;
  }

  @Override
  public synchronized OptionalLong oldestStoredAtMillis() {
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT stored_at FROM outbox ORDER BY sequence LIMIT 1")) {
      return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
    } catch (SQLException e) {
      throw new OutboxException("cannot read the outbox: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized long lastSequence() {
    try {
      return lastSequenceInTransaction();
    } catch (SQLException e) {
      throw new OutboxException("cannot read the outbox: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new OutboxException("cannot close the outbox: " + e.getMessage(), e);
    }
  }

  private void commitMode(boolean durable) throws SQLException {
    if (durableCommits != durable) {
      try (Statement st = connection.createStatement()) {
        st.execute(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
      }
      durableCommits = durable;
    }
  }

  private long count() throws SQLException {
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM outbox")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Channel channel(String wireName) {
    return Channel.fromWire(wireName).orElseThrow(
        () -> new OutboxException("the outbox holds an event of an unknown channel '" + wireName + "'", null));
  }
}
