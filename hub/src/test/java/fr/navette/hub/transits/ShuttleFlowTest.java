package fr.navette.hub.transits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.hub.HubFixture;
import fr.navette.sim.devices.SteppedClock;
import fr.navette.sim.sigb.Item;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transit's whole life through the staff API: opened by a return elsewhere, packed in a crate, on the
 * road with its round, listed on the manifest, arrived and closed when the destination's box reads it.
 */
class ShuttleFlowTest {
  private static final Route NORTH = new Route("nord", "Tournée nord", List.of("BR01", "BR02", "BR03", "BR04", "BR05"));
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-24T09:00:00Z"));
  @TempDir Path dir;
  private HubFixture hub;

  @BeforeEach
  void start() throws Exception {
    hub = HubFixture.onSmallSigb(dir,
        c -> c.withRules(new NetworkRules(List.of(NORTH), Set.of("BD"), Duration.ofDays(7))), clock);
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  @Test
  void packedOnTheRoadListedArrivedClosed() throws Exception {
    Item item = onLoan(i -> !i.homeBranch().equals("BR02") && !i.collection().equals("BD"));
    hub.returned("BR02", item.id());
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/api/transits?status=open").get("items").size() == 1);
    String id = hub.get("/api/transits").get("items").get(0).get("transitId").asText();

    JsonNode packed = hub.post("/api/transits/" + id + "/pack", "{\"crate\":\"BAC-" + item.homeBranch() + "-1\"}", 200);
    assertThat(packed.get("status").asText()).isEqualTo("packed");

    JsonNode manifest = hub.get("/api/manifests?route=nord&date=2026-11-24");
    JsonNode stop = stop(manifest, "BR02");
    assertThat(stop.get("pickups").get(0).get("destination").asText()).isEqualTo(item.homeBranch());
    assertThat(stop.get("pickups").get(0).get("crates").get(0).get("documents").get(0).get("itemId").asText())
        .isEqualTo(item.id());
    assertThat(stop(manifest, item.homeBranch()).get("deliveriesFrom").get("BR02").asInt()).isEqualTo(1);

    assertThat(hub.post("/api/routes/nord/departures", "{\"branch\":\"BR02\"}", 200).get("onRoad").asInt())
        .isEqualTo(1);
    assertThat(hub.get("/api/transits").get("items").get(0).get("status").asText()).isEqualTo("on-road");

    hub.returned(item.homeBranch(), item.id()); // the home branch's box reads it on arrival
    await().atMost(Duration.ofSeconds(60))
        .until(() -> hub.get("/api/transits").get("items").get(0).get("status").asText().equals("closed"));
    JsonNode closed = hub.get("/api/transits").get("items").get(0);
    assertThat(closed.get("arrivedAt").isNull()).isFalse();
    assertThat(hub.get("/api/transits").get("items")).as("no new transit: it is home").hasSize(1);
  }

  @Test
  void aCrateTravelsToOneDestinationOnly() throws Exception {
    Item first = onLoan(i -> i.homeBranch().equals("BR01") && !i.collection().equals("BD"));
    Item second = onLoan(i -> i.homeBranch().equals("BR03") && !i.collection().equals("BD"));
    hub.returned("BR02", first.id());
    hub.returned("BR02", second.id());
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/api/transits").get("items").size() == 2);
    String toBr01 = transitOf(first.id());
    String toBr03 = transitOf(second.id());

    hub.post("/api/transits/" + toBr01 + "/pack", "{\"crate\":\"C7\"}", 200);
    JsonNode refused = hub.post("/api/transits/" + toBr03 + "/pack", "{\"crate\":\"C7\"}", 409);

    assertThat(refused.get("error").asText()).contains("C7").contains("BR01");
  }

  @Test
  void aFloatingDocumentStaysWhereItWasReturnedAndCountsAsARideSaved() throws Exception {
    Item comic = onLoan(i -> i.collection().equals("BD") && !i.homeBranch().equals("BR02"));
    hub.returned("BR02", comic.id());

    await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/api/stats").get("ridesSaved").asInt() == 1);
    assertThat(hub.get("/api/transits?status=open").get("items")).isEmpty();
    JsonNode kept = hub.get("/api/transits?status=kept").get("items").get(0);
    assertThat(kept.get("advice").asText()).isEqualTo("keep-here");
  }

  @Test
  void aTransitNobodyReadsIsFlaggedOverdue() throws Exception {
    Item item = onLoan(i -> !i.homeBranch().equals("BR02") && !i.collection().equals("BD"));
    hub.returned("BR02", item.id());
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/api/transits").get("items").size() == 1);
    assertThat(hub.get("/api/transits").get("items").get(0).get("overdue").asBoolean()).isFalse();

    clock.advance(Duration.ofDays(8));

    assertThat(hub.get("/api/transits").get("items").get(0).get("overdue").asBoolean()).isTrue();
  }

  private Item onLoan(Predicate<Item> which) {
    return hub.sigb().network().itemsOnLoan().stream()
        .filter(i -> hub.sigb().network().holdFor(i.id()).isEmpty())
        .filter(i -> NORTH.stops().contains(i.homeBranch()))
        .filter(which).findFirst().orElseThrow();
  }

  private String transitOf(String itemId) throws Exception {
    for (JsonNode t : hub.get("/api/transits").get("items")) {
      if (t.get("itemId").asText().equals(itemId)) {
        return t.get("transitId").asText();
      }
    }
    throw new AssertionError("no transit for " + itemId);
  }

  private static JsonNode stop(JsonNode manifest, String branch) {
    for (JsonNode stop : manifest.get("stops")) {
      if (stop.get("branch").asText().equals(branch)) {
        return stop;
      }
    }
    throw new AssertionError("no stop " + branch + " in " + manifest);
  }
}
