package fr.navette.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.mqtt.LoopbackPorts;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.ReturnProblemEvent;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's side of a return, over a real broker, a real SQLite file and real SIP2 to the simulator. */
class HubReturnsTest {
  private static final String BOX_BRANCH = "BR02";

  @TempDir Path dir;
  private SigbSimulator sigb;
  private HubFixture fixture;

  @AfterEach
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    if (sigb != null) {
      sigb.close();
    }
  }

  @Test
  void aReturnElsewhereOpensOneTransitHomeEvenWhenDeliveredTwice() throws Exception {
    sigb = HubFixture.smallSigb();
    fixture = new HubFixture(dir, sigb.port(), NetworkRules.defaults(), Clock.systemUTC());
    Item item = onLoanWithoutHoldAndHomeElsewhere(sigb);

    byte[] payload = fixture.returnPayload("box-BR02-1", item.id());
    fixture.publish(BOX_BRANCH, payload);
    fixture.publish(BOX_BRANCH, payload); // QoS 1 may deliver twice; a device may resend after a lost PUBACK

    await().atMost(Duration.ofSeconds(60)).until(() -> fixture.get("/api/transits").get("items").size() == 1);
    JsonNode transit = fixture.get("/api/transits").get("items").get(0);
    assertThat(transit.get("itemId").asText()).isEqualTo(item.id());
    assertThat(transit.get("fromBranch").asText()).isEqualTo(BOX_BRANCH);
    assertThat(transit.get("toBranch").asText()).isEqualTo(item.homeBranch());
    assertThat(transit.get("reason").asText()).isEqualTo("send-home");
    assertThat(transit.get("status").asText()).isEqualTo("open");
    assertThat(fixture.hub.events().recent(10)).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(EventStore.APPLIED));
    assertThat(sigb.network().loanOf(item.id())).isEmpty();
  }

  @Test
  void aDocumentInTheProblemsBinRaisesAnAlertStaffMarkAsDealtWith() throws Exception {
    sigb = HubFixture.smallSigb();
    fixture = new HubFixture(dir, sigb.port(), NetworkRules.defaults(), Clock.systemUTC());

    fixture.publishOn(BOX_BRANCH, "box-BR02-1", "return-problem", EventCodec.encode(new ReturnProblemEvent(
        fixture.header("box-BR02-1"), Optional.of("E004010000000009"), Optional.of("X-42"),
        ReturnProblemEvent.Problem.FOREIGN, "owner library FR-999999999 is not one of this network's",
        Instant.now())));

    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.get("/api/alerts?open=true").size() == 1);
    JsonNode alert = fixture.get("/api/alerts?open=true").get(0);
    assertThat(alert.get("kind").asText()).isEqualTo("return-problem");
    assertThat(alert.get("message").asText()).contains("BR02", "X-42", "document d'un autre réseau",
        "FR-999999999");

    JsonNode resolved = fixture.post("/api/alerts/" + alert.get("alertId").asText() + "/resolve", "", 200);
    assertThat(resolved.get("resolvedAt").isNull()).isFalse();
    assertThat(fixture.get("/api/alerts?open=true")).isEmpty();
    assertThat(fixture.post("/api/alerts/no-such-alert/resolve", "", 404).get("error").asText())
        .contains("no-such-alert");
  }

  @Test
  void onItsOwnBrokerTheHubHasStoredEachEventBeforeTheDeviceGetsItsPuback() throws Exception {
    sigb = HubFixture.smallSigb();
    fixture = new HubFixture(dir, sigb.port(), NetworkRules.defaults(), Clock.systemUTC());

    for (int i = 0; i < 20; i++) {
      EventHeader header = fixture.header("gate-BR01-1");
      Instant now = Instant.now();
      // A synchronous QoS 1 publish returns once the PUBACK is back: no waiting for the hub after it.
      fixture.publishOn("BR01", "gate-BR01-1", "count",
          EventCodec.encode(new CountEvent(header, now.minusSeconds(60), now, 3, 2, 1)));
      assertThat(fixture.hub.events().find(header.eventId().toString()))
          .as("event %d stored when its PUBACK came", i).isPresent();
    }
  }

  @Test
  void aMalformedPayloadIsQuarantinedWithItsReasonAndTheHubGoesOn() throws Exception {
    sigb = HubFixture.smallSigb();
    fixture = new HubFixture(dir, sigb.port(), NetworkRules.defaults(), Clock.systemUTC());

    fixture.publish(BOX_BRANCH, "{\"type\":\"return\",\"itemId\":".getBytes(StandardCharsets.UTF_8));
    fixture.returned(BOX_BRANCH, onLoanWithoutHoldAndHomeElsewhere(sigb).id());

    await().atMost(Duration.ofSeconds(60)).until(() -> fixture.get("/api/transits").get("items").size() == 1);
    JsonNode quarantined = fixture.get("/api/quarantine");
    assertThat(quarantined).hasSize(1);
    assertThat(quarantined.get(0).get("topic").asText()).isEqualTo("navette/v1/BR02/box-BR02-1/return");
    assertThat(quarantined.get(0).get("reason").asText()).contains("not JSON");
    assertThat(quarantined.get(0).get("payloadText").asText()).isEqualTo("{\"type\":\"return\",\"itemId\":");
  }

  @Test
  void aReturnWhileTheSigbIsDownIsKeptAndAppliedWhenItComesBack() throws Exception {
    int sigbPort = LoopbackPorts.belowEphemeralRange(); // nothing listens there yet: the SIGB is down
    fixture = new HubFixture(dir, sigbPort, NetworkRules.defaults(), Clock.systemUTC());
    SigbSimulatorConfig sigbConfig = SigbSimulatorConfig.builder().size(HubFixture.SMALL).port(sigbPort).build();
    Item item;
    try (SigbSimulator twin = SigbSimulator.start(sigbConfig.toBuilder().port(0).build())) {
      item = onLoanWithoutHoldAndHomeElsewhere(twin); // same seed, same network
    }
    fixture.returned(BOX_BRANCH, item.id());

    await().atMost(Duration.ofSeconds(60)).until(() -> fixture.hub.events().recent(1).stream()
        .anyMatch(e -> e.attempts() >= 1 && e.status().equals(EventStore.PENDING) && e.lastError() != null));
    assertThat(fixture.get("/api/transits").get("items")).isEmpty();

    sigb = SigbSimulator.start(sigbConfig);
    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.get("/api/transits").get("items").size() == 1);
    assertThat(fixture.hub.events().recent(1).getFirst().status()).isEqualTo(EventStore.APPLIED);
  }

  @Test
  void afterAnHourWithoutTheSigbItsReturnsAreAppliedAsSoonAsItIsBackNotAtTheirNextRetry() throws Exception {
    int sigbPort = LoopbackPorts.belowEphemeralRange(); // nothing listens there yet: the SIGB is down
    fixture = new HubFixture(dir, sigbPort, NetworkRules.defaults(), Clock.systemUTC());
    SigbSimulatorConfig sigbConfig = SigbSimulatorConfig.builder().size(HubFixture.SMALL).port(sigbPort).build();
    List<Item> items;
    try (SigbSimulator twin = SigbSimulator.start(sigbConfig.toBuilder().port(0).build())) {
      items = twin.network().itemsOnLoan().stream().limit(5).toList(); // same seed, same network
    }
    for (Item item : items) {
      fixture.returned(BOX_BRANCH, item.id());
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> fixture.hub.events().recent(5).stream()
        .filter(e -> e.attempts() >= 1 && e.status().equals(EventStore.PENDING)).count() == 5);
    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.get("/api/alerts?open=true").findValuesAsText("kind")
        .contains("sigb-link"));
    // An hour of retries, as the store keeps them: each return tried a dozen times, its next try 5 min away.
    try (Connection c = DriverManager.getConnection(HubConfig.storeUrl(dir.resolve("hub"), null));
         Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 10000");
      st.executeUpdate("UPDATE events SET attempts = 12, next_attempt_at = " + (System.currentTimeMillis()
          + Duration.ofMinutes(5).toMillis()) + " WHERE channel = 'return' AND status = 'pending'");
    }

    sigb = SigbSimulator.start(sigbConfig);
    // Without the hub's own look at the link, the first retry would come 5 min from now.
    await().atMost(Duration.ofSeconds(45)).until(() -> sigb.network().checkinLog().size() == 5);
    await().atMost(Duration.ofSeconds(15)).until(() -> fixture.hub.events().recent(5).stream()
        .allMatch(e -> e.status().equals(EventStore.APPLIED)));
    assertThat(fixture.get("/api/alerts?open=true").findValuesAsText("kind")).as("the SIGB link alert resolved")
        .doesNotContain("sigb-link");
  }

  static Item onLoanWithoutHoldAndHomeElsewhere(SigbSimulator sigb) {
    return sigb.network().itemsOnLoan().stream()
        .filter(i -> !i.homeBranch().equals(BOX_BRANCH))
        .filter(i -> sigb.network().holdFor(i.id()).isEmpty())
        .findFirst().orElseThrow();
  }
}
