package fr.navette.hub.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.HubFixture;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.web.HubRouting;
import fr.navette.hub.web.HubWeb;
import fr.navette.hub.web.StaffAccess;
import fr.navette.hub.web.StaffUser.Role;
import fr.navette.hub.web.TestStaff;
import fr.navette.schema.AlarmEvent;
import fr.navette.schema.CheckoutEvent;
import fr.navette.schema.EventCodec;
import fr.navette.sim.devices.SteppedClock;
import fr.navette.sim.sigb.Item;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alarm log and acknowledgements through the HTTP API: "just borrowed?" from a kiosk loan published over MQTT,
 * acknowledgement with an outcome (who, when; 409, 400, 404, 403), branch staff's view of the log and of the live
 * stream, pagination with the true total. Branch staff are played through {@link TestStaff}'s header (staff accounts
 * come from the accounts lane) on a second server that serves the hub's own alarms.
 */
class AlarmsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final NetworkRules RULES = NetworkRules.defaults().withBranchNames(Map.of(
      "BR01", "Médiathèque centrale", "BR02", "Bibliothèque du Port", "BR03", "Médiathèque des Tilleuls"));
  private static final String BR01_STAFF = TestStaff.header("lea", Role.BRANCH_STAFF, "BR01");
  private static final String BR02_STAFF = TestStaff.header("marie", Role.BRANCH_STAFF, "BR02");
  private static final String COORDINATOR = TestStaff.header("paul", Role.COORDINATOR);
  private static final String PATRON = "pp1.k.AAAAAAAAAAAAAAAAAAAAAA";

  // 10:00 in Paris on 24 November
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-24T09:00:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger tags = new AtomicInteger();
  @TempDir Path dir;
  private HubFixture hub;
  private HubWeb web;

  @BeforeEach
  void start() throws Exception {
    hub = HubFixture.onSmallSigb(dir, c -> c, clock);
    web = HubWeb.start("127.0.0.1", 0, HubRouting.build(StaffAccess.open(),
        new AlarmsService(hub.hub.alarms(), hub.hub.alarmFeed(), RULES, PARIS, clock)).addFilter(TestStaff.fromHeader()));
  }

  @AfterEach
  void stop() throws Exception {
    web.close();
    hub.close();
  }

  @Test
  void anAlarmSaysWhenAndAtWhichKioskTheDocumentWasJustBorrowed() throws Exception {
    List<Item> onLoan = hub.sigb().network().itemsOnLoan();
    Item borrowed = onLoan.get(0);
    Item other = onLoan.get(1);
    Instant lentAt = clock.instant().minus(Duration.ofMinutes(2));
    checkout("BR03", "kiosk-BR03-1", borrowed.id(), lentAt);
    // A later loan of a document whose id only contains this one's: found as text, not the same document.
    checkout("BR01", "kiosk-BR01-1", borrowed.id() + "9", clock.instant().minus(Duration.ofMinutes(1)));
    // A loan from two days ago is not "just borrowed".
    checkout("BR01", "kiosk-BR01-1", other.id(), clock.instant().minus(Duration.ofDays(2)));

    alarm("BR02", borrowed.id());
    alarm("BR02", other.id());
    JsonNode items = awaitLog(null, 2).get("items");

    JsonNode justBorrowed = byItem(items, borrowed.id());
    assertThat(justBorrowed.get("verdict").asText()).isEqualTo("probably-borrowed");
    assertThat(justBorrowed.get("siteName").asText()).isEqualTo("Bibliothèque du Port");
    JsonNode last = justBorrowed.get("lastCheckout");
    assertThat(Instant.parse(last.get("at").asText())).isEqualTo(lentAt);
    assertThat(last.get("device").asText()).isEqualTo("kiosk-BR03-1");
    assertThat(last.get("branch").asText()).isEqualTo("BR03");
    assertThat(last.get("branchName").asText()).isEqualTo("Médiathèque des Tilleuls");
    assertThat(byItem(items, other.id()).get("lastCheckout").isNull()).as("lent two days ago").isTrue();
  }

  @Test
  void acknowledgingKeepsWhoWhenAndHowItEndedOnceAndRefusesWhatIsWrong() throws Exception {
    alarm("BR02", hub.sigb().network().itemsOnLoan().getFirst().id());
    String id = awaitLog(null, 1).get("items").get(0).get("eventId").asText();
    String path = "/api/alarms/" + id + "/acknowledge";

    assertAnswer(post(path, BR02_STAFF, "{\"outcome\":\"patron-ran\"}"), 400, "patron-ran");
    assertAnswer(post(path, BR02_STAFF, "{}"), 400, "outcome");
    assertAnswer(post(path, BR02_STAFF, "{\"outcome\":\"patron-left\",\"note\":\"" + "x".repeat(501) + "\"}"), 400,
        "500");
    assertAnswer(post("/api/alarms/no-such-alarm/acknowledge", BR02_STAFF, "{\"outcome\":\"patron-left\"}"), 404,
        "no-such-alarm");
    assertAnswer(post(path, BR01_STAFF, "{\"outcome\":\"patron-left\"}"), 403, "Bibliothèque du Port");
    assertThat(log(COORDINATOR, "?unacknowledged=true").get("total").asLong()).as("nothing kept by a refusal")
        .isEqualTo(1);

    HttpResponse<String> ok = post(path, BR02_STAFF, "{\"outcome\":\"patron-came-back\",\"note\":\" rendu \"}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    JsonNode ack = JSON.readTree(ok.body()).get("acknowledgement");
    assertThat(ack.get("by").asText()).isEqualTo("marie");
    assertThat(Instant.parse(ack.get("at").asText())).isEqualTo(clock.instant());
    assertThat(ack.get("outcome").asText()).isEqualTo("patron-came-back");
    assertThat(ack.get("note").asText()).isEqualTo("rendu");

    assertAnswer(post(path, COORDINATOR, "{\"outcome\":\"patron-left\"}"), 409, "marie");
    JsonNode kept = log(COORDINATOR, "?outcome=patron-came-back");
    assertThat(kept.get("total").asLong()).isEqualTo(1);
    assertThat(kept.get("items").get(0).get("acknowledgement").get("outcome").asText())
        .as("the first answer stands").isEqualTo("patron-came-back");
    assertThat(log(COORDINATOR, "?unacknowledged=true").get("total").asLong()).isZero();
    assertThat(log(COORDINATOR, "?outcome=patron-left").get("total").asLong()).isZero();
    assertAnswer(get("/api/alarms?outcome=stolen", COORDINATOR), 400, "stolen");
  }

  @Test
  void branchStaffSeeTheirBranchesAlarmsOnlyInTheLogAndLive() throws Exception {
    List<Item> items = hub.sigb().network().itemsOnLoan();
    alarm("BR01", items.get(0).id());
    alarm("BR02", items.get(1).id());
    alarm("BR02", items.get(2).id());
    awaitLog(null, 3);

    JsonNode mine = log(BR01_STAFF, "");
    assertThat(mine.get("total").asLong()).isEqualTo(1);
    assertThat(sites(mine)).containsOnly("BR01");
    assertThat(log(COORDINATOR, "").get("total").asLong()).isEqualTo(3);
    assertThat(sites(log(COORDINATOR, "?branch=BR02"))).containsExactly("BR02", "BR02");
    assertAnswer(get("/api/alarms?branch=BR02", BR01_STAFF), 403, "BR02");

    List<String> staffLines = new CopyOnWriteArrayList<>();
    List<String> coordinatorLines = new CopyOnWriteArrayList<>();
    try (Stream<String> staff = live(BR01_STAFF, staffLines); Stream<String> all = live(COORDINATOR, coordinatorLines)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub.alarmFeed().watching() == 2);
      String elsewhere = items.get(3).id();
      alarm("BR02", elsewhere);
      await().atMost(Duration.ofSeconds(30)).until(() -> dataAbout(coordinatorLines, elsewhere));
      String here = items.get(4).id();
      alarm("BR01", here); // after the other branch's: once it is seen, the other one would have been too
      await().atMost(Duration.ofSeconds(30)).until(() -> dataAbout(staffLines, here));
      assertThat(dataAbout(staffLines, elsewhere)).as("another branch's alarm on branch staff's screen").isFalse();
      assertThat(dataAbout(coordinatorLines, here)).isTrue();

      // An acknowledgement is pushed to the other screens watching that branch.
      String id = byItem(log(BR01_STAFF, "").get("items"), here).get("eventId").asText();
      assertThat(post("/api/alarms/" + id + "/acknowledge", COORDINATOR, "{\"outcome\":\"false-alarm-fixed\"}")
          .statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> staffLines.contains("event:acknowledged")
          && dataAbout(staffLines, "\"by\":\"paul\""));
    }
  }

  @Test
  void theLogIsPagedNewestFirstWithTheTrueTotalAndFilteredByLocalDates() throws Exception {
    List<Item> items = hub.sigb().network().itemsOnLoan();
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      if (i == 3) {
        clock.advance(Duration.ofDays(1)); // 25 November: two alarms
      }
      clock.advance(Duration.ofMinutes(7));
      alarm("BR02", items.get(i).id());
      order.add(0, items.get(i).id());
    }
    awaitLog(null, 5);

    JsonNode first = log(COORDINATOR, "?limit=2");
    assertThat(first.get("total").asLong()).isEqualTo(5);
    assertThat(itemIds(first)).containsExactly(order.get(0), order.get(1));
    JsonNode second = log(COORDINATOR, "?limit=2&offset=2");
    assertThat(itemIds(second)).containsExactly(order.get(2), order.get(3));
    JsonNode last = log(COORDINATOR, "?limit=2&offset=4");
    assertThat(last.get("total").asLong()).isEqualTo(5);
    assertThat(itemIds(last)).containsExactly(order.get(4));

    JsonNode day = log(COORDINATOR, "?from=2026-11-25&to=2026-11-25&limit=1");
    assertThat(day.get("total").asLong()).isEqualTo(2);
    assertThat(itemIds(day)).containsExactly(order.get(0));
    assertThat(log(COORDINATOR, "?to=2026-11-24").get("total").asLong()).isEqualTo(3);
    assertThat(log(BR01_STAFF, "").get("total").asLong()).as("none at BR01").isZero();

    assertAnswer(get("/api/alarms?offset=-1", COORDINATOR), 400, "offset");
    assertAnswer(get("/api/alarms?from=2026-11-26&to=2026-11-25", COORDINATOR), 400, "2026-11-26");
    assertAnswer(get("/api/alarms?from=yesterday", COORDINATOR), 400, "from");
  }

  private void alarm(String site, String itemId) {
    String gate = "gate-" + site + "-1";
    hub.publishOn(site, gate, "alarm", EventCodec.encode(new AlarmEvent(hub.header(gate),
        "E0040100%08d".formatted(tags.incrementAndGet()), Optional.of(itemId), AlarmEvent.Direction.OUT,
        clock.instant())));
  }

  private void checkout(String site, String kiosk, String itemId, Instant at) {
    hub.publishOn(site, kiosk, "checkout", EventCodec.encode(new CheckoutEvent(hub.header(kiosk), itemId, PATRON,
        Optional.empty(), false, at)));
  }

  private JsonNode awaitLog(String staff, int total) {
    JsonNode[] seen = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      seen[0] = log(staff, "?limit=100");
      return seen[0].get("total").asLong() == total
          && StreamSupport.stream(seen[0].get("items").spliterator(), false)
              .noneMatch(a -> a.get("verdict").asText().equals("pending"));
    });
    return seen[0];
  }

  private JsonNode log(String staff, String query) throws Exception {
    HttpResponse<String> answer = get("/api/alarms" + query, staff);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private HttpResponse<String> get(String path, String staff) throws Exception {
    return http.send(request(path, staff).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String staff, String body) throws Exception {
    return http.send(request(path, staff).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String staff) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path));
    return staff == null ? b : b.header(TestStaff.HEADER, staff);
  }

  private Stream<String> live(String staff, List<String> lines) throws Exception {
    HttpResponse<Stream<String>> stream = http.send(request("/api/alarms/live", staff).build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    Thread[] reader = new Thread[1];
    // onClose before the reader starts: a stream being read can no longer take a close handler.
    Stream<String> body = stream.body().onClose(() -> reader[0].interrupt());
    reader[0] = Thread.ofVirtual().start(() -> body.forEach(lines::add));
    return body;
  }

  private static boolean dataAbout(List<String> lines, String text) {
    return lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(text));
  }

  private static void assertAnswer(HttpResponse<String> answer, int status, String named) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(JSON.readTree(answer.body()).path("error").asText()).contains(named);
  }

  private static JsonNode byItem(JsonNode items, String itemId) {
    return StreamSupport.stream(items.spliterator(), false).filter(a -> itemId.equals(a.path("itemId").asText()))
        .findFirst().orElseThrow(() -> new AssertionError("no alarm for " + itemId + " in " + items));
  }

  private static List<String> sites(JsonNode page) {
    return StreamSupport.stream(page.get("items").spliterator(), false).map(a -> a.get("site").asText()).toList();
  }

  private static List<String> itemIds(JsonNode page) {
    return StreamSupport.stream(page.get("items").spliterator(), false).map(a -> a.get("itemId").asText()).toList();
  }
}
