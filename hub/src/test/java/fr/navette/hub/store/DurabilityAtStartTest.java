package fr.navette.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store's durability settings are read back at start: a store where they are not in force refuses. */
class DurabilityAtStartTest {
  @TempDir Path dir;

  @Test
  void theStoreRunsInWalWithFullSynchronousOnEveryPooledConnection() throws Exception {
    try (Database db = Database.sqlite(dir.resolve("hub.db"))) {
      for (int i = 0; i < 3; i++) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
          try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
          }
          try (ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
          }
        }
      }
    }
  }

  @Test
  void aStoreUrlAskingForLessFsyncDoesNotGetIt() throws Exception {
    // An operator's --jdbc-url may carry SQLite settings of its own: the hub's own settings win.
    try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("hub.db") + "?synchronous=OFF", null, null);
         Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
  }

  @Test
  void aStoreWhereWalCannotRunIsRefusedAtStart() {
    // nolock=1 (SQLite's unix-none locking, as on file systems without locks) cannot keep WAL's shared memory:
    // SQLite answers journal_mode=WAL with "delete", without an error.
    Path file = dir.resolve("hub.db");
    assertThatThrownBy(() -> Database.open("jdbc:sqlite:file:" + file + "?nolock=1", null, null).close())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("journal_mode=delete")
        .hasMessageContaining("would not survive a power cut");
    assertThat(Files.exists(dir.resolve("hub.db-wal"))).isFalse();
  }
}
