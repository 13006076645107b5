package fr.navette.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.devices.DeviceRegistry;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.EventStore.NewEvent;
import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import fr.navette.hub.transits.TransitStore;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.Topic;
import fr.navette.schema.UuidV7;
import fr.navette.sim.devices.SteppedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device that keeps losing events raises one alert, not one per hole: the soak's first driver left a hole every
 * minute on 45 devices (its health reports took sequence numbers), and the watchdog raised an alert for each — a
 * flood in the console, the webhook and the mail, where one line per device says all there is.
 */
class SequenceGapAlertTest {
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-05T14:00:00Z"));
  private final UuidV7 ids = new UuidV7(clock);
  @TempDir Path dir;
  private Database db;
  private EventStore events;
  private AlertStore store;
  private Watchdog watchdog;

  @BeforeEach
  void open() {
    db = TestDatabases.open("sqlite", dir);
    events = new EventStore(db, clock);
    store = new AlertStore(db, clock);
    watchdog = new Watchdog(new Alerts(store, AlertChannels.none()), new DeviceRegistry(db, clock),
        new TransitStore(db), events, Duration.ofMinutes(5), Duration.ofDays(3), clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aDeviceWithManyHolesHasOneAlertReworded() {
    stored("box-1", 1, 2, 4, 6, 8); // 3, 5 and 7 lost
    stored("box-2", 1, 3); // 2 lost
    clock.advance(Duration.ofMinutes(2)); // past the detector's grace
    watchdog.look();

    assertThat(openGaps()).extracting(Alert::subject).containsExactly("box-1", "box-2");
    assertThat(words("box-1")).isEqualTo("Événements manquants de box-1 : 3 trous, du n° 3 au n° 7");
    assertThat(words("box-2")).isEqualTo("Événements manquants de box-2 : n° 2");

    stored("box-1", 10); // 9 lost as well
    clock.advance(Duration.ofMinutes(2));
    watchdog.look();

    assertThat(openGaps()).extracting(Alert::subject).containsExactly("box-1", "box-2");
    assertThat(words("box-1")).isEqualTo("Événements manquants de box-1 : 4 trous, du n° 3 au n° 9");

    stored("box-1", 3, 5, 7, 9); // the late events arrived after all
    watchdog.look();

    assertThat(openGaps()).extracting(Alert::subject).containsExactly("box-2");
  }

  private void stored(String device, long... sequences) {
    List<NewEvent> batch = LongStream.of(sequences).mapToObj(n -> {
      ReturnEvent event = new ReturnEvent(new EventHeader("1.0", ids.next(), device, n, clock.instant()), "X",
          clock.instant(), false);
      return new NewEvent(new Topic("BR01", device, "return"), event, EventCodec.encode(event), EventStore.PENDING);
    }).toList();
    db.inTransaction(c -> events.insertIfAbsent(c, batch));
  }

  private List<Alert> openGaps() {
    return store.open(Watchdog.SEQUENCE_GAP).stream().sorted(java.util.Comparator.comparing(Alert::subject)).toList();
  }

  private String words(String device) {
    return openGaps().stream().filter(a -> a.subject().equals(device)).findFirst().orElseThrow().in(Locale.FRENCH)
        .message();
  }
}
