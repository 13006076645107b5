package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.gpio.MockGpio;
import fr.navette.kiosk.returnbox.BinPlan;
import fr.navette.kiosk.returnbox.ReturnBox;
import fr.navette.kiosk.returnbox.ReturnBoxAgent;
import fr.navette.kiosk.returnbox.ReturnBoxConfig;
import fr.navette.reader.Uid;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.sim.sigb.Hold;
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
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first real path, every part real: a return box reads a tag through the reader layer, re-arms it and
 * publishes over MQTT 5 to the hub's embedded broker; the hub stores the event in SQLite, checks the
 * document in at the SIGB simulator over SIP2 on TCP, and lists the transit at {@code GET /api/transits}.
 */
class ReturnToShuttleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOX_BRANCH = "BR03";
  @TempDir Path dir;

  @Test
  void documentsReturnedAtTheWrongBranchEndOnTheShuttleList() throws Exception {
    Clock clock = Clock.systemUTC();
    SigbSimulatorConfig sigbConfig = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(6, 3_000, 300)).build();
    VirtualField field = new VirtualField();
    try (MockGpio gpio = MockGpio.create();
         SigbSimulator sigb = SigbSimulator.start(sigbConfig);
         Hub hub = Hub.start(HubConfig.local(dir.resolve("hub"), 0, 0,
             SigbSettings.local(sigb.port(), sigbConfig.user(), sigbConfig.password())).withInsecureMqtt(0),
             c -> Sip2SigbGateway.connect(c.sigb()), clock);
         ReturnBoxAgent box = new ReturnBoxAgent(ReturnBoxConfig.of(BOX_BRANCH, "box-BR03-1"),
             new ReturnBoxAgent.Wiring(gpio, BinPlan.fiveBins(), Optional.empty()), new SimulatedReader(field),
             dir.resolve("box"), hub.mqttUri(), clock, ReturnBox.ReturnListener.NONE)) {
      box.start();
      Item sendHome = sigb.network().itemsOnLoan().stream()
          .filter(i -> !i.homeBranch().equals(BOX_BRANCH) && sigb.network().holdFor(i.id()).isEmpty())
          .findFirst().orElseThrow();
      Hold hold = sigb.network().holds().stream()
          .filter(h -> h.status() == Hold.Status.PENDING && !h.pickupBranch().equals(BOX_BRANCH))
          .findFirst().orElseThrow();
      SimulatedTag sendHomeTag = SimulatedTag.forItem(Uid.parse("E004010000000001"), sendHome.id(), "FR-X",
          SecurityPolicy.ISO_ON_LOAN_AFI);
      field.put(sendHomeTag);
      field.put(SimulatedTag.forItem(Uid.parse("E004010000000002"), hold.itemId(), "FR-X",
          SecurityPolicy.ISO_ON_LOAN_AFI));

      await().atMost(Duration.ofSeconds(30)).until(() -> transits(hub).size() == 2);

      JsonNode home = find(transits(hub), sendHome.id());
      assertThat(home.get("fromBranch").asText()).isEqualTo(BOX_BRANCH);
      assertThat(home.get("toBranch").asText()).isEqualTo(sendHome.homeBranch());
      assertThat(home.get("reason").asText()).isEqualTo("send-home");
      JsonNode toPickup = find(transits(hub), hold.itemId());
      assertThat(toPickup.get("toBranch").asText()).isEqualTo(hold.pickupBranch());
      assertThat(toPickup.get("reason").asText()).isEqualTo("hold-elsewhere");
      assertThat(sendHomeTag.afi()).as("re-armed before anything else").isEqualTo(SecurityPolicy.ISO_ARMED_AFI);
      assertThat(sigb.network().loanOf(sendHome.id())).as("checked in at the SIGB").isEmpty();
      await().atMost(Duration.ofSeconds(10)).until(() -> box.outboxDepth() == 0);
    }
  }

  private static JsonNode transits(Hub hub) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/transits")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body()).get("items"); // a page: {"total": N, "items": [...]}
  }

  private static JsonNode find(JsonNode transits, String itemId) {
    return StreamSupport.stream(transits.spliterator(), false)
        .filter(t -> t.get("itemId").asText().equals(itemId)).findFirst().orElseThrow();
  }
}
