package fr.navette.hub.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import fr.navette.hub.HubFixture;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.alerts.AlertChannels;
import fr.navette.schema.AlarmEvent;
import fr.navette.schema.ConfigAck;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.StateEvent;
import fr.navette.sim.devices.SteppedClock;
import fr.navette.sim.sigb.Item;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Devices registry, gate alarm enrichment, and alerts (watchdog, webhook), through MQTT and the HTTP API. */
class DevicesAlarmsAlertsTest {
  private static final String GATE = "gate-BR02-1";
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final List<String> webhookBodies = new CopyOnWriteArrayList<>();
  @TempDir Path dir;
  private HubFixture hub;
  private HttpServer webhook;

  @BeforeEach
  void start() throws Exception {
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/alerts", exchange -> {
      webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    webhook.start();
    URI hook = URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts");
    // BR02 named as the network names it: alerts say the name staff know, not the code.
    hub = HubFixture.onSmallSigb(dir, c -> HubFixture.alertingTo(new AlertChannels(Optional.of(hook),
        Optional.empty())).apply(c).withRules(NetworkRules.defaults().withBranchNames(
            java.util.Map.of("BR02", "Médiathèque des Capucins"))), clock);
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
    webhook.stop(0);
  }

  @Test
  void gateAlarmsSayWhichDocumentAndWhetherItIsOnLoan() throws Exception {
    Item onLoan = hub.sigb().network().itemsOnLoan().getFirst();
    Item available = hub.sigb().network().items().stream()
        .filter(i -> hub.sigb().network().loanOf(i.id()).isEmpty()).findFirst().orElseThrow();
    alarm(Optional.of(onLoan.id()));
    alarm(Optional.of(available.id()));
    alarm(Optional.empty());

    await().atMost(Duration.ofSeconds(60)).until(() -> alarms().size() == 3
        && !hasVerdict(alarms(), "pending"));
    JsonNode alarms = alarms();
    JsonNode borrowed = byItem(alarms, onLoan.id());
    assertThat(borrowed.get("verdict").asText()).isEqualTo("probably-borrowed");
    assertThat(borrowed.get("title").asText()).isEqualTo(onLoan.title());
    assertThat(borrowed.get("callNumber").asText()).isEqualTo(onLoan.callNumber());
    assertThat(borrowed.get("direction").asText()).isEqualTo("out");
    assertThat(byItem(alarms, available.id()).get("verdict").asText()).isEqualTo("not-borrowed");
    assertThat(hasVerdict(alarms, "unreadable-tag")).isTrue();
  }

  @Test
  void theRegistryFollowsBirthHealthAndConfigurationAndTheWatchdogRaisesAndResolves() throws Exception {
    hub.publishOn("BR02", GATE, "state",
        EventCodec.encode(new StateEvent(hub.header(GATE), StateEvent.State.ONLINE, "0.1.0")));
    hub.publishOn("BR02", GATE, "health", EventCodec.encode(new HealthEvent(hub.header(GATE), 3600, 12, 40,
        HealthEvent.ReaderState.DOWN, true, Optional.of("reader /dev/ttyACM0 unplugged"))));
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/api/devices").size() == 1
        && "down".equals(hub.get("/api/devices").get(0).path("readerState").asText()));
    JsonNode device = hub.get("/api/devices").get(0);
    assertThat(device.get("state").asText()).isEqualTo("online");
    assertThat(device.get("outboxDepth").asLong()).isEqualTo(12);

    hub.hub.watchdog().look();
    assertThat(kinds(hub.get("/api/alerts?open=true"))).containsExactly("reader-fault");
    assertThat(hub.get("/api/alerts?open=true").get(0).get("message").asText()).contains("Médiathèque des Capucins");
    await().atMost(Duration.ofSeconds(10)).until(() -> webhookBodies.stream().anyMatch(b -> b.contains("reader-fault")));

    clock.advance(Duration.ofMinutes(6)); // silent beyond the threshold
    hub.hub.watchdog().look();
    assertThat(kinds(hub.get("/api/alerts?open=true"))).contains("device-offline");

    hub.publishOn("BR02", GATE, "health", EventCodec.encode(new HealthEvent(hub.header(GATE), 4000, 0, 0,
        HealthEvent.ReaderState.OK, true, Optional.empty())));
    await().atMost(Duration.ofSeconds(60))
        .until(() -> "ok".equals(hub.get("/api/devices").get(0).path("readerState").asText()));
    hub.hub.watchdog().look();
    assertThat(hub.get("/api/alerts?open=true")).isEmpty();
    assertThat(hub.get("/api/alerts")).hasSize(2); // both kept, resolved
  }

  @Test
  void configurationIsSentRetainedVersionedAndItsAcknowledgementRecorded() throws Exception {
    hub.publishOn("BR02", GATE, "state",
        EventCodec.encode(new StateEvent(hub.header(GATE), StateEvent.State.ONLINE, "0.1.0")));
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/api/devices").size() == 1);

    JsonNode sent = hub.post("/api/devices/" + GATE + "/config", "{\"settings\":{\"alarm.holdoff\":\"PT3S\"}}", 200);
    assertThat(sent.get("version").asLong()).isEqualTo(1);
    List<String> received = new CopyOnWriteArrayList<>();
    String configTopic = "navette/v1/BR02/" + GATE + "/config";
    hub.mqtt().onMessage(m -> {
      if (m.topic().equals(configTopic)) {
        received.add(new String(m.payload(), StandardCharsets.UTF_8));
      }
    });
    hub.mqtt().subscribe(configTopic);
    await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
    assertThat(MessageCodec.decodeConfig(received.getFirst().getBytes(StandardCharsets.UTF_8)).settings())
        .containsEntry("alarm.holdoff", "PT3S"); // retained: a device connecting later gets it

    hub.publishOn("BR02", GATE, "config-ack", MessageCodec.encode(
        new ConfigAck(GATE, 1, true, Optional.empty(), 1, clock.instant())));
    await().atMost(Duration.ofSeconds(60))
        .until(() -> hub.get("/api/devices").get(0).path("configVersionApplied").asLong() == 1);
  }

  @Test
  void holesInADevicesSequenceNumbersRaiseAnAlert() throws Exception {
    String box = "box-BR02-1";
    for (long sequence : new long[] {1, 2, 5}) {
      hub.publish("BR02", EventCodec.encode(new fr.navette.schema.ReturnEvent(hub.header(box, sequence), "UNKNOWN-"
          + sequence, clock.instant(), false)));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/api/events").size() == 3);
    clock.advance(Duration.ofMinutes(2));

    hub.hub.watchdog().look();

    JsonNode open = hub.get("/api/alerts?open=true");
    assertThat(kinds(open)).contains("sequence-gap");
    // One alert per device (its subject), the holes in its words (SequenceGapAlertTest: several holes).
    assertThat(open.toString()).contains("\"subject\":\"" + box + "\"").contains("n° 3 à 4");
  }

  @Test
  void aScreenWatchingLiveIsPushedEachAlarmAsItIsStoredThenTheSigbsVerdict() throws Exception {
    Item onLoan = hub.sigb().network().itemsOnLoan().getFirst();
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<java.util.stream.Stream<String>> stream = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + hub.hub.httpPort() + "/api/alarms/live")).build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("text/event-stream"));
    Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(lines::add));
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub.alarmFeed().watching() == 1);

      alarm(Optional.of(onLoan.id()));

      await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream()
          .anyMatch(l -> l.startsWith("data:") && l.contains(onLoan.id()) && l.contains("probably-borrowed")));
      assertThat(lines).contains("event:alarm");
    } finally {
      stream.body().close();
      reader.interrupt();
    }
  }

  /** The alarm log's items, newest first. */
  private JsonNode alarms() throws Exception {
    return hub.get("/api/alarms").get("items");
  }

  private void alarm(Optional<String> itemId) throws Exception {
    hub.publishOn("BR02", GATE, "alarm", EventCodec.encode(new AlarmEvent(hub.header(GATE),
        "E00401000000" + (itemId.isPresent() ? "0001" : "0002"), itemId, AlarmEvent.Direction.OUT, clock.instant())));
  }

  private static boolean hasVerdict(JsonNode alarms, String verdict) {
    for (JsonNode a : alarms) {
      if (a.get("verdict").asText().equals(verdict)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode byItem(JsonNode alarms, String itemId) {
    for (JsonNode a : alarms) {
      if (itemId.equals(a.path("itemId").asText(null))) {
        return a;
      }
    }
    throw new AssertionError("no alarm for " + itemId + " in " + alarms);
  }

  private static List<String> kinds(JsonNode alerts) {
    return alerts.findValues("kind").stream().map(JsonNode::asText).toList();
  }
}
