package fr.navette.hub.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.agent.ConfigAgent;
import fr.navette.agent.ConfigTarget;
import fr.navette.agent.DeviceSession;
import fr.navette.agent.SessionSettings;
import fr.navette.hub.HubFixture;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.schema.ConfigAck;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config versions belong to the hub: whatever a device took (a forged config, the ceiling itself), staff restore it
 * from the hub, and the hub never publishes at or below the version the device reports in force. A real device
 * (agent-runtime's {@code ConfigAgent}) on the hub's embedded broker; the forger is another MQTT client.
 */
class ConfigVersionsTest {
  private static final String SITE = "BR04";
  private static final String GATE = "gate-BR04-1";
  private static final String TOPIC = "navette/v1/" + SITE + "/" + GATE + "/config";
  @TempDir Path dir;
  private HubFixture hub;
  private DeviceSession session;
  private ConfigAgent device;

  @BeforeEach
  void start() throws Exception {
    hub = HubFixture.onSmallSigb(dir, c -> c, Clock.systemUTC());
    session = new DeviceSession(SessionSettings.of(hub.hub.mqttUri(), SITE, GATE)
        .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(2)), Clock.systemUTC());
    device = new ConfigAgent(session, new ConfigTarget() {
      @Override
      public void validate(DeviceConfig config) { }

      @Override
      public void apply(DeviceConfig config) { }
    }, dir.resolve("gate/config.json"), Clock.systemUTC());
    session.connect();
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/api/devices").size() == 1);
  }

  @AfterEach
  void stop() throws Exception {
    session.close();
    hub.close();
  }

  @Test
  void staffRestoreADeviceFromTheHubWhateverVersionItWasGiven() throws Exception {
    assertThat(staffSend("7")).isEqualTo(1);
    awaitInForce(1, "7");

    long forged = 1L << 52; // high but legal: the device applies it and says so in its ack
    forge(forged);
    awaitInForce(forged, "0");
    awaitRegistryInForce(forged);
    long restore = staffSend("7");
    assertThat(restore).isEqualTo(forged + 1);
    awaitInForce(forged + 1, "7");

    forge(Long.MAX_VALUE); // refused by the device: above the ceiling
    await().atMost(Duration.ofSeconds(60)).until(() -> devices().path("configRefusedReason").asText()
        .contains("at most " + DeviceConfig.MAX_VERSION));
    assertThat(device.versionInForce()).isEqualTo(forged + 1);
    assertThat(devices().path("configVersionApplied").asLong()).isEqualTo(forged + 1);

    forge(DeviceConfig.MAX_VERSION); // the ceiling: the hub has no room above it
    awaitInForce(DeviceConfig.MAX_VERSION, "0");
    awaitRegistryInForce(DeviceConfig.MAX_VERSION);
    JsonNode reset = hub.post("/api/devices/" + GATE + "/config", "{\"settings\":{\"alarmVolume\":\"7\"}}", 200);
    assertThat(reset.path("version").asLong()).isEqualTo(1);
    assertThat(reset.path("reset").asBoolean()).isTrue();
    awaitInForce(1, "7");
    awaitRegistryInForce(1);
    assertThat(staffSend("8")).isEqualTo(2); // and the numbering goes on from the reset
    awaitInForce(2, "8");
  }

  @Test
  void aRefusalTellsTheHubTheVersionInForceAndTheNextConfigGoesAboveIt() throws Exception {
    assertThat(staffSend("7")).isEqualTo(1);
    awaitRegistryInForce(1);
    // A device refuses a config as older than the 50 it holds (it took it while the hub was not listening):
    // its refusal carries the version in force, and that is what the hub goes above.
    hub.publishOn(SITE, GATE, "config-ack", MessageCodec.encode(new ConfigAck(GATE, 2, false,
        Optional.of("version: 2 is older than 50 in force"), 50, Instant.now())));
    awaitRegistryInForce(50);
    assertThat(devices().path("configRefusedReason").asText()).contains("older than 50");
    assertThat(staffSend("6")).isEqualTo(51);
    awaitInForce(51, "6");
  }

  private long staffSend(String volume) throws Exception {
    long reported = devices().path("configVersionApplied").asLong(0);
    JsonNode sent = hub.post("/api/devices/" + GATE + "/config",
        "{\"settings\":{\"alarmVolume\":\"" + volume + "\"}}", 200);
    assertThat(sent.path("version").asLong()).as("never at or below the version the device reports")
        .isGreaterThan(reported);
    return sent.path("version").asLong();
  }

  private void forge(long version) throws Exception {
    String json = new String(MessageCodec.encode(new DeviceConfig("1.0", GATE, 1, Instant.now(),
        Map.of("alarmVolume", "0"))), StandardCharsets.UTF_8).replaceFirst("\"version\":1,",
        "\"version\":" + version + ",");
    hub.mqtt().publishAccepted(OutboundMessage.retained(TOPIC, json.getBytes(StandardCharsets.UTF_8)));
  }

  private void awaitInForce(long version, String volume) {
    await().atMost(Duration.ofSeconds(30)).until(() -> device.versionInForce() == version
        && volume.equals(device.inForce().orElseThrow().settings().get("alarmVolume")));
  }

  private void awaitRegistryInForce(long version) {
    await().atMost(Duration.ofSeconds(60)).until(() -> devices().path("configVersionApplied").asLong() == version);
  }

  private JsonNode devices() throws Exception {
    return hub.get("/api/devices").get(0);
  }
}
