package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.SessionSettings;
import fr.navette.gate.GateAgent;
import fr.navette.gpio.MockGpio;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.reader.Uid;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.tag.SecurityPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gate → hub, every part real but the physical edge: a gate on Pi4J's mock platform sees two people walk out with
 * armed documents — one never borrowed, one whose loan the SIGB recorded but whose tag was left armed — and the hub
 * lists both at {@code GET /api/alarms} with the SIGB's verdict and the walker's direction.
 */
class GateToHubTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void alarmsReachTheHubWithTheDocumentTheDirectionAndTheSigbsVerdict() throws Exception {
    Clock clock = Clock.systemUTC();
    SigbSimulatorConfig sigbConfig = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(4, 2_000, 200)).build();
    VirtualField field = new VirtualField();
    try (SigbSimulator sigb = SigbSimulator.start(sigbConfig);
         Hub hub = Hub.start(HubConfig.local(dir.resolve("hub"), 0, 0,
             SigbSettings.local(sigb.port(), sigbConfig.user(), sigbConfig.password())).withInsecureMqtt(0),
             c -> Sip2SigbGateway.connect(c.sigb()), clock);
         MockGpio gpio = MockGpio.create();
         GateAgent gate = GateAgent.start(() -> Map.of("site", "BR01", "device-id", "gate-BR01-1",
                 "gpio.provider", "mock", "reader.pause-ms", "5", "alarm.pattern", "50/50x2 1000"),
             new SimulatedReader(field), gpio,
             DeviceRuntime.Settings.of(SessionSettings.of(hub.mqttUri(), "BR01", "gate-BR01-1"), dir.resolve("gate")),
             clock)) {
      Item onLoan = sigb.network().itemsOnLoan().getFirst();
      Item notBorrowed = sigb.network().items().stream()
          .filter(i -> sigb.network().loanOf(i.id()).isEmpty()).findFirst().orElseThrow();

      gpio.setActive("beam-a", true);       // leaving: the library-side beam first
      field.put(SimulatedTag.forItem(Uid.parse("E004010000000011"), notBorrowed.id(), "FR-X",
          SecurityPolicy.ISO_ARMED_AFI));
      await().atMost(Duration.ofSeconds(20)).until(() -> gpio.isActive("light"));
      gpio.setActive("beam-b", true);
      gpio.setActive("beam-a", false);
      gpio.setActive("beam-b", false);

      gpio.setActive("beam-b", true);       // coming back in with a loan whose tag was left armed
      field.put(SimulatedTag.forItem(Uid.parse("E004010000000012"), onLoan.id(), "FR-X",
          SecurityPolicy.ISO_ARMED_AFI));
      await().atMost(Duration.ofSeconds(30)).until(() -> enriched(hub) == 2);

      JsonNode theft = find(alarms(hub), notBorrowed.id());
      assertThat(theft.get("verdict").asText()).isEqualTo("not-borrowed");
      assertThat(theft.get("direction").asText()).isEqualTo("out");
      assertThat(theft.get("deviceId").asText()).isEqualTo("gate-BR01-1");
      JsonNode failedDisarm = find(alarms(hub), onLoan.id());
      assertThat(failedDisarm.get("verdict").asText()).isEqualTo("probably-borrowed");
      assertThat(failedDisarm.get("direction").asText()).isEqualTo("in");
      assertThat(failedDisarm.get("tagUid").asText()).isEqualTo("E004010000000012");
    }
  }

  private static long enriched(Hub hub) throws Exception {
    return StreamSupport.stream(alarms(hub).spliterator(), false)
        .filter(a -> a.hasNonNull("verdict") && !a.get("verdict").asText().equals("pending")).count();
  }

  private static JsonNode alarms(Hub hub) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/alarms")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body()).get("items"); // the alarm log: {"total", "items": [newest first]}
  }

  private static JsonNode find(JsonNode alarms, String itemId) {
    return StreamSupport.stream(alarms.spliterator(), false)
        .filter(a -> a.path("itemId").asText().equals(itemId)).findFirst().orElseThrow();
  }
}
