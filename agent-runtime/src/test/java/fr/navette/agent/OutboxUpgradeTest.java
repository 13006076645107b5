package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.schema.Channel;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades in place: an outbox written by version 1 of the outbox (the fixture {@code outbox-v1.db}, made by the
 * SqliteOutbox of commit 268ec2a, before schema versions existed: 8 returns stored, 1 and 2 sent, 3 refused, 4 to 8
 * queued) opens migrated with every queued event; an outbox from a newer version is refused untouched.
 */
class OutboxUpgradeTest {
  private static final String BOX = "box-v1";
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T02:30:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  @Test
  void aVersion1OutboxIsMigratedInPlaceKeepingEveryQueuedEvent() throws Exception {
    Path file = fixture();
    assertThat(userVersion(file)).isZero(); // version 1 never wrote a version
    assertThat(indexes(file)).doesNotContain("outbox_counts");

    try (SqliteOutbox outbox = SqliteOutbox.open(file, BOX, clock)) {
      assertThat(outbox.depth()).isEqualTo(5);
      assertThat(outbox.lastSequence()).isEqualTo(8);
      assertThat(outbox.refusedCount()).isEqualTo(1);
      List<String> items = new ArrayList<>();
      for (Outbox.StoredEvent e : outbox.oldest(10)) {
        items.add(e.sequence() + " " + EventCodec.decodeReturn(e.payload()).itemId());
      }
      assertThat(items).containsExactly("4 ITEM-V1-4", "5 ITEM-V1-5", "6 ITEM-V1-6", "7 ITEM-V1-7", "8 ITEM-V1-8");
      // the sequence goes on above the old high mark, never reusing a number the hub has seen
      assertThat(append(outbox, "AFTER-UPGRADE").sequence()).isEqualTo(9);
    }
    assertThat(userVersion(file)).isEqualTo(OutboxSchema.CURRENT).isEqualTo(3);
    assertThat(indexes(file)).contains("outbox_counts");
    try (SqliteOutbox again = SqliteOutbox.open(file, BOX, clock)) { // a second open migrates nothing
      assertThat(again.depth()).isEqualTo(6);
    }
  }

  @Test
  void version2sCountIndexIsWhatTheMergeOfCountsUses() throws Exception {
    Path file = dir.resolve("outbox.db");
    try (SqliteOutbox outbox = SqliteOutbox.open(file, BOX, clock, new OutboxPolicy(2))) {
      append(outbox, "R-1");
      append(outbox, "R-2");
      Outbox.StoredEvent first = count(outbox, 3);
      Outbox.StoredEvent merged = count(outbox, 4); // past the soft limit: merged into the queued count
      assertThat(merged.sequence()).isEqualTo(first.sequence());
      assertThat(EventCodec.decode(Channel.COUNT, merged.payload(), CountEvent.class).entries()).isEqualTo(7);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN SELECT sequence, payload, stored_at FROM outbox"
             + " WHERE channel = 'count' AND sequence > 0 ORDER BY sequence DESC LIMIT 1")) {
      rs.next();
      assertThat(rs.getString("detail")).contains("outbox_counts");
    }
  }

  @Test
  void aMigrationThatFailsLeavesTheFileAtItsVersionWithEveryEvent() throws Exception {
    Path file = fixture();
    List<OutboxSchema.Migration> broken = new ArrayList<>(OutboxSchema.MIGRATIONS);
    broken.add(new OutboxSchema.Migration(4, "a test's step that fails half-way", List.of(
        "ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX broken ON no_such_table (x)")));

    assertThatThrownBy(() -> SqliteOutbox.open(file, BOX, clock, OutboxPolicy.DEFAULT, broken))
        .isInstanceOf(OutboxException.class)
        .hasMessageContaining("migration to schema version 4").hasMessageContaining("stays at version 3");
    assertThat(userVersion(file)).isEqualTo(3); // versions 2 and 3 applied and kept, version 4 rolled back whole
    try (SqliteOutbox outbox = SqliteOutbox.open(file, BOX, clock)) {
      assertThat(outbox.depth()).isEqualTo(5);
    }
    assertThat(columns(file)).doesNotContain("priority");
  }

  @Test
  void anOlderProgramRefusesANewerOutboxAndLeavesItUntouched() throws Exception {
    Path file = fixture();
    // A later Navette (a version 4 this program does not know) wrote this outbox.
    List<OutboxSchema.Migration> later = new ArrayList<>(OutboxSchema.MIGRATIONS);
    later.add(new OutboxSchema.Migration(4, "a test's later version", List.of(
        "ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")));
    try (SqliteOutbox newer = SqliteOutbox.open(file, BOX, clock, OutboxPolicy.DEFAULT, later)) {
      append(newer, "FROM-THE-NEWER-VERSION");
    }
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> SqliteOutbox.open(file, BOX, clock))
        .isInstanceOfSatisfying(OutboxFromNewerVersion.class, e -> {
          assertThat(e.fileVersion()).isEqualTo(4);
          assertThat(e.knownVersion()).isEqualTo(3);
          assertThat(e.file()).isEqualTo(file);
        })
        .hasMessageContaining(file.toString()).hasMessageContaining("schema version 4")
        .hasMessageContaining("up to 3").hasMessageContaining("newer Navette");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(dir.toFile().list()).noneMatch(name -> name.contains("corrupt")); // not taken for corruption

    try (SqliteOutbox newerAgain = SqliteOutbox.open(file, BOX, clock, OutboxPolicy.DEFAULT, later)) {
      assertThat(newerAgain.depth()).isEqualTo(6); // the newer version finds all it queued
    }
    assertThat(OutboxFromNewerVersion.in(new IllegalStateException("start failed",
        new OutboxFromNewerVersion(file, 4, 3)))).isPresent();
  }

  private Path fixture() throws Exception {
    Path file = dir.resolve("outbox.db");
    try (InputStream in = getClass().getResourceAsStream("outbox-v1.db")) {
      Files.copy(in, file);
    }
    return file;
  }

  private Outbox.StoredEvent append(SqliteOutbox outbox, String item) {
    return outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, clock.instant(), false)));
  }

  private Outbox.StoredEvent count(SqliteOutbox outbox, long entries) {
    return outbox.append(Channel.COUNT, h -> EventCodec.encode(new CountEvent(h, clock.instant().minusSeconds(60),
        clock.instant(), entries, 0, 1)));
  }

  private static int userVersion(Path file) throws SQLException {
    return queryStrings(file, "PRAGMA user_version").stream().mapToInt(Integer::parseInt).findFirst().orElseThrow();
  }

  private static List<String> indexes(Path file) throws SQLException {
    return queryStrings(file, "SELECT name FROM sqlite_master WHERE type = 'index'");
  }

  private static List<String> columns(Path file) throws SQLException {
    return queryStrings(file, "SELECT name FROM pragma_table_info('outbox')");
  }

  private static List<String> queryStrings(Path file, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
