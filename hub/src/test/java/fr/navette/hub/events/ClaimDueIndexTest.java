package fr.navette.hub.events;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workers' claim of due events must look at pending work only, not at every event the channel ever had: the
 * soak (bench SoakBench) saw the claim's time grow with the events table, as SQLite searched the channel's events
 * through {@code events_channel_time} (all of them, applied included) and sorted them. V16's partial index holds
 * the pending and processing events only, in the claim's order. Checked on the plan each engine chooses, with a
 * table where nearly everything is done — as it is after a year.
 */
class ClaimDueIndexTest {
  private static final long NOW = 1_800_000_000_000L;
  @TempDir Path dir;
  private Database db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
    TestDatabases.dropCreatedSchemas();
  }

  @Test
  void onSqliteTheClaimSearchesThePendingWorkIndexInItsOrder() {
    db = TestDatabases.open("sqlite", dir);
    aYearOfEventsMostlyDone();

    List<String> plan = plan("EXPLAIN QUERY PLAN ");

    assertThat(plan).as("SQLite's plan for the claim").anyMatch(step ->
        step.startsWith("SEARCH events USING INDEX events_work"));
    // The index gives the claim's order: no sorting of what was found.
    assertThat(plan).noneMatch(step -> step.contains("TEMP B-TREE"));
  }

  @Test
  void onPostgresqlTheClaimReadsAnIndexOfPendingWorkNotTheTable() {
    db = TestDatabases.open("postgresql", dir); // skips with the reason where there is no PostgreSQL
    aYearOfEventsMostlyDone();
    db.inTransaction(c -> {
      try (Statement st = c.createStatement()) {
        st.execute("ANALYZE events"); // the statistics a running server's autovacuum keeps
      }
      return null;
    });

    String plan = String.join("\n", plan("EXPLAIN "));

    // PostgreSQL proves the claim's OR implies V16's predicate, and also has events_due (status, next_attempt_at);
    // either reads pending work only. What it must not do is read every row, or every row of the channel.
    assertThat(plan).as("PostgreSQL's plan for the claim").containsAnyOf("events_work", "events_due")
        .doesNotContain("Seq Scan").doesNotContain("events_channel_time");
  }

  /** 6,000 events over three channels, 1 in 500 still pending (due now), 1 in 1,000 leased by a dead hub. */
  private void aYearOfEventsMostlyDone() {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          INSERT INTO events (event_id, site, device_id, channel, sequence, device_time, received_at, payload, status,
                              next_attempt_at, lease_until)
          VALUES (?, 'BR01', ?, ?, ?, ?, ?, '{}', ?, ?, ?)""")) {
        for (int i = 1; i <= 6_000; i++) {
          String status = i % 500 == 0 ? EventStore.PENDING : i % 1000 == 1 ? EventStore.PROCESSING : "applied";
          st.setString(1, String.format("00000000-0000-7000-8000-%012d", i));
          st.setString(2, "box-" + i % 15);
          st.setString(3, List.of("return", "checkout", "alarm").get(i % 3));
          st.setLong(4, i);
          st.setLong(5, NOW - 6_000_000L + i * 1000L);
          st.setLong(6, NOW - 6_000_000L + i * 1000L);
          st.setString(7, status);
          st.setLong(8, NOW - 1000);
          if (status.equals(EventStore.PROCESSING)) {
            st.setLong(9, NOW - 1);
          } else {
            st.setNull(9, java.sql.Types.BIGINT);
          }
          st.addBatch();
        }
        st.executeBatch();
      }
      return null;
    });
  }

  /** The engine's plan for {@link EventStore#CLAIM_DUE} with a worker's parameters, one line per step. */
  private List<String> plan(String explain) {
    return db.inTransaction(c -> plan(c, explain));
  }

  private static List<String> plan(Connection c, String explain) throws java.sql.SQLException {
    try (PreparedStatement st = c.prepareStatement(explain + EventStore.CLAIM_DUE)) {
      st.setString(1, "return");
      st.setString(2, EventStore.PENDING);
      st.setLong(3, NOW);
      st.setString(4, EventStore.PROCESSING);
      st.setLong(5, NOW);
      st.setInt(6, 10);
      List<String> steps = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        int column = rs.getMetaData().getColumnCount(); // SQLite: id, parent, notused, detail; PostgreSQL: one
        while (rs.next()) {
          steps.add(rs.getString(column));
        }
      }
      return steps;
    }
  }
}
