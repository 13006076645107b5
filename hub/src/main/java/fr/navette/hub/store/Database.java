package fr.navette.hub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's store: SQLite (default) or PostgreSQL behind one schema, migrated by Flyway at start.
 * SQLite runs in WAL mode with {@code synchronous=FULL}: the hub acknowledges an event to the broker only
 * after its commit, so the commit must survive a power cut, not just a crash.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private final HikariDataSource dataSource;
  private final boolean sqlite;

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
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException("cannot migrate the store at " + jdbcUrl + ": " + e.getMessage(), e);
    }
    LOG.info("store ready: {}", sqlite ? jdbcUrl : jdbcUrl.replaceAll("password=[^&]*", "password=***"));
    return new Database(dataSource, sqlite);
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

  /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("store: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static void createParentFolder(String file) {
    Path parent = Path.of(file).toAbsolutePath().getParent();
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
