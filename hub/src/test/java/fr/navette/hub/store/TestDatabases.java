package fr.navette.hub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The two stores the hub runs on, for tests that must pass on both: a SQLite file in a temporary folder, and a
 * fresh schema in the PostgreSQL of the machine (127.0.0.1:5432, database {@code test}, trust auth), or a
 * clear skip where there is none. Override with {@code NAVETTE_TEST_PG_URL} / {@code NAVETTE_TEST_PG_USER}.
 */
public final class TestDatabases {
  public static final String PG_URL = System.getenv().getOrDefault("NAVETTE_TEST_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String PG_USER = System.getenv().getOrDefault("NAVETTE_TEST_PG_USER", "postgres");

  private static final java.util.List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

  private TestDatabases() {}

  /** Drops the schemas this JVM's tests created; call after closing the store. */
  public static void dropCreatedSchemas() {
    if (CREATED.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null);
         Statement st = c.createStatement()) {
      for (String schema : CREATED) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        CREATED.remove(schema);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test schemas " + CREATED + ": " + e.getMessage(), e);
    }
  }

  public static Database open(String kind, Path dir) {
    return switch (kind) {
      case "sqlite" -> Database.sqlite(dir.resolve("hub.db"));
      case "postgresql" -> Database.open(PG_URL + "?currentSchema=" + freshPostgresSchema(), PG_USER, null);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** Creates an empty schema for one test, or skips the test with the reason when PostgreSQL is absent. */
  public static String freshPostgresSchema() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null);
         Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
      CREATED.add(schema);
    } catch (SQLException e) {
      Assumptions.abort("PostgreSQL not reachable at " + PG_URL + " as " + PG_USER + " (" + e.getMessage()
          + "): skipping the PostgreSQL run of this test");
    }
    return schema;
  }
}
