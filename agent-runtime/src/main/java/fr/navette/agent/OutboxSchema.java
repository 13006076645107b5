package fr.navette.agent;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox file's schema, versioned in {@code PRAGMA user_version} and migrated forward in place at open.
 *
 * <p>Version 1 is the first outbox, which never wrote {@code user_version} (it reads 0): an outbox table without a
 * version is a version 1 file, and so is a new file once the version 1 tables are made — new and old files go
 * through the same migrations. Each migration runs in one transaction with its version number, so a power cut
 * during an upgrade leaves the file at the version before, whole, and the next start runs the migration again.
 * A file with a version above {@link #CURRENT} was written by a newer Navette: it is refused before anything is
 * written ({@link OutboxFromNewerVersion}).
 */
final class OutboxSchema {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSchema.class);

  /** One step: the statements that bring a version {@code version - 1} file to {@code version}. */
  record Migration(int version, String what, List<String> statements) {}

  /**
   * The migrations, in order. Never edit one once released: add the next.
   *
   * <p>2: an index on the queued counts only. When the outbox is past its soft limit (the hub away for long), each
   * new count merges into the newest queued one ({@code SqliteOutbox#mergeCount}); without the index that lookup
   * walked the whole queue backwards whenever no count was queued after the rows handed out (12 ms per count at
   * 100,000 queued returns on a PC, tenfold on a Pi's SD card, on every count). Partial, so returns and alarms pay
   * nothing for it.
   *
   * <p>3: what the broker confirmed is kept a while in {@code sent} (sequence, channel, exact payload, when stored,
   * when confirmed) rather than forgotten: a broker that acknowledges and dies before the hub has the event (Mosquitto
   * keeps QoS 1 messages in memory) loses it, the hub sees the hole and asks for it again ({@link Outbox#resend}).
   * Purged by {@link OutboxPolicy}'s bounds.
   */
  static final List<Migration> MIGRATIONS = List.of(
      new Migration(2, "index of queued counts", List.of(
          "CREATE INDEX IF NOT EXISTS outbox_counts ON outbox (sequence) WHERE channel = 'count'")),
      new Migration(3, "events the broker confirmed, kept to send again", List.of("""
          CREATE TABLE IF NOT EXISTS sent (
            sequence  INTEGER PRIMARY KEY,
            channel   TEXT    NOT NULL,
            payload   BLOB    NOT NULL,
            stored_at INTEGER NOT NULL,
            sent_at   INTEGER NOT NULL)""")));

  /** The version this program writes and reads. */
  static final int CURRENT = MIGRATIONS.getLast().version();

  private OutboxSchema() {}

  /** The file's version as written; 0 for a new file or a version 1 file. Writes nothing. */
  static int version(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Refuses a file from a newer Navette (before anything is written to it).
   *
   * @throws OutboxFromNewerVersion when the file's version is above {@code known}
   */
  static void refuseNewer(Path file, Connection connection, int known) throws SQLException {
    int version = version(connection);
    if (version > known) {
      throw new OutboxFromNewerVersion(file, version, known);
    }
  }

  /** Brings the file to the last of {@code migrations}, in place, keeping every row. */
  static void migrate(Path file, Connection connection, List<Migration> migrations) throws SQLException {
    int version = version(connection);
    if (version == 0) {
      createVersion1(connection);
      version = 1;
    }
    for (Migration m : migrations) {
      if (m.version() <= version) {
        continue;
      }
      if (m.version() != version + 1) {
        throw new IllegalStateException("outbox migrations skip from " + version + " to " + m.version());
      }
      try (Statement st = connection.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        try {
          for (String sql : m.statements()) {
            st.execute(sql);
          }
          st.execute("PRAGMA user_version = " + m.version());
          st.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          st.execute("ROLLBACK");
          throw new SQLException("outbox " + file + ": migration to schema version " + m.version() + " (" + m.what()
              + ") failed, the file stays at version " + version + ": " + e.getMessage(), e);
        }
      }
      LOG.info("outbox {}: schema version {} → {} ({}), every queued event kept", file, version, m.version(),
          m.what());
      version = m.version();
    }
  }

  // The first outbox's tables, exactly as version 1 made them (IF NOT EXISTS: a version 1 file already has them).
  private static void createVersion1(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      try {
        st.execute("""
            CREATE TABLE IF NOT EXISTS outbox (
              sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
              channel   TEXT    NOT NULL,
              payload   BLOB    NOT NULL,
              stored_at INTEGER NOT NULL)""");
        // Events the hub refused for good: kept with the reason, out of the queue (see Outbox#refuse).
        st.execute("""
            CREATE TABLE IF NOT EXISTS refused (
              sequence    INTEGER PRIMARY KEY,
              channel     TEXT    NOT NULL,
              payload     BLOB    NOT NULL,
              stored_at   INTEGER NOT NULL,
              reason      TEXT    NOT NULL,
              refused_at  INTEGER NOT NULL)""");
        st.execute("PRAGMA user_version = 1");
        st.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        st.execute("ROLLBACK");
        throw e;
      }
    }
  }
}
