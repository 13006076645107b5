package fr.navette.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.HubFixture;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.WorkLimits;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.hub.store.StoreException;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or broken client does to ingest, over the real embedded broker, a real SQLite file and real SIP2:
 * nothing it sends stops ingest, passes for stored when it was not, or is retried forever.
 */
class IngestHardeningTest {
  @TempDir Path dir;
  private SigbSimulator sigb;
  private HubFixture fixture;
  private MqttAsyncClient device;

  @AfterEach
  void stop() throws Exception {
    if (device != null) {
      if (device.isConnected()) {
        device.disconnect().waitForCompletion(5_000);
      }
      device.close();
    }
    if (fixture != null) {
      fixture.close();
    }
    if (sigb != null) {
      sigb.close();
    }
  }

  @Test
  void aPublishOnNoTopicOfTheTreeIsRefusedNeverAnsweredSuccess() throws Exception {
    start(c -> c);
    for (String topic : List.of("navette/v1/BR01/box-1/foo", "navette/v1/BR01/box-1/return/extra",
        "navette/v2/BR01/box-1/return", "navette/v1/BR01/return", "navette/anything")) {
      Puback answer = publish(topic, "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(answer.code()).as(topic).isEqualTo(0x90);
      assertThat(answer.reason()).as(topic).isNotBlank();
    }
    assertThat(fixture.hub.ingestCounts().refusedTopic()).isEqualTo(5);
    assertThat(fixture.hub.events().recent(10)).isEmpty();
  }

  @Test
  void aPayloadThatBreaksTheSchemaIsQuarantinedAndRefusedAndIngestGoesOn() throws Exception {
    start(c -> c);
    Puback garbage = publish("navette/v1/BR01/gate-BR01-1/count", "{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(garbage.code()).isEqualTo(0x99);

    // The instant that overflowed epoch milliseconds inside the storing transaction and stopped all ingest.
    String farFuture = new String(count("gate-BR01-1", 1), StandardCharsets.UTF_8)
        .replaceFirst("\"deviceTime\":\"[^\"]+\"", "\"deviceTime\":\"+300000000-01-01T00:00:00Z\"");
    assertThat(publish("navette/v1/BR01/gate-BR01-1/count", farFuture.getBytes(StandardCharsets.UTF_8)).code())
        .isEqualTo(0x99);

    assertThat(publish("navette/v1/BR01/gate-BR01-1/count", count("gate-BR01-1", 2)).stored()).isTrue();
    assertThat(fixture.hub.events().recent(10)).hasSize(1);
    assertThat(fixture.hub.quarantine().recent(10)).hasSize(2);
    assertThat(fixture.hub.ingestCounts().quarantined()).isEqualTo(2);
  }

  @Test
  void aPacketOverTheBrokersBoundIsNeverTakenIn() throws Exception {
    start(c -> c);
    assertThatThrownBy(() -> device.publish("navette/v1/BR01/gate-BR01-1/count", new byte[6 << 20], 1, false)
        .waitForCompletion(20_000)).isInstanceOf(MqttException.class);
    assertThat(fixture.hub.quarantine().recent(10)).isEmpty();
    assertThat(fixture.hub.ingestCounts().quarantined()).isZero();
  }

  @Test
  void oneMessageTheStoreCannotHoldIsSetAsideAndTheRestOfItsBatchIsStored() throws Exception {
    start(c -> c);
    // A real store failure for one message only: the store refuses any event of this device.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub/hub.db"));
         Statement st = c.createStatement()) {
      st.execute("CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.device_id = 'gate-POISON' "
          + "BEGIN SELECT RAISE(ABORT, 'this store cannot hold it'); END");
    }
    // The broker lets a client have 10 QoS 1 messages in flight (Paho frees a slot a little after the PUBACK):
    // the poison travels among a few others, in the same batches.
    java.util.Deque<IMqttToken> inFlight = new java.util.ArrayDeque<>();
    List<Puback> good = new ArrayList<>();
    IMqttToken[] poison = {null};
    Runnable settleOldest = () -> {
      IMqttToken oldest = inFlight.removeFirst();
      if (oldest != poison[0]) {
        good.add(settle(oldest));
      }
    };
    for (int i = 1; i <= 300; i++) {
      while (inFlight.size() >= 6) {
        settleOldest.run();
      }
      inFlight.add(publishInWindow(inFlight, settleOldest, "navette/v1/BR01/gate-BR01-1/count", count("gate-BR01-1", i)));
      if (i == 150) {
        poison[0] = publishInWindow(inFlight, settleOldest, "navette/v1/BR01/gate-POISON/count", count("gate-POISON", 1));
        inFlight.add(poison[0]);
      }
    }
    while (!inFlight.isEmpty()) {
      settleOldest.run();
    }
    Puback refused = settle(poison[0]);
    assertThat(refused.code()).isEqualTo(0x99);
    assertThat(refused.reason()).contains("cannot be stored", "this store cannot hold it");
    assertThat(good).hasSize(300).allMatch(Puback::stored);
    assertThat(fixture.hub.events().recent(1000)).hasSize(300);
    assertThat(fixture.hub.quarantine().recent(10)).singleElement()
        .satisfies(q -> assertThat(q.topic()).isEqualTo("navette/v1/BR01/gate-POISON/count"));
    // Ingest is alive afterwards.
    assertThat(publish("navette/v1/BR01/gate-BR01-1/count", count("gate-BR01-1", 301)).stored()).isTrue();
  }

  @Test
  void aStoreThatFailsStopsAcknowledgingAndIsAnAlertOnceItAnswersAgain() throws Exception {
    Path file = dir.resolve("hub/hub.db");
    // The hub's connections may not grow the file past 40 MB; another one will, as a full disk would.
    start(c -> c.withStore("jdbc:sqlite:" + file + "?max_page_count=10000", null, null));
    assertThat(publish("navette/v1/BR01/gate-BR01-1/count", count("gate-BR01-1", 1)).stored()).isTrue();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE filler (b BLOB)");
      st.execute("INSERT INTO filler VALUES (zeroblob(45000000))");

      // Events fill the pages they have until one needs a new page the store cannot have.
      Puback refused = null;
      for (int sequence = 2; sequence < 500 && (refused == null || refused.stored()); sequence++) {
        refused = publish("navette/v1/BR01/gate-BR01-1/count", count("gate-BR01-1", sequence));
      }
      assertThat(refused.code()).as("not stored: the device keeps it").isEqualTo(0x80);
      assertThat(refused.reason()).contains("send it again later");
      assertThat(fixture.hub.storeHealth().failing()).isTrue();
      java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + fixture.hub.httpPort()
              + "/api/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("failing", "SQLITE_FULL", "refusedNotStored");

      st.execute("DROP TABLE filler");
      st.execute("VACUUM"); // room again: the file back under what the hub may have
    }
    byte[] again = count("gate-BR01-1", 1000);
    await().atMost(Duration.ofSeconds(20)).until(() -> publish("navette/v1/BR01/gate-BR01-1/count", again).stored());
    assertThat(fixture.hub.storeHealth().failing()).isFalse();
    assertThat(fixture.get("/api/health").get("store").asText()).isEqualTo("ok");
    JsonNode alerts = fixture.get("/api/alerts");
    assertThat(alerts).filteredOn(a -> a.get("kind").asText().equals("hub-store")).singleElement()
        .satisfies(a -> assertThat(a.get("resolvedAt").isNull()).as("resolved once it answered").isFalse());
  }

  @Test
  void aDamagedStoreStopsTheHubWithAMessageNamingTheFileAndWhatToDo() throws Exception {
    start(c -> c);
    assertThat(publish("navette/v1/BR01/gate-BR01-1/count", count("gate-BR01-1", 1)).stored()).isTrue();
    device.disconnect().waitForCompletion(5_000);
    device.close();
    device = null;
    fixture.close();
    fixture = null;
    Path file = dir.resolve("hub/hub.db");
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = new byte[4096 * 3];
      Arrays.fill(garbage, (byte) 0x5A);
      raw.seek(4096); // past the header: pages of the tables
      raw.write(garbage);
    }
    SigbSettings settings = SigbSettings.local(sigb.port(), "navette", "navette");
    assertThatThrownBy(() -> Hub.start(HubConfig.local(dir.resolve("hub"), 0, 0, settings).withInsecureMqtt(0),
        c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("damaged")
        .hasMessageContaining("restore the latest backup");
  }

  @Test
  void aDocumentTheSigbChokesOnFailsAloneWithOneAlertAndTheLinkIsNeverCalledLost() throws Exception {
    sigb = SigbSimulator.start(SigbSimulatorConfig.builder().size(HubFixture.SMALL).build());
    Item choking = sigb.network().itemsOnLoan().get(0);
    Item fine = sigb.network().itemsOnLoan().get(1);
    sigb.close();
    sigb = SigbSimulator.start(SigbSimulatorConfig.builder().size(HubFixture.SMALL)
        .faults(SigbSimulatorConfig.Faults.NONE.withResetOnItem(choking.id())).build());
    fixture = new HubFixture(dir, sigb.port(), c -> c.withMonitoring(HubConfig.Monitoring.defaults()
        .withWork(new WorkLimits(3, 3, 3))), Clock.systemUTC());

    fixture.returned("BR02", choking.id());
    fixture.returned("BR02", fine.id());

    await().atMost(Duration.ofSeconds(60)).until(() -> fixture.hub.events().recent(10).stream()
        .anyMatch(e -> e.status().equals(EventStore.FAILED)));
    assertThat(fixture.hub.events().recent(10))
        .anySatisfy(e -> assertThat(e.status()).isEqualTo(EventStore.APPLIED))
        .filteredOn(e -> e.status().equals(EventStore.FAILED)).singleElement()
        .satisfies(e -> assertThat(e.attempts()).isEqualTo(3));
    JsonNode alerts = fixture.get("/api/alerts");
    assertThat(alerts).filteredOn(a -> a.get("kind").asText().equals(Hub.FAILED_WORK)).singleElement()
        .satisfies(a -> assertThat(a.get("message").asText()).contains(choking.id(), "BR02"));
    assertThat(alerts).noneMatch(a -> a.get("kind").asText().equals("sigb-link"));
  }

  // --- helpers

  private void start(java.util.function.UnaryOperator<HubConfig> configure) throws Exception {
    sigb = HubFixture.smallSigb();
    fixture = new HubFixture(dir, sigb.port(), c -> configure.apply(c.withRules(NetworkRules.defaults())),
        Clock.systemUTC());
    device = new MqttAsyncClient(fixture.hub.mqttUri(), "hostile-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setReceiveMaximum(1000);
    device.connect(options).waitForCompletion(10_000);
  }

  private byte[] count(String deviceId, long sequence) {
    Instant now = Instant.now();
    EventHeader header = fixture.header(deviceId, sequence);
    return EventCodec.encode(new CountEvent(header, now.minusSeconds(60), now, 3, 2, 1));
  }

  /** The PUBACK's reason code and reason string. */
  record Puback(int code, String reason) {
    /** A success code (0x00 for an event the hub took in the broker and stored; any code below 0x80 is success). */
    boolean stored() {
      return code >= 0 && code < 0x80;
    }
  }

  /**
   * Publishes at QoS 1; when Paho has not yet freed the slot of a PUBACK it already handed back (32202, "too many
   * publishes in progress", FOOTGUNS), settles one more message of the window — or waits a moment — and tries again.
   */
  private IMqttToken publishInWindow(java.util.Deque<IMqttToken> inFlight, Runnable settleOldest, String topic,
      byte[] payload) throws MqttException {
    while (true) {
      try {
        return device.publish(topic, payload, 1, false);
      } catch (MqttException e) {
        if (e.getReasonCode() != 32202) {
          throw e;
        }
        if (!inFlight.isEmpty()) {
          settleOldest.run();
        } else {
          await().pollDelay(Duration.ofMillis(5)).until(() -> true);
        }
      }
    }
  }

  private Puback publish(String topic, byte[] payload) throws MqttException {
    return settle(device.publish(topic, payload, 1, false));
  }

  private static Puback settle(IMqttToken token) {
    try {
      token.waitForCompletion(40_000);
    } catch (MqttException e) {
      // Paho may report a refusing PUBACK as an exception as well as by its reason code
    }
    int[] codes = token.getReasonCodes();
    int code = codes == null || codes.length == 0 ? -1 : codes[0];
    String reason = token.getResponseProperties() == null ? null : token.getResponseProperties().getReasonString();
    return new Puback(code, reason);
  }
}
