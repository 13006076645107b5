package fr.navette.hub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import java.util.Arrays;
import java.util.Comparator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's store: SQLite (default) or PostgreSQL behind one schema, migrated by Flyway at start.
 * SQLite runs in WAL mode with {@code synchronous=FULL}: the hub acknowledges an event to the broker only
 * after its commit, so the commit must survive a power cut, not just a crash.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  /** How many times a transaction meets contention before its caller hears of it. */
  /**
   * Attempts of a transaction that meets contention, each after a short random pause growing with the attempt
   * (≈ 1 s in all at most): SQLite refuses at once, whatever its busy timeout, a deferred transaction whose read
   * is overtaken by another connection's write (SQLITE_BUSY), so an immediate retry met the same writer again
   * (seen: the demo's accounts written while devices' first events were stored).
   */
  private static final int TRANSIENT_ATTEMPTS = 8;
  private final HikariDataSource dataSource;
  private final boolean sqlite;
  private final StoreHealth health = new StoreHealth(Clock.systemUTC());

  private Database(HikariDataSource dataSource, boolean sqlite) {
    this.dataSource = dataSource;
    this.sqlite = sqlite;
  }

  public static Database open(String jdbcUrl, String user, String password) {
    boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("hub-store");
    if (sqlite) {
      createParentFolder(jdbcUrl.substring("jdbc:sqlite:".length()));
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty("busy_timeout", "10000");
      config.addDataSourceProperty("foreign_keys", "true");
      // SQLite has one writer at a time; more connections only queue on its lock.
      config.setMaximumPoolSize(4);
    } else {
      config.setUsername(user);
      config.setPassword(password);
      config.setMaximumPoolSize(10);
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw sqlite && StoreFaults.isStoreFault(e) ? damaged(jdbcUrl, e.getMessage(), e)
          : new StoreException("cannot open the store at " + safe(jdbcUrl) + ": " + e.getMessage(), e);
    }
    if (sqlite) {
      durability(dataSource, jdbcUrl);
      quickCheck(dataSource, jdbcUrl);
    }
    try {
      Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
          .placeholders(placeholders(sqlite)).load();
      refuseNewer(flyway, jdbcUrl);
      flyway.migrate();
    } catch (StoreFromNewerVersion e) {
      dataSource.close();
      throw e;
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException("cannot migrate the store at " + jdbcUrl + ": " + e.getMessage(), e);
    }
    LOG.info("store ready: {}", safe(jdbcUrl));
    return new Database(dataSource, sqlite);
  }

  /**
   * What migrations spell differently on the two engines (Flyway's {@code ${name}}): a payload's JSON field as text,
   * read when a migration fills new columns from the events already stored (V17).
   */
  static java.util.Map<String, String> placeholders(boolean sqlite) {
    java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
    for (String field : List.of("itemId", "patronRef", "dueDate")) {
      String name = "payload" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
      p.put(name, sqlite ? "json_extract(payload, '$." + field + "')" : "(payload::json ->> '" + field + "')");
    }
    return p;
  }

  /**
   * A store a newer hub migrated: Flyway by default ignores applied migrations it does not know ("future" ones)
   * and would let this hub run on a schema it was not written for. Refused before anything is written.
   */
  private static void refuseNewer(Flyway flyway, String jdbcUrl) {
    MigrationInfoService info = flyway.info();
    boolean future = Arrays.stream(info.all()).anyMatch(i -> i.getState() == MigrationState.FUTURE_SUCCESS
        || i.getState() == MigrationState.FUTURE_FAILED);
    if (!future) {
      return;
    }
    String known = Arrays.stream(info.all()).filter(i -> i.getState().isResolved() && i.getVersion() != null)
        .map(MigrationInfo::getVersion).max(Comparator.naturalOrder()).map(Object::toString).orElse("none");
    String store = jdbcUrl.startsWith("jdbc:sqlite:") ? jdbcUrl.substring("jdbc:sqlite:".length()) : safe(jdbcUrl);
    throw new StoreFromNewerVersion(store, info.current().getVersion().toString(), known);
  }

  /**
   * WAL and {@code synchronous=FULL} read back from a pooled connection: SQLite keeps the mode it has when it cannot
   * apply the one asked (WAL needs shared memory: a network share or some FUSE file systems refuse it), without an
   * error. A hub that acknowledged events to the broker on commits that a power cut can undo would lose them; it
   * does not start so.
   */
  private static void durability(HikariDataSource dataSource, String jdbcUrl) {
    String journal;
    int synchronous;
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
        journal = rs.next() ? rs.getString(1) : "?";
      }
      try (ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
        synchronous = rs.next() ? rs.getInt(1) : -1;
      }
    } catch (SQLException e) {
      dataSource.close();
      throw StoreFaults.isStoreFault(e) ? damaged(jdbcUrl, e.getMessage(), e)
          : new StoreException("cannot open the store at " + safe(jdbcUrl) + ": " + e.getMessage(), e);
    }
    if (!"wal".equalsIgnoreCase(journal) || synchronous != 2) {
      dataSource.close();
      throw new StoreException("the hub's store " + jdbcUrl.substring("jdbc:sqlite:".length()) + " runs with"
          + " journal_mode=" + journal + " and synchronous=" + synchronous + " where WAL and 2 (FULL) were asked:"
          + " acknowledged events would not survive a power cut, so the hub does not start (is the folder on a"
          + " network share or a file system without shared memory?)", null);
    }
    LOG.debug("store {}: journal_mode=wal, synchronous=FULL, read back", safe(jdbcUrl));
  }

  /**
   * {@code PRAGMA quick_check} before anything is written: a hub that started on a damaged file would acknowledge
   * events into it and fail later, where nobody looks. O(size of the file): seconds for a year of a network.
   */
  private static void quickCheck(HikariDataSource dataSource, String jdbcUrl) {
    List<String> problems = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("PRAGMA quick_check(5)")) {
      while (rs.next()) {
        problems.add(rs.getString(1));
      }
    } catch (SQLException e) {
      dataSource.close();
      throw damaged(jdbcUrl, e.getMessage(), e);
    }
    if (!problems.equals(List.of("ok"))) {
      dataSource.close();
      throw damaged(jdbcUrl, "quick_check found " + String.join("; ", problems), null);
    }
  }

  private static StoreException damaged(String jdbcUrl, String detail, Throwable cause) {
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    return new StoreException("the hub's store " + file + " is damaged (" + detail + "). The hub does not start on"
        + " a damaged store. Keep the file and its -wal and -shm files for inspection; then restore the latest backup"
        + " to " + file + ", or move the three files aside to start on an empty store (devices send again what"
        + " their outboxes still hold).", cause);
  }

  private static String safe(String jdbcUrl) {
    return jdbcUrl.replaceAll("password=[^&]*", "password=***");
  }

  /** Whether the store answers, as its transactions find it (see {@link StoreHealth}). */
  public StoreHealth health() {
    return health;
  }

  public static Database sqlite(Path file) {
    return open("jdbc:sqlite:" + file.toAbsolutePath(), null, null);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public boolean isSqlite() {
    return sqlite;
  }

  /**
   * Runs work in one transaction: committed if it returns, rolled back if it throws. A transaction that meets
   * contention ({@link StoreFaults#isTransient}) is run again, up to {@value #TRANSIENT_ATTEMPTS} times: work must
   * not act outside the connection.
   */
  public <T> T inTransaction(SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (RuntimeException e) {
        if (attempt == TRANSIENT_ATTEMPTS || !StoreFaults.isTransient(e)) {
          throw e;
        }
        // Contention (see StoreFaults#isTransient): the transaction was rolled back whole; run it again once the
        // other writer has had time to commit.
        pauseBeforeAttempt(attempt + 1);
      }
    }
  }

  private static void pauseBeforeAttempt(int attempt) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 30) * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to retry a transaction", e);
    }
  }

  private <T> T once(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollBack(connection);
        if (StoreFaults.isStoreFault(e)) {
          // SQLite rolls a transaction back by itself on SQLITE_FULL and the like, and the JDBC connection does not
          // know: given back to the pool, it would run the next "transaction" in autocommit ("cannot commit - no
          // transaction is active"). A fresh connection instead.
          dataSource.evictConnection(connection);
        }
        throw e;
      }
    } catch (SQLException e) {
      if (StoreFaults.isStoreFault(e)) {
        health.fault(e.getMessage());
      }
      throw new StoreException("store: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (StoreFaults.isStoreFault(e)) {
        health.fault(e.getMessage());
      }
      throw e;
    }
  }

  // A rollback on a failing store fails too: the first error is the one to tell.
  private static void rollBack(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the transaction's own error follows
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static void createParentFolder(String file) {
    // jdbc:sqlite:file:/path?options (a SQLite URI filename) names /path
    String path = file.startsWith("file:") ? file.substring("file:".length()).replaceFirst("\\?.*", "") : file;
    Path parent = Path.of(path).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create the folder of the store " + parent + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
