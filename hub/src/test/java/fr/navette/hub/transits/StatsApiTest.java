package fr.navette.hub.transits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.HubFixture;
import fr.navette.schema.AlarmEvent;
import fr.navette.schema.CheckoutEvent;
import fr.navette.schema.CountEvent;
import fr.navette.schema.Event;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.RenewEvent;
import fr.navette.schema.ReturnEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Visitors and circulation in {@code /api/stats}, counted from events published over MQTT into a real hub
 * (embedded broker, SQLite): per branch, per local day and hour in the network's zone — the period chosen spans
 * the spring change to summer time in Paris, and counts whose UTC day is not their local day — and as CSV.
 */
class StatsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final String PERIOD = "from=2026-03-28&to=2026-03-30";
  private static final String PATRON = "pp1.k.AAAAAAAAAAAAAAAAAAAAAA";

  @TempDir static Path dir;
  private static HubFixture hub;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    hub = HubFixture.onSmallSigb(dir, c -> c.withZone(PARIS), Clock.systemUTC());
    // BR01: 09:00 and 09:15 Paris (UTC+1) on the 28th; 00:30 Paris on the 29th, still the 28th in UTC.
    count("BR01", "2026-03-28T08:00:00Z", 10, 3);
    count("BR01", "2026-03-28T08:15:00Z", 5, 2);
    count("BR01", "2026-03-28T23:30:00Z", 7, 7);
    // BR02: 14:00 Paris on the 29th, summer time since 02:00 (UTC+2).
    count("BR02", "2026-03-29T12:00:00Z", 4, 1);
    // Outside the period: 23:59 Paris on the 27th, midnight Paris on the 31st.
    count("BR01", "2026-03-27T22:59:00Z", 100, 100);
    count("BR02", "2026-03-30T22:00:00Z", 100, 100);
    // Circulation on the 29th (Paris) at BR01: two loans, a renewal; a return at BR02 on the 30th.
    String kiosk = "kiosk-BR01-1";
    Instant noon29 = Instant.parse("2026-03-29T10:00:00Z");
    publish("BR01", kiosk, "checkout", new CheckoutEvent(at(kiosk, noon29), "I-1", PATRON, Optional.empty(), true,
        noon29));
    publish("BR01", kiosk, "checkout", new CheckoutEvent(at(kiosk, noon29), "I-2", PATRON, Optional.empty(), true,
        noon29));
    publish("BR01", kiosk, "renew", new RenewEvent(at(kiosk, noon29), "I-3", PATRON, Optional.empty(), noon29));
    Instant noon30 = Instant.parse("2026-03-30T10:00:00Z");
    String box = "box-BR02-1";
    publish("BR02", box, "return", new ReturnEvent(at(box, noon30), "I-9", noon30, false));
    // The gate of BR01 sounds three times on the 29th (Paris): a document the SIGB does not know (a true alarm), a
    // document on loan (its tag not disarmed: a disarm failure), a tag it could not read (undetermined).
    String gate = "gate-BR01-1";
    Instant evening29 = Instant.parse("2026-03-29T17:00:00Z");
    String onLoan = hub.sigb().network().loans().getFirst().itemId();
    publish("BR01", gate, "alarm", new AlarmEvent(at(gate, evening29), "E004010000000001", Optional.of("NO-SUCH-9"),
        AlarmEvent.Direction.OUT, evening29));
    publish("BR01", gate, "alarm", new AlarmEvent(at(gate, evening29), "E004010000000002", Optional.of(onLoan),
        AlarmEvent.Direction.OUT, evening29));
    publish("BR01", gate, "alarm", new AlarmEvent(at(gate, evening29), "E004010000000003", Optional.empty(),
        AlarmEvent.Direction.OUT, evening29));
    // Today at BR02: 30 came in, 12 went out (live occupancy), counted an hour ago.
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    if (!hourAgo.atZone(PARIS).toLocalDate().equals(java.time.LocalDate.now(PARIS))) {
      hourAgo = java.time.LocalDate.now(PARIS).atStartOfDay(PARIS).toInstant(); // just after midnight
    }
    count("BR02", hourAgo.toString(), 30, 12);
    // Waits for the events to be stored, not for them to be placed right: a wrong placing fails the tests, saying so.
    await().atMost(Duration.ofSeconds(60)).until(() -> stored(stats("?from=2026-03-26&to=2026-04-01")) == 226 + 4);
    await().atMost(Duration.ofSeconds(60)).until(() -> alarms(stats("?" + PERIOD)) == 3
        && stats("").path("occupancy").size() == 1);
  }

  private static long stored(JsonNode stats) {
    long sum = 0;
    for (JsonNode day : stats.path("visitsByDay")) {
      sum += day.path("entries").asLong();
    }
    for (JsonNode day : stats.path("circulationByDay")) {
      sum += day.path("checkouts").asLong() + day.path("returns").asLong() + day.path("renewals").asLong();
    }
    return sum;
  }

  private static long alarms(JsonNode stats) {
    long sum = 0;
    for (JsonNode day : stats.path("alarmsByDay")) {
      sum += day.path("trueAlarms").asLong() + day.path("disarmFailures").asLong() + day.path("undetermined").asLong();
    }
    return sum;
  }

  @AfterAll
  static void stop() throws Exception {
    hub.close();
  }

  private static EventHeader at(String deviceId, Instant time) {
    EventHeader next = hub.header(deviceId);
    return new EventHeader(next.schemaVersion(), next.eventId(), next.deviceId(), next.sequence(), time);
  }

  private static void count(String branch, String periodStart, long in, long out) {
    String gate = "gate-" + branch + "-1";
    Instant start = Instant.parse(periodStart);
    Instant end = start.plus(Duration.ofMinutes(15));
    publish(branch, gate, "count", new CountEvent(at(gate, end), start, end, in, out, 1));
  }

  private static void publish(String branch, String deviceId, String channel, Event event) {
    hub.publishOn(branch, deviceId, channel, EventCodec.encode(event));
  }

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.hub.httpPort() + pathAndQuery))
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static JsonNode stats(String query) throws Exception {
    HttpResponse<String> res = get("/api/stats" + query);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  @Test
  void visitsArePerBranchPerLocalDayAndHour() throws Exception {
    JsonNode stats = stats("?" + PERIOD);
    assertThat(stats.path("transitsByStatus").isObject()).as("the fields of before stay").isTrue();
    assertThat(stats.has("ridesSaved")).isTrue();
    assertThat(stats.path("period").toString())
        .isEqualTo("{\"from\":\"2026-03-28\",\"to\":\"2026-03-30\",\"zone\":\"Europe/Paris\",\"branches\":null}");
    assertThat(stats.path("visitsByDay").toString()).isEqualTo("["
        + "{\"date\":\"2026-03-28\",\"branch\":\"BR01\",\"entries\":15,\"exits\":5},"
        + "{\"date\":\"2026-03-29\",\"branch\":\"BR01\",\"entries\":7,\"exits\":7},"
        + "{\"date\":\"2026-03-29\",\"branch\":\"BR02\",\"entries\":4,\"exits\":1}]");
    assertThat(stats.path("visitsByHour").toString()).isEqualTo("["
        + "{\"date\":\"2026-03-28\",\"hour\":9,\"branch\":\"BR01\",\"entries\":15,\"exits\":5},"
        + "{\"date\":\"2026-03-29\",\"hour\":0,\"branch\":\"BR01\",\"entries\":7,\"exits\":7},"
        + "{\"date\":\"2026-03-29\",\"hour\":14,\"branch\":\"BR02\",\"entries\":4,\"exits\":1}]");
    assertThat(stats.path("circulationByDay").toString()).isEqualTo("["
        + "{\"date\":\"2026-03-29\",\"branch\":\"BR01\",\"checkouts\":2,\"returns\":0,\"renewals\":1},"
        + "{\"date\":\"2026-03-30\",\"branch\":\"BR02\",\"checkouts\":0,\"returns\":1,\"renewals\":0}]");
  }

  @Test
  void alarmsAreTrueOrDisarmFailuresPerDayAndTodaysOccupancyIsInMinusOut() throws Exception {
    JsonNode stats = stats("?" + PERIOD);
    assertThat(stats.path("alarmsByDay").toString()).isEqualTo("[{\"date\":\"2026-03-29\",\"branch\":\"BR01\","
        + "\"trueAlarms\":1,\"disarmFailures\":1,\"undetermined\":1}]");
    assertThat(stats.path("transitsByDay").isArray()).isTrue();
    assertThat(stats.path("transitsByRoute").isArray()).isTrue();
    // Occupancy is today's, whatever the period asked.
    assertThat(stats.path("occupancy").toString())
        .isEqualTo("[{\"branch\":\"BR02\",\"entries\":30,\"exits\":12,\"present\":18}]");
  }

  @Test
  void aBranchIsChosenAndAWrongOneRefused() throws Exception {
    JsonNode br01 = stats("?branch=BR01&" + PERIOD);
    assertThat(br01.path("period").path("branches").toString()).isEqualTo("[\"BR01\"]");
    assertThat(br01.path("visitsByDay").findValuesAsText("branch")).containsOnly("BR01");
    assertThat(br01.path("circulationByDay").findValuesAsText("branch")).containsOnly("BR01");
    assertThat(br01.path("alarmsByDay").size()).isEqualTo(1);
    JsonNode br02 = stats("?branch=BR02&" + PERIOD);
    assertThat(br02.path("visitsByDay").findValuesAsText("branch")).containsOnly("BR02");
    assertThat(br02.path("alarmsByDay").size()).isZero();
    assertThat(stats("?branch=BR01,BR02&" + PERIOD).path("visitsByDay").size()).isEqualTo(3);
    HttpResponse<String> bad = get("/api/stats?branch=BR%3B01");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("branch must be a branch code");
  }

  @Test
  void aPeriodOfOneDayHoldsThatDayOnly() throws Exception {
    JsonNode stats = stats("?from=2026-03-27&to=2026-03-27");
    assertThat(stats.path("visitsByDay").toString())
        .isEqualTo("[{\"date\":\"2026-03-27\",\"branch\":\"BR01\",\"entries\":100,\"exits\":100}]");
  }

  @Test
  void theDefaultPeriodIsTheLastSevenDaysInTheNetworksZone() throws Exception {
    JsonNode period = stats("").path("period");
    java.time.LocalDate today = java.time.LocalDate.now(PARIS);
    assertThat(period.path("to").asText()).isEqualTo(today.toString());
    assertThat(period.path("from").asText()).isEqualTo(today.minusDays(6).toString());
  }

  @Test
  void theCsvHasAHeaderRowAndALinePerDayAndBranch() throws Exception {
    HttpResponse<String> res = get("/api/stats?format=csv&" + PERIOD);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(res.headers().firstValue("Content-Disposition").orElse(""))
        .contains("navette-stats-2026-03-28-2026-03-30.csv");
    assertThat(res.body()).isEqualTo("\uFEFFdate;branch;entries;exits;checkouts;returns;renewals;trueAlarms;"
        + "disarmFailures;shuttled;ridesSaved\r\n"
        + "2026-03-28;BR01;15;5;0;0;0;0;0;0;0\r\n"
        + "2026-03-29;BR01;7;7;2;0;1;1;1;0;0\r\n"
        + "2026-03-29;BR02;4;1;0;0;0;0;0;0;0\r\n"
        + "2026-03-30;BR02;0;0;0;1;0;0;0;0;0\r\n");
    // One branch only.
    assertThat(get("/api/stats?format=csv&branch=BR02&" + PERIOD).body()).doesNotContain("BR01").contains(";BR02;");
  }

  @Test
  void aWrongPeriodOrFormatIsRefusedNamingIt() throws Exception {
    for (String[] bad : new String[][] {
        {"?from=2026-3-28", "from must be YYYY-MM-DD"},
        {"?from=2026-03-30&to=2026-03-28", "is after to"},
        {"?from=2020-01-01&to=2026-03-28", "more than 367 days"},
        {"?format=xlsx", "format must be json or csv"},
        {"?format=csv&to=tomorrow", "to must be YYYY-MM-DD"}}) {
      HttpResponse<String> res = get("/api/stats" + bad[0]);
      assertThat(res.statusCode()).as(bad[0] + ": " + res.body()).isEqualTo(400);
      assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      assertThat(JSON.readTree(res.body()).path("error").asText()).as(bad[0]).contains(bad[1]);
    }
  }

  @Test
  void theStatisticsPageAndUplotAreServedFromTheHub() throws Exception {
    HttpResponse<String> page = get("/stats.html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/vendor/uPlot.iife.min.js").doesNotContain("https://");
    HttpResponse<String> uplot = get("/vendor/uPlot.iife.min.js");
    assertThat(uplot.statusCode()).as("uPlot from its webjar").isEqualTo(200);
    assertThat(uplot.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(uplot.body()).contains("uPlot");
    HttpResponse<String> css = get("/vendor/uPlot.min.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
  }

  /**
   * The retention purge (issue 20) on this hub: the March loans ended long before today's limit (no return seen,
   * no due date: ended when made), so their patron goes — and every count of /api/stats stays as it was.
   */
  @Test
  void theRetentionPurgeTakesThePatronsAndLeavesTheStatisticsAsTheyWere() throws Exception {
    String period = "?from=2026-03-26&to=2026-04-01";
    JsonNode before = stats(period);
    assertThat(eventsNamingAPatron()).isEqualTo(3);

    hub.hub.retentionPurge().purge();

    assertThat(eventsNamingAPatron()).isZero();
    assertThat(stats(period)).isEqualTo(before);
    assertThat(stats(period).path("circulationByDay").toString()).contains("\"checkouts\":2");
  }

  /** Read in the hub's SQLite file itself: the API shows no payload. */
  private static long eventsNamingAPatron() throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub/hub.db"));
         java.sql.ResultSet rs = c.createStatement().executeQuery(
             "SELECT COUNT(*) FROM events WHERE payload LIKE '%pp1.%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
