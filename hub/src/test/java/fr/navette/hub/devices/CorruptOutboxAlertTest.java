package fr.navette.hub.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.agent.ConfigTarget;
import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.DrainRate;
import fr.navette.agent.OutboxPolicy;
import fr.navette.agent.SessionSettings;
import fr.navette.agent.SqliteOutbox;
import fr.navette.hub.HubFixture;
import fr.navette.hub.alerts.AlertChannels;
import fr.navette.schema.Channel;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.ReturnEvent;
import fr.navette.sim.devices.SteppedClock;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A return box whose outbox file went corrupt while it was off: it sets the file aside, goes on with a fresh one,
 * and staff see one alert for it at the hub — and the events lost as one hole in its sequence, not as numbers
 * used twice. The real agent runtime on the hub's embedded broker, real SQLite files.
 */
class CorruptOutboxAlertTest {
  private static final String SITE = "BR05";
  private static final String BOX = "box-BR05-1";
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-03T11:00:00Z"));
  @TempDir Path dir;
  private HubFixture hub;

  @BeforeEach
  void start() throws Exception {
    hub = HubFixture.onSmallSigb(dir, HubFixture.alertingTo(AlertChannels.none()), clock);
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  @Test
  void aCorruptOutboxIsSetAsideTheDeviceGoesOnAndStaffSeeOneAlert() throws Exception {
    Path data = dir.resolve("box");
    try (DeviceRuntime box = start(data)) {
      for (int i = 1; i <= 3; i++) {
        returned(box, "SENT-" + i);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> sequences().size() == 3);
    }
    // Switched off, it stored 20 returns it could not send, then its card returned garbage for the pages.
    try (SqliteOutbox offline = SqliteOutbox.open(data.resolve("outbox.db"), BOX, Clock.systemUTC())) {
      for (int i = 1; i <= 20; i++) {
        String item = "LOST-" + i;
        offline.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, Instant.now(), false)));
      }
    }
    garbageAfterFirstPage(data.resolve("outbox.db"));

    try (DeviceRuntime box = start(data)) {
      long resumedAfter = box.outbox().lastSequence();
      assertThat(resumedAfter).isGreaterThanOrEqualTo(23);
      returned(box, "AFTER-1");
      await().atMost(Duration.ofSeconds(60)).until(() -> sequences().contains(resumedAfter + 1));
      await().atMost(Duration.ofSeconds(60)).until(() -> device().path("lastError").asText()
          .startsWith(HealthEvent.OUTBOX_SET_ASIDE + "outbox.db.corrupt-"));
      assertThat(sequences()).containsExactlyInAnyOrder(1L, 2L, 3L, resumedAfter + 1);

      clock.advance(Duration.ofMinutes(2)); // past the gap detector's grace
      hub.hub.watchdog().look();
      JsonNode open = hub.get("/api/alerts?open=true");
      assertThat(open.findValuesAsText("kind")).containsOnlyOnce("outbox-corrupt").containsOnlyOnce("sequence-gap");
      JsonNode corrupt = alert(open, "outbox-corrupt");
      assertThat(corrupt.path("subject").asText()).startsWith(BOX + " outbox.db.corrupt-");
      assertThat(corrupt.path("message").asText()).contains(BOX).contains("Journal d'événements corrompu");
      assertThat(alert(open, "sequence-gap").path("message").asText()).contains("n° 4 à " + resumedAfter);

      // Staff dealt with it: the device still tells it for a day, the watchdog does not raise it again.
      hub.post("/api/alerts/" + corrupt.path("alertId").asText() + "/resolve", "{}", 200);
      hub.hub.watchdog().look();
      assertThat(hub.get("/api/alerts?open=true").findValuesAsText("kind")).doesNotContain("outbox-corrupt");
    }
  }

  private DeviceRuntime start(Path data) {
    return DeviceRuntime.start(new DeviceRuntime.Settings(SessionSettings.of(hub.hub.mqttUri(), SITE, BOX)
            .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(2)), data, OutboxPolicy.DEFAULT,
            DrainRate.unlimited(), Duration.ofMinutes(1), Optional.empty(), Duration.ofSeconds(60)),
        new ConfigTarget() {
          @Override
          public void validate(DeviceConfig config) { }

          @Override
          public void apply(DeviceConfig config) { }
        }, () -> HealthEvent.ReaderState.OK, commands -> { }, Clock.systemUTC());
  }

  private static void returned(DeviceRuntime box, String item) {
    box.record(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, Instant.now(), false)));
  }

  private List<Long> sequences() throws Exception {
    List<Long> sequences = new ArrayList<>();
    for (JsonNode event : hub.get("/api/events")) {
      if (BOX.equals(event.path("deviceId").asText()) && "return".equals(event.path("channel").asText())) {
        sequences.add(event.path("sequence").asLong());
      }
    }
    return sequences;
  }

  private JsonNode device() throws Exception {
    for (JsonNode d : hub.get("/api/devices")) {
      if (BOX.equals(d.path("deviceId").asText())) {
        return d;
      }
    }
    return hub.get("/api/devices").path(0);
  }

  private static JsonNode alert(JsonNode alerts, String kind) {
    for (JsonNode a : alerts) {
      if (kind.equals(a.path("kind").asText())) {
        return a;
      }
    }
    throw new AssertionError("no open " + kind + " alert in " + alerts);
  }

  private static void garbageAfterFirstPage(Path file) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] noise = new byte[(int) raf.length() - 4096];
      new Random(7).nextBytes(noise);
      raf.seek(4096);
      raf.write(noise);
    }
  }
}
