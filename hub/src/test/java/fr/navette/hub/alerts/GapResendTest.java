package fr.navette.hub.alerts;

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
import fr.navette.hub.events.EventStore.SequenceGap;
import fr.navette.schema.Channel;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.ResendRequest;
import fr.navette.schema.ReturnEvent;
import fr.navette.sim.devices.SteppedClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hole in a device's sequence closes by itself when the device still has the events: the watchdog asks it
 * ({@code resend}), it sends them again, the hub stores them, the alert resolves. The state a kill -9 of Mosquitto
 * leaves: an event the broker acknowledged to the device (which moved it to its sent events) and never handed on.
 * The real agent runtime on the hub's embedded broker, real SQLite files.
 */
class GapResendTest {
  private static final String SITE = "BR06";
  private static final String BOX = "box-BR06-1";
  @TempDir Path dir;

  @Test
  void aHoleTheDeviceStillHasIsAskedForSentAgainAndItsAlertResolves() throws Exception {
    // The hub's clock steps (past the grace) but starts now: the device checks the command's expiry on its own clock.
    SteppedClock clock = new SteppedClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    Path data = dir.resolve("box");
    List<byte[]> stored = new ArrayList<>();
    try (SqliteOutbox outbox = SqliteOutbox.open(data.resolve("outbox.db"), BOX, Clock.systemUTC())) {
      for (int i = 1; i <= 3; i++) {
        String item = "ITEM-" + i;
        stored.add(outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, Instant.now(),
            false))).payload());
      }
      outbox.remove(2); // the broker's PUBACK for 2, then the broker died with it
    }
    String lostId = EventCodec.decodeReturn(stored.get(1)).header().eventId().toString();

    try (HubFixture hub = HubFixture.onSmallSigb(dir, HubFixture.alertingTo(AlertChannels.none()), clock);
         DeviceRuntime box = start(hub, data)) {
      String commands = "navette/v1/" + SITE + "/" + BOX + "/command";
      hub.mqtt().subscribe(commands);
      await().atMost(Duration.ofSeconds(60)).until(() -> sequences(hub).size() == 2);
      assertThat(sequences(hub)).containsExactlyInAnyOrder(1L, 3L);
      // The device must be subscribed to its commands before the hole is asked for: a command published before its
      // SUBSCRIBE is lost, and the watchdog asks again only 5 minutes later (seen on a loaded machine). A command it
      // answers shows the subscription in place.
      hub.hub.control().sendCommand(SITE, BOX, "are-you-there", Map.of(), Duration.ofMinutes(1));
      await().atMost(Duration.ofSeconds(30)).until(() -> lastCommandAck(hub).contains("unknown"));
      hub.hub.watchdog().look();
      assertThat(resendsAsked(hub, commands)).as("not asked within the grace: 2 may be on its way").isEmpty();

      clock.advance(Duration.ofMinutes(2)); // past the gap detector's grace
      hub.hub.watchdog().look();

      assertThat(openGaps(hub)).containsExactly(BOX);
      await().atMost(Duration.ofSeconds(10)).until(() -> !resendsAsked(hub, commands).isEmpty());
      var command = resendsAsked(hub, commands).getFirst();
      assertThat(command.name()).isEqualTo(ResendRequest.NAME);
      assertThat(command.args()).containsEntry(ResendRequest.SEQUENCES, "2");
      await().atMost(Duration.ofSeconds(60)).until(() -> sequences(hub).contains(2L));
      assertThat(hub.get("/api/events").findValuesAsText("eventId")).as("the same event, by its id").contains(lostId);
      await().atMost(Duration.ofSeconds(30)).until(() -> lastCommandAck(hub).contains("done"));

      hub.hub.watchdog().look();
      assertThat(openGaps(hub)).isEmpty();
      assertThat(resendsAsked(hub, commands)).as("asked once").hasSize(1);
    }
  }

  @Test
  void notAStormAHoleIsAskedForAgainOnlyMinutesLaterAndFewDevicesARound() {
    SteppedClock clock = new SteppedClock(Instant.parse("2026-12-04T10:00:00Z"));
    List<String> sent = new ArrayList<>();
    GapResend resend = new GapResend((site, device, args) -> sent.add(device + " " + args.get("sequences")), clock);
    Map<String, List<SequenceGap>> gaps = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) { // a broker's death: 300 devices show a hole at once
      gaps.put("box-" + i, List.of(new SequenceGap("box-" + i, 10, 10), new SequenceGap("box-" + i, 40, 45)));
    }

    assertThat(resend.ask(gaps, d -> Optional.of(SITE))).isEqualTo(GapResend.PER_ROUND);
    assertThat(sent).first().isEqualTo("box-0 10,40-45");
    assertThat(resend.ask(gaps, d -> Optional.of(SITE))).as("the rest at the next round").isEqualTo(100);
    assertThat(resend.ask(gaps, d -> Optional.of(SITE))).as("each asked once").isZero();
    clock.advance(Duration.ofMinutes(4));
    assertThat(resend.ask(gaps, d -> Optional.of(SITE))).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(resend.ask(gaps, d -> Optional.of(SITE))).as("5 minutes after").isEqualTo(200);
    resend.ask(gaps, d -> Optional.of(SITE));
    clock.advance(Duration.ofMinutes(9));
    assertThat(resend.ask(gaps, d -> Optional.of(SITE))).as("then 10 minutes after").isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(resend.ask(gaps, d -> Optional.of(SITE))).isEqualTo(200);
  }

  private static DeviceRuntime start(HubFixture hub, Path data) {
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

  private static List<Long> sequences(HubFixture hub) throws Exception {
    List<Long> sequences = new ArrayList<>();
    for (JsonNode event : hub.get("/api/events")) {
      if (BOX.equals(event.path("deviceId").asText()) && "return".equals(event.path("channel").asText())) {
        sequences.add(event.path("sequence").asLong());
      }
    }
    return sequences;
  }

  private static List<fr.navette.schema.Command> resendsAsked(HubFixture hub, String commands) {
    return hub.mqtt().receivedOn(commands).stream().map(m -> MessageCodec.decodeCommand(m.payload()))
        .filter(c -> c.name().equals(ResendRequest.NAME)).toList();
  }

  private static List<String> openGaps(HubFixture hub) throws Exception {
    List<String> subjects = new ArrayList<>();
    for (JsonNode alert : hub.get("/api/alerts?open=true")) {
      if ("sequence-gap".equals(alert.path("kind").asText())) {
        subjects.add(alert.path("subject").asText());
      }
    }
    return subjects;
  }

  private static String lastCommandAck(HubFixture hub) throws Exception {
    for (JsonNode d : hub.get("/api/devices")) {
      if (BOX.equals(d.path("deviceId").asText())) {
        return d.path("lastCommandAck").asText();
      }
    }
    return "";
  }
}
