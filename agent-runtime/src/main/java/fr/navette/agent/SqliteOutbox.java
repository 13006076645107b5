package fr.navette.agent;

import fr.navette.schema.Channel;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * {@link Outbox} on one SQLite file, in WAL mode.
 *
 * <p>Durability: appends commit with {@code synchronous=FULL}, so each one is on disk when {@code append}
 * returns (a return box loses power when the cleaner unplugs it); WAL makes that one fsync of a sequential log
 * rather than of the database and a rollback journal. Removals commit with {@code synchronous=NORMAL}: a power
 * cut may undo the last few, which republishes them — the hub absorbs duplicates by event id — and the drain
 * goes several times faster. The sequence number is the table's AUTOINCREMENT key, so it survives restarts
 * and never goes back.
 */
public final class SqliteOutbox implements Outbox {
  private final Connection connection;
  private final String deviceId;
  private final Clock clock;
  private final OutboxPolicy policy;
  private final UuidV7 ids;
  private final PreparedStatement insert;
  private final PreparedStatement delete;
  private final PreparedStatement highMark;
  private boolean durableCommits;
  private long handedOutThrough; // rows up to here may be in flight: never merge into them
  private long depth;

  private SqliteOutbox(Connection connection, String deviceId, Clock clock, OutboxPolicy policy) throws SQLException {
    this.connection = connection;
    this.deviceId = deviceId;
    this.clock = clock;
    this.policy = policy;
    this.ids = new UuidV7(clock);
    this.insert = connection.prepareStatement(
        "INSERT INTO outbox (sequence, channel, payload, stored_at) VALUES (?, ?, ?, ?)");
    this.delete = connection.prepareStatement("DELETE FROM outbox WHERE sequence = ?");
    this.highMark = connection.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
    this.depth = count();
  }

  public static SqliteOutbox open(Path file, String deviceId, Clock clock) {
    return open(file, deviceId, clock, OutboxPolicy.DEFAULT);
  }

  public static SqliteOutbox open(Path file, String deviceId, Clock clock, OutboxPolicy policy) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=FULL");
        st.execute("PRAGMA busy_timeout=5000");
        st.execute("""
            CREATE TABLE IF NOT EXISTS outbox (
              sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
              channel   TEXT    NOT NULL,
              payload   BLOB    NOT NULL,
              stored_at INTEGER NOT NULL)""");
      }
      SqliteOutbox outbox = new SqliteOutbox(connection, deviceId, clock, policy);
      outbox.durableCommits = true;
      return outbox;
    } catch (SQLException | IOException e) {
      throw new OutboxException("cannot open the outbox " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized StoredEvent append(Channel channel, Function<EventHeader, byte[]> payload) {
    if (!OutboxPolicy.storable(channel)) {
      throw new IllegalArgumentException(channel.wireName() + " messages are live, never stored in the outbox");
    }
    long now = clock.millis();
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
          insert.setLong(1, sequence);
          insert.setString(2, channel.wireName());
          insert.setBytes(3, bytes);
          insert.setLong(4, now);
          insert.executeUpdate();
          stored = new StoredEvent(sequence, channel, bytes, now);
        }
        connection.commit();
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
      throw new OutboxException("cannot store a " + channel.wireName() + " event: " + e.getMessage(), e);
    }
  }

  // Merges into the newest count nobody holds yet; empty when there is none (the count is then stored as is).
  private StoredEvent mergeCount(byte[] newCount) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement("""
        SELECT sequence, payload, stored_at FROM outbox WHERE channel = ? AND sequence > ?
        ORDER BY sequence DESC LIMIT 1""")) {
      st.setString(1, Channel.COUNT.wireName());
      st.setLong(2, handedOutThrough);
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
        return new StoredEvent(sequence, Channel.COUNT, merged, rs.getLong(3));
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
          events.add(new StoredEvent(rs.getLong(1), channel(rs.getString(2)), rs.getBytes(3), rs.getLong(4)));
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

  @Override
  public synchronized void remove(long sequence) {
    try {
      commitMode(false);
      delete.setLong(1, sequence);
      depth -= delete.executeUpdate();
    } catch (SQLException e) {
      throw new OutboxException("cannot remove event " + sequence + " from the outbox: " + e.getMessage(), e);
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
