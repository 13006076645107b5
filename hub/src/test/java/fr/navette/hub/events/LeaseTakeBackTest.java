package fr.navette.hub.events;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub killed while applying events (kill -9, a power cut) left them leased for 2 minutes: when it started again,
 * the returns it held waited for their leases to run out (the chaos run's recovery after a hub kill: 120 s). A hub
 * starting again under its id takes its own leases back at once; another hub's leases stay its own.
 */
class LeaseTakeBackTest {
  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
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
  void aHubStartingAgainTakesBackTheLeasesOfItsPreviousRunAndOnlyThose() {
    db = TestDatabases.open("sqlite", dir);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    store("e1", 1);
    store("e2", 2);
    assertThat(new EventStore(db, clock, "hub-a").claimDue("return", 1, Duration.ofMinutes(2)))
        .extracting(EventStore.StoredEvent::eventId).containsExactly("e1");
    assertThat(new EventStore(db, clock, "hub-b").claimDue("return", 1, Duration.ofMinutes(2)))
        .extracting(EventStore.StoredEvent::eventId).containsExactly("e2");

    // hub-a is killed and starts again, a second later: without taking back, nothing would be due for 2 minutes.
    EventStore restarted = new EventStore(db, Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC), "hub-a");
    assertThat(restarted.claimDue("return", 10, Duration.ofMinutes(2))).as("leases not yet run out").isEmpty();

    assertThat(restarted.takeBackLeases()).as("the previous run's lease").isEqualTo(1);
    List<EventStore.StoredEvent> due = restarted.claimDue("return", 10, Duration.ofMinutes(2));
    assertThat(due).as("its own event at once; hub-b's still hub-b's").extracting(EventStore.StoredEvent::eventId)
        .containsExactly("e1");
  }

  private void store(String eventId, int n) {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          INSERT INTO events (event_id, site, device_id, channel, sequence, device_time, received_at, payload, status,
                              next_attempt_at)
          VALUES (?, 'BR01', 'box-BR01-1', 'return', ?, ?, ?, '{}', 'pending', ?)""")) {
        st.setString(1, eventId);
        st.setLong(2, n);
        st.setLong(3, NOW.toEpochMilli());
        st.setLong(4, NOW.toEpochMilli() - 100 + n); // received in this order: the claim takes e1 first
        st.setLong(5, NOW.toEpochMilli() - 1);
        return st.executeUpdate();
      }
    });
  }
}
