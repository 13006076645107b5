package fr.navette.hub.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.alarms.AlarmStore.Acknowledgement;
import fr.navette.hub.alarms.AlarmStore.Alarm;
import fr.navette.hub.alarms.AlarmStore.Query;
import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The alarm log's SQL on both stores: filters, the true total beside a page, one acknowledgement per alarm. */
class AlarmStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  @TempDir Path dir;
  private Database db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
    TestDatabases.dropCreatedSchemas();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void theLogFiltersPagesAndCountsAndTheFirstAcknowledgementStands(String kind) {
    db = TestDatabases.open(kind, dir);
    AlarmStore store = new AlarmStore(db);
    for (int i = 0; i < 7; i++) {
      Alarm alarm = new Alarm("a" + i, i % 2 == 0 ? "BR01" : "BR02", "gate-1", "E00" + i, "I" + i, "out",
          T0.plus(Duration.ofMinutes(i)), "Titre " + i, "R " + i, "BR03", "01", "not-borrowed", T0,
          i == 0 ? new AlarmStore.LastCheckout(T0.minusSeconds(60), "kiosk-BR03-1", "BR03") : null);
      db.inTransaction(c -> {
        store.save(c, alarm);
        return null;
      });
    }
    assertThat(store.acknowledge("a2", new Acknowledgement("lea", T0, "patron-left", null))).isTrue();
    assertThat(store.acknowledge("a2", new Acknowledgement("paul", T0, "false-alarm-fixed", "x"))).isFalse();
    assertThat(store.find("a2").orElseThrow().acknowledgement().by()).isEqualTo("lea");
    assertThat(store.find("a0").orElseThrow().alarm().lastCheckout().deviceId()).isEqualTo("kiosk-BR03-1");

    AlarmStore.Page page = store.log(new Query(Set.of("BR01"), null, null, null, false, 2, 1));
    assertThat(page.total()).isEqualTo(4);
    assertThat(page.items()).extracting(l -> l.alarm().eventId()).containsExactly("a4", "a2");
    assertThat(store.log(new Query(null, T0.plus(Duration.ofMinutes(2)), T0.plus(Duration.ofMinutes(5)), null,
        false, 10, 0)).items()).extracting(l -> l.alarm().eventId()).containsExactly("a4", "a3", "a2");
    assertThat(store.log(new Query(null, null, null, "patron-left", false, 10, 0)).total()).isEqualTo(1);
    assertThat(store.log(new Query(Set.of("BR01", "BR02"), null, null, null, true, 10, 0)).total()).isEqualTo(6);
    assertThat(store.log(new Query(Set.of(), null, null, null, false, 10, 0)).total()).isZero();
  }
}
