package fr.navette.hub.transits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import fr.navette.hub.web.HubRouting;
import fr.navette.hub.web.HubWeb;
import fr.navette.hub.web.StaffAccess;
import fr.navette.hub.web.StaffPages;
import fr.navette.hub.web.TestStaff;
import fr.navette.sim.devices.SteppedClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shuttle worked from the staff's screen, through the API over a real server and store (SQLite and
 * PostgreSQL): a crate packed by reading documents (the first decides its destination, one for elsewhere is refused
 * and not packed), closed, sent off with its round, received by crate or by document at the destination; the
 * transit list paginated with its true total past 200, overdue ones first, old finished ones out of the default
 * view; branch staff kept to their branches (403).
 */
class ShuttleConsoleApiTest {
  private static final String STAFF = "staff-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Route NORTH = new Route("nord", "Tournée nord", List.of("BR01", "BR02", "BR03"));
  private static final Map<String, String> NAMES = Map.of("BR01", "Médiathèque centrale", "BR02",
      "Bibliothèque du Port", "BR03", "Bibliothèque des Lilas", "BR04", "Bibliothèque du Parc");

  @TempDir Path dir;
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-24T09:00:00Z"));
  private final AtomicInteger events = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private Database db;
  private TransitStore store;
  private HubWeb web;

  private void start(String kind) {
    start(kind, List.of(NORTH));
  }

  private void start(String kind, List<Route> rounds) {
    db = TestDatabases.open(kind, dir);
    store = new TransitStore(db);
    NetworkRules rules = new NetworkRules(rounds, Set.of(), Duration.ofDays(7), NAMES);
    Shuttle shuttle = new Shuttle(store, rules, clock, ZoneOffset.UTC);
    web = HubWeb.start("127.0.0.1", 0, HubRouting.build(StaffAccess.parse("staff:" + STAFF),
        new ShuttleService(shuttle, store, clock), new StaffPages()).addFilter(TestStaff.fromHeader()));
  }

  @AfterEach
  void stop() {
    if (web != null) {
      web.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @AfterAll
  static void dropSchemas() {
    TestDatabases.dropCreatedSchemas();
  }

  /** A transit opened {@code age} ago for {@code item}, from {@code from} to {@code to}. */
  private void transit(String item, String from, String to, Duration age) {
    String n = String.valueOf(events.incrementAndGet());
    db.inTransaction(c -> {
      store.open(c, Transit.opened("t-" + n + "-" + item, item, from, to, "send-home", "R " + item,
          "Titre " + item, "ADULT", clock.instant().minus(age), "event-" + n));
      return null;
    });
  }

  private void transit(String item, String from, String to) {
    transit(item, from, to, Duration.ofHours(1));
  }

  private record Answer(int status, JsonNode json) {}

  private Answer get(String path, String... staff) throws Exception {
    // Reads need a session or a token too (every /api/ answer does).
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + STAFF);
    if (staff.length > 0) {
      b.header(TestStaff.HEADER, staff[0]);
    }
    return send(b.build());
  }

  private Answer post(String path, String body, String... staff) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + STAFF)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (staff.length > 0) {
      b.header(TestStaff.HEADER, staff[0]);
    }
    return send(b.build());
  }

  private Answer send(HttpRequest request) throws Exception {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + web.port() + path);
  }

  private String statusOf(String item) throws Exception {
    for (JsonNode t : get("/api/transits?all=true&limit=1000").json().get("items")) {
      if (t.get("itemId").asText().equals(item)) {
        return t.get("status").asText();
      }
    }
    throw new AssertionError("no transit for " + item);
  }

  /**
   * Issue 19: BR04 is on the south round only, which shares BR01 (the depot) with the north one. A document of BR04
   * returned at BR02 rides to BR01 first: the screens show its destination and the relay, the packing page says
   * where it goes on to, and the crate read at BR01 says what goes on from there.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aRelayLegShowsItsDestinationAndItsRelayAndGoesOnFromTheDepot(String kind) throws Exception {
    start(kind, List.of(NORTH, new Route("sud", "Tournée sud", List.of("BR01", "BR04"))));
    db.inTransaction(c -> {
      store.open(c, Transit.opened("t-relay", "3000000009", "BR02", "BR04", "send-home", "R 9", "Titre 9", "ADULT",
          clock.instant(), "event-relay").firstLegTo("BR01"));
      return null;
    });

    JsonNode coming = get("/api/transits?to=BR04").json();
    assertThat(coming.get("total").asInt()).as("BR04 sees it coming while it rides to the depot").isEqualTo(1);
    JsonNode leg = coming.get("items").get(0);
    assertThat(leg.get("toName").asText()).isEqualTo("Médiathèque centrale");
    assertThat(leg.get("destinationName").asText()).isEqualTo("Bibliothèque du Parc");
    assertThat(leg.get("viaName").asText()).isEqualTo("Médiathèque centrale");

    String crate = post("/api/crates", "{\"branch\":\"BR02\"}").json().get("crate").get("crateId").asText();
    Answer packed = post("/api/crates/" + crate + "/documents", "{\"itemId\":\"3000000009\"}");
    assertThat(packed.status()).as(packed.json().toString()).isEqualTo(200);
    assertThat(packed.json().get("destinationName").asText()).as("the crate's").isEqualTo("Médiathèque centrale");
    assertThat(packed.json().get("goesOnToName").asText()).isEqualTo("Bibliothèque du Parc");
    assertThat(packed.json().get("message").asText()).isEqualTo("Pour Médiathèque centrale — Tournée nord "
        + "— il continue ensuite vers Bibliothèque du Parc (relais)");
    assertThat(post("/api/crates/" + crate + "/close", "").status()).isEqualTo(200);
    assertThat(get("/api/crates/" + crate).json().get("documents").get(0).get("destinationName").asText())
        .as("the label lists where each document goes on to").isEqualTo("Bibliothèque du Parc");
    assertThat(post("/api/routes/nord/departures", "{\"branch\":\"BR02\"}").status()).isEqualTo(200);

    clock.advance(Duration.ofHours(2));
    Answer atDepot = post("/api/arrivals", "{\"branch\":\"BR01\",\"crate\":\"" + crate + "\"}");
    assertThat(atDepot.status()).as(atDepot.json().toString()).isEqualTo(200);
    assertThat(atDepot.json().get("relayed").asInt()).isEqualTo(1);
    assertThat(atDepot.json().get("message").asText()).endsWith("1 document(s) continuent vers leur destination : "
        + "emballez-les pour la prochaine tournée");
    assertThat(statusOf("3000000009")).as("the newest leg first").isEqualTo("open");
    JsonNode legs = get("/api/transits?all=true&status=relayed,open").json().get("items");
    assertThat(legs).hasSize(2);
    JsonNode next = legs.get(0).get("status").asText().equals("open") ? legs.get(0) : legs.get(1);
    assertThat(next.get("fromBranch").asText()).isEqualTo("BR01");
    assertThat(next.get("toBranch").asText()).isEqualTo("BR04");
    assertThat(next.get("relayOf").asText()).isEqualTo("t-relay");
    assertThat(next.path("viaName").isMissingNode() || next.path("viaName").isNull()).as("its last leg").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aCrateIsPackedByReadingRefusesAnotherDestinationClosesDepartsAndArrivesByCrate(String kind) throws Exception {
    start(kind);
    transit("3000000001", "BR02", "BR01");
    transit("3000000002", "BR02", "BR03");
    transit("3000000003", "BR02", "BR01");

    Answer opened = post("/api/crates", "{\"branch\":\"BR02\"}");
    assertThat(opened.status()).as(opened.json().toString()).isEqualTo(200);
    String crate = opened.json().get("crate").get("crateId").asText();
    assertThat(crate).isEqualTo("BR02-0001");
    assertThat(opened.json().get("message").asText()).contains("premier document");
    String read = "/api/crates/" + crate + "/documents";

    Answer first = post(read, "{\"itemId\":\"3000000001\"}");
    assertThat(first.status()).as(first.json().toString()).isEqualTo(200);
    assertThat(first.json().get("outcome").asText()).isEqualTo("packed");
    assertThat(first.json().get("destinationName").asText()).isEqualTo("Médiathèque centrale");
    assertThat(first.json().get("message").asText()).isEqualTo("Pour Médiathèque centrale — Tournée nord");
    assertThat(first.json().get("crate").get("toBranch").asText()).as("the first document decides").isEqualTo("BR01");

    Answer wrong = post(read, "{\"itemId\":\"3000000002\"}");
    assertThat(wrong.status()).isEqualTo(409);
    assertThat(wrong.json().get("error").asText()).isEqualTo("Ce document va à Bibliothèque des Lilas (Tournée nord) ; "
        + "ce bac va à Médiathèque centrale : ne le mettez pas dedans");
    assertThat(statusOf("3000000002")).as("refused: not packed").isEqualTo("open");
    Answer english = post(read + "?lang=en", "{\"itemId\":\"3000000002\"}");
    assertThat(english.json().get("error").asText()).startsWith("This item goes to Bibliothèque des Lilas");

    Answer none = post(read, "{\"itemId\":\"3999999999\"}");
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.json().get("error").asText())
        .isEqualTo("Le document 3999999999 n’est pas en transit : il reste ici");

    assertThat(post(read, "{\"itemId\":\"3000000003\"}").json().get("crate").get("documents").asInt()).isEqualTo(2);
    assertThat(post(read, "{\"itemId\":\"3000000003\"}").json().get("outcome").asText()).isEqualTo("already");

    Answer closed = post("/api/crates/" + crate + "/close", "");
    assertThat(closed.status()).as(closed.json().toString()).isEqualTo(200);
    assertThat(closed.json().get("crate").get("status").asText()).isEqualTo("closed");
    assertThat(closed.json().get("crate").get("closedBy").asText()).isEqualTo("token:staff");
    assertThat(closed.json().get("message").asText()).contains("2 document(s) pour Médiathèque centrale");
    assertThat(post(read, "{\"itemId\":\"3000000002\"}").status()).as("a closed crate takes no more").isEqualTo(409);
    String another = post("/api/crates", "{\"branch\":\"BR02\",\"destination\":\"BR01\"}").json().get("crate")
        .get("crateId").asText();
    Answer moved = post("/api/crates/" + another + "/documents", "{\"itemId\":\"3000000001\"}");
    assertThat(moved.status()).as("a labelled crate keeps its documents").isEqualTo(409);
    assertThat(moved.json().get("error").asText()).contains("déjà dans le bac " + crate + ", fermé");
    JsonNode label = get("/api/crates/" + crate).json();
    assertThat(label.get("crate").get("toName").asText()).isEqualTo("Médiathèque centrale");
    assertThat(label.get("crate").get("routeName").asText()).isEqualTo("Tournée nord");
    assertThat(label.get("documents")).hasSize(2);

    Answer departed = post("/api/routes/nord/departures", "{\"branch\":\"BR02\"}");
    assertThat(departed.status()).as(departed.json().toString()).isEqualTo(200);
    assertThat(departed.json().get("onRoad").asInt()).isEqualTo(2);
    assertThat(departed.json().get("crates").asInt()).isEqualTo(1);
    assertThat(departed.json().get("message").asText())
        .startsWith("Tournée nord partie de Bibliothèque du Port : 1 bac(s), 2 document(s) en route. ")
        .contains("1 bac(s) encore ouvert(s)"); // the empty one opened above stays
    assertThat(statusOf("3000000001")).isEqualTo("on-road");
    assertThat(statusOf("3000000002")).as("never packed: stays").isEqualTo("open");

    Answer elsewhere = post("/api/arrivals", "{\"branch\":\"BR03\",\"crate\":\"" + crate + "\"}");
    assertThat(elsewhere.status()).isEqualTo(409);
    assertThat(elsewhere.json().get("error").asText()).contains("va à Médiathèque centrale");
    Answer arrived = post("/api/arrivals", "{\"branch\":\"BR01\",\"crate\":\"" + crate + "\"}");
    assertThat(arrived.status()).as(arrived.json().toString()).isEqualTo(200);
    assertThat(arrived.json().get("arrived").asInt()).isEqualTo(2);
    assertThat(arrived.json().get("message").asText())
        .isEqualTo("Bac BR02-0001 arrivé de Bibliothèque du Port : 2 document(s) reçu(s)");
    assertThat(arrived.json().get("crate").get("arrivedBy").asText()).isEqualTo("token:staff");
    assertThat(statusOf("3000000001")).isEqualTo("arrived");
    assertThat(statusOf("3000000003")).isEqualTo("arrived");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aCrateLeftOpenStaysAndADocumentIsReceivedByItselfWhereItGoes(String kind) throws Exception {
    start(kind);
    transit("3000000011", "BR02", "BR03");
    transit("3000000012", "BR02", "BR01");
    String toLilas = post("/api/crates", "{\"branch\":\"BR02\",\"destination\":\"BR03\"}").json().get("crate")
        .get("crateId").asText();
    String toCentre = post("/api/crates", "{\"branch\":\"BR02\",\"destination\":\"BR01\"}").json().get("crate")
        .get("crateId").asText();
    assertThat(post("/api/crates/" + toLilas + "/documents", "{\"itemId\":\"3000000011\"}").status()).isEqualTo(200);
    assertThat(post("/api/crates/" + toCentre + "/documents", "{\"itemId\":\"3000000012\"}").status()).isEqualTo(200);
    post("/api/crates/" + toLilas + "/close", "");

    Answer departed = post("/api/routes/nord/departures", "{\"branch\":\"BR02\"}");
    assertThat(departed.json().get("onRoad").asInt()).isEqualTo(1);
    assertThat(departed.json().get("stillOpen").asInt()).isEqualTo(1);
    assertThat(departed.json().get("message").asText()).contains("1 bac(s) encore ouvert(s)");
    assertThat(statusOf("3000000012")).as("its crate is still open: it stays").isEqualTo("packed");

    Answer notHere = post("/api/arrivals", "{\"branch\":\"BR01\",\"itemId\":\"3000000011\"}");
    assertThat(notHere.status()).isEqualTo(200);
    assertThat(notHere.json().get("outcome").asText()).isEqualTo("elsewhere");
    assertThat(notHere.json().get("message").asText())
        .isEqualTo("Ce document va à Bibliothèque des Lilas, pas ici : remettez-le dans la navette");
    assertThat(statusOf("3000000011")).isEqualTo("on-road");
    Answer here = post("/api/arrivals", "{\"branch\":\"BR03\",\"itemId\":\"3000000011\"}");
    assertThat(here.json().get("arrived").asInt()).isEqualTo(1);
    assertThat(here.json().get("message").asText()).isEqualTo("Arrivé : Titre 3000000011");
    assertThat(statusOf("3000000011")).isEqualTo("arrived");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void theListIsPaginatedWithItsTrueTotalOverdueFirstAndOldFinishedOnesOutOfTheDefaultView(String kind)
      throws Exception {
    start(kind);
    for (int i = 0; i < 203; i++) {
      transit(String.format("31%08d", i), "BR02", i % 2 == 0 ? "BR01" : "BR03", Duration.ofMinutes(10 + i));
    }
    for (int i = 0; i < 5; i++) {
      transit(String.format("32%08d", i), "BR04", "BR01", Duration.ofDays(9 + i)); // overdue
    }
    for (int i = 0; i < 40; i++) { // finished long ago
      transit(String.format("33%08d", i), "BR01", "BR02", Duration.ofDays(30));
    }
    db.inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.executeUpdate("UPDATE transits SET status = 'closed', arrived_at = created_at, closed_at = created_at "
            + "WHERE item_id LIKE '33%'");
      }
      return null;
    });

    JsonNode page = get("/api/transits").json();
    assertThat(page.get("total").asLong()).as("208 open, 40 closed a month ago out of view").isEqualTo(208);
    assertThat(page.get("items")).hasSize(200);
    List<String> firstFive = new ArrayList<>();
    page.get("items").forEach(t -> { if (firstFive.size() < 5) firstFive.add(t.get("itemId").asText()); });
    assertThat(firstFive).as("overdue first, the longest lost first")
        .containsExactly("3200000004", "3200000003", "3200000002", "3200000001", "3200000000");
    assertThat(page.get("items").get(0).get("overdue").asBoolean()).isTrue();
    assertThat(page.get("items").get(5).get("overdue").asBoolean()).isFalse();
    assertThat(page.get("items").get(5).get("itemId").asText()).as("then the newest").isEqualTo("3100000000");
    assertThat(page.get("items").get(0).get("fromName").asText()).isEqualTo("Bibliothèque du Parc");

    JsonNode rest = get("/api/transits?offset=200&limit=50").json();
    assertThat(rest.get("total").asLong()).isEqualTo(208);
    assertThat(rest.get("items")).hasSize(8);
    assertThat(get("/api/transits?all=true").json().get("total").asLong()).isEqualTo(248);
    assertThat(get("/api/transits?days=60").json().get("total").asLong()).isEqualTo(248);
    assertThat(get("/api/transits?overdue=true").json().get("total").asLong()).isEqualTo(5);
    assertThat(get("/api/transits?from=BR02&to=BR03").json().get("total").asLong()).isEqualTo(101);
    assertThat(get("/api/transits?to=BR01&status=open").json().get("total").asLong()).isEqualTo(102 + 5);
    assertThat(get("/api/transits?status=closed&all=true").json().get("total").asLong()).isEqualTo(40);
    assertThat(get("/api/transits?route=nord").json().get("total").asLong()).as("none has left yet").isZero();
    assertThat(get("/api/transits?offset=-1").status()).isEqualTo(400);
    assertThat(get("/api/transits?days=soon").status()).isEqualTo(400);
    assertThat(get("/api/transits?route=sud").status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite"})
  void branchStaffWorkAtTheirBranchesOnly(String kind) throws Exception {
    start(kind);
    transit("3000000021", "BR02", "BR03");
    transit("3000000022", "BR04", "BR01");
    transit("3000000023", "BR03", "BR01");
    String lilas = "lea:BR03";

    JsonNode mine = get("/api/transits", lilas).json();
    assertThat(mine.get("total").asLong()).as("leaving from or coming to BR03").isEqualTo(2);
    assertThat(get("/api/transits?from=BR04", lilas).status()).isEqualTo(403);
    assertThat(get("/api/transits?from=BR04", lilas).json().get("error").asText())
        .isEqualTo("vous ne travaillez pas à Bibliothèque du Parc");
    assertThat(get("/api/transits?from=BR04").json().get("total").asLong()).as("a coordinator chooses").isEqualTo(1);

    assertThat(post("/api/crates", "{\"branch\":\"BR02\"}", lilas).status()).isEqualTo(403);
    Answer home = post("/api/crates", "{}", lilas);
    assertThat(home.json().get("crate").get("fromBranch").asText()).as("her branch by default").isEqualTo("BR03");
    assertThat(home.json().get("crate").get("openedBy").asText()).isEqualTo("lea");
    assertThat(post("/api/crates", "{}").status()).as("a coordinator chooses").isEqualTo(400);
    String port = post("/api/crates", "{\"branch\":\"BR02\"}").json().get("crate").get("crateId").asText();
    assertThat(post("/api/crates/" + port + "/documents", "{\"itemId\":\"3000000021\"}", lilas).status())
        .isEqualTo(403);
    assertThat(statusOf("3000000021")).isEqualTo("open");
    assertThat(post("/api/routes/nord/departures", "{\"branch\":\"BR02\"}", lilas).status()).isEqualTo(403);
    assertThat(post("/api/arrivals", "{\"branch\":\"BR01\",\"itemId\":\"3000000023\"}", lilas).status())
        .isEqualTo(403);
    assertThat(get("/api/crates?branch=BR02", lilas).status()).isEqualTo(403);
    assertThat(get("/api/crates", lilas).json()).hasSize(1);
  }
}
