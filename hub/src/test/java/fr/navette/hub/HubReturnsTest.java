package fr.navette.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.hub.ingest.EventStore;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.UuidV7;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's side of a return, over a real broker, a real SQLite file and real SIP2 to the simulator. */
class HubReturnsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOX_BRANCH = "BR02";
  private static final SigbSimulatorConfig.NetworkSize SMALL = new SigbSimulatorConfig.NetworkSize(5, 2_000, 200);

  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private final UuidV7 ids = new UuidV7(clock);
  private final AtomicLong sequence = new AtomicLong();
  private final HttpClient http = HttpClient.newHttpClient();
  private SigbSimulator sigb;
  private Hub hub;
  private MqttClient device;

  @AfterEach
  void stop() throws Exception {
    if (device != null && device.isConnected()) {
      device.disconnect();
    }
    if (hub != null) {
      hub.close();
    }
    if (sigb != null) {
      sigb.close();
    }
  }

  @Test
  void aReturnElsewhereOpensOneTransitHomeEvenWhenDeliveredTwice() throws Exception {
    sigb = SigbSimulator.start(SigbSimulatorConfig.builder().size(SMALL).build());
    startHub(sigb.port());
    Item item = onLoanWithoutHoldAndHomeElsewhere();

    byte[] payload = returnPayload(item.id());
    publish(payload);
    publish(payload); // QoS 1 may deliver twice; a device may resend after a lost PUBACK

    await().atMost(Duration.ofSeconds(20)).until(() -> transits().size() == 1);
    JsonNode transit = transits().get(0);
    assertThat(transit.get("itemId").asText()).isEqualTo(item.id());
    assertThat(transit.get("fromBranch").asText()).isEqualTo(BOX_BRANCH);
    assertThat(transit.get("toBranch").asText()).isEqualTo(item.homeBranch());
    assertThat(transit.get("reason").asText()).isEqualTo("send-home");
    assertThat(hub.events().recent(10)).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(EventStore.APPLIED));
    assertThat(sigb.network().loanOf(item.id())).isEmpty();
  }

  @Test
  void aMalformedPayloadIsQuarantinedWithItsReasonAndTheHubGoesOn() throws Exception {
    sigb = SigbSimulator.start(SigbSimulatorConfig.builder().size(SMALL).build());
    startHub(sigb.port());

    publish("{\"type\":\"return\",\"itemId\":".getBytes(StandardCharsets.UTF_8));
    Item item = onLoanWithoutHoldAndHomeElsewhere();
    publish(returnPayload(item.id()));

    await().atMost(Duration.ofSeconds(20)).until(() -> transits().size() == 1);
    JsonNode quarantined = get("/api/quarantine");
    assertThat(quarantined).hasSize(1);
    assertThat(quarantined.get(0).get("topic").asText()).isEqualTo("navette/v1/BR02/box-BR02-1/return");
    assertThat(quarantined.get(0).get("reason").asText()).contains("not JSON");
    assertThat(quarantined.get(0).get("payloadText").asText()).isEqualTo("{\"type\":\"return\",\"itemId\":");
  }

  @Test
  void aReturnWhileTheSigbIsDownIsKeptAndAppliedWhenItComesBack() throws Exception {
    int sigbPort;
    try (ServerSocket reserved = new ServerSocket(0)) {
      sigbPort = reserved.getLocalPort(); // nothing listens there yet: the SIGB is down
    }
    startHub(sigbPort);
    SigbSimulatorConfig sigbConfig = SigbSimulatorConfig.builder().size(SMALL).port(sigbPort).build();
    Item item;
    try (SigbSimulator twin = SigbSimulator.start(sigbConfig.toBuilder().port(0).build())) {
      // same seed, same network: pick the document before the real SIGB is up
      item = twin.network().itemsOnLoan().stream()
          .filter(i -> !i.homeBranch().equals(BOX_BRANCH))
          .filter(i -> twin.network().holdFor(i.id()).isEmpty())
          .findFirst().orElseThrow();
    }
    publish(returnPayload(item.id()));

    await().atMost(Duration.ofSeconds(20)).until(() -> hub.events().recent(1).stream()
        .anyMatch(e -> e.attempts() >= 1 && e.status().equals(EventStore.PENDING) && e.lastError() != null));
    assertThat(transits()).isEmpty();

    sigb = SigbSimulator.start(sigbConfig);
    await().atMost(Duration.ofSeconds(30)).until(() -> transits().size() == 1);
    assertThat(hub.events().recent(1).getFirst().status()).isEqualTo(EventStore.APPLIED);
  }

  private void startHub(int sigbPort) throws Exception {
    SigbSettings settings = SigbSettings.local(sigbPort, "navette", "navette");
    hub = Hub.start(HubConfig.local(dir.resolve("hub"), 0, 0, settings),
        c -> Sip2SigbGateway.connect(c.sigb()), clock);
    device = new MqttClient(hub.mqttUri(), "box-BR02-1", new MemoryPersistence());
    device.connect();
  }

  private Item onLoanWithoutHoldAndHomeElsewhere() {
    return sigb.network().itemsOnLoan().stream()
        .filter(i -> !i.homeBranch().equals(BOX_BRANCH))
        .filter(i -> sigb.network().holdFor(i.id()).isEmpty())
        .findFirst().orElseThrow();
  }

  private byte[] returnPayload(String itemId) {
    Instant now = clock.instant();
    return EventCodec.encode(new ReturnEvent(
        new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), "box-BR02-1", sequence.incrementAndGet(), now),
        itemId, now, false));
  }

  private void publish(byte[] payload) throws Exception {
    device.publish("navette/v1/" + BOX_BRANCH + "/box-BR02-1/return", payload, 1, false);
  }

  private JsonNode transits() throws Exception {
    return get("/api/transits");
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
