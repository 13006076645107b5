package fr.navette.agent;

import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.UuidV7;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link Outbox} on one SQLite file. WAL with {@code synchronous=FULL}: each append is on disk when it
 * returns (a return box loses power when the cleaner unplugs it); WAL keeps those commits cheap. The sequence
 * number is the table's AUTOINCREMENT key, so it survives restarts and never goes back.
 */
public final class SqliteOutbox implements Outbox {
  private final Connection connection;
  private final String deviceId;
  private final Clock clock;
  private final UuidV7 ids;

  private SqliteOutbox(Connection connection, String deviceId, Clock clock) {
    this.connection = connection;
    this.deviceId = deviceId;
    this.clock = clock;
    this.ids = new UuidV7(clock);
  }

  public static SqliteOutbox open(Path file, String deviceId, Clock clock) {
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
      return new SqliteOutbox(connection, deviceId, clock);
    } catch (SQLException | java.io.IOException e) {
      throw new OutboxException("cannot open the outbox " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized StoredEvent append(Channel channel, Function<EventHeader, byte[]> payload) {
    long now = clock.millis();
    try {
      connection.setAutoCommit(false);
      try {
        long sequence = nextSequence();
        EventHeader header = new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), deviceId, sequence,
            java.time.Instant.ofEpochMilli(now));
        byte[] bytes = payload.apply(header);
        try (PreparedStatement st = connection.prepareStatement(
            "INSERT INTO outbox (sequence, channel, payload, stored_at) VALUES (?, ?, ?, ?)")) {
          st.setLong(1, sequence);
          st.setString(2, channel.wireName());
          st.setBytes(3, bytes);
          st.setLong(4, now);
          st.executeUpdate();
        }
        connection.commit();
        return new StoredEvent(sequence, channel, bytes, now);
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

  // The next number after everything ever stored, including removed rows (sqlite_sequence keeps the high mark).
  private long nextSequence() throws SQLException {
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")) {
      return rs.next() ? rs.getLong(1) + 1 : 1;
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
      return events;
    } catch (SQLException e) {
      throw new OutboxException("cannot read the outbox: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void remove(long sequence) {
    try (PreparedStatement st = connection.prepareStatement("DELETE FROM outbox WHERE sequence = ?")) {
      st.setLong(1, sequence);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new OutboxException("cannot remove event " + sequence + " from the outbox: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized long depth() {
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM outbox")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new OutboxException("cannot count the outbox: " + e.getMessage(), e);
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

  private static Channel channel(String wireName) {
    for (Channel channel : Channel.values()) {
      if (channel.wireName().equals(wireName)) {
        return channel;
      }
    }
    throw new OutboxException("the outbox holds an event of an unknown channel '" + wireName + "'", null);
  }
}
