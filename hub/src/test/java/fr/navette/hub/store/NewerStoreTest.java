package fr.navette.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub older than its store (a downgrade) refuses it, naming both versions, and writes nothing. */
class NewerStoreTest {
  @TempDir Path dir;

  @Test
  void aStoreMigratedByANewerHubIsRefusedUntouched() throws Exception {
    Path file = dir.resolve("hub.db");
    Database.sqlite(file).close();
    // What a newer hub's migration 99 leaves: a row in Flyway's history and a table this hub does not know.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE later_feature (id INTEGER PRIMARY KEY)");
      st.execute("""
          INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
            installed_by, execution_time, success)
          SELECT MAX(installed_rank) + 1, '99', 'later feature', 'SQL', 'V99__later_feature.sql', 1, 'newer hub', 1, 1
          FROM flyway_schema_history""");
    }
    long historyBefore = historyRows(file);

    assertThatThrownBy(() -> Database.sqlite(file).close())
        .isInstanceOf(StoreFromNewerVersion.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("schema version 99")
        .hasMessageMatching("(?s).*knows versions up to \\d+\\..*").hasMessageContaining("newer Navette");
    assertThat(historyRows(file)).isEqualTo(historyBefore);
    assertThat(StoreFromNewerVersion.in(new IllegalStateException("hub start",
        new StoreFromNewerVersion("x", "99", "12")))).isPresent();
  }

  private static long historyRows(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM flyway_schema_history")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
