package fr.navette.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.hub.HubFixture;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.transits.Route;
import fr.navette.hub.web.ApiClient.Answer;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.StateEvent;
import fr.navette.sim.sigb.Item;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of the API over a real hub (HTTP server, embedded broker, SQLite, SIP2 to the simulator): its
 * success, and each way a client can get it wrong — no body, an empty body, a body that is not JSON, fields of
 * the wrong type, an unknown id, no token or the wrong role — answered 4xx with a JSON message naming what was
 * wrong, never 500. The live alarm stream ({@code /api/alarms/live}) is followed in {@code DevicesAlarmsAlertsTest}.
 */
class HubApiTest {
  private static final String STAFF = "staff-token-0123456789abcdef";
  private static final String ADMIN = "admin-token-0123456789abcdef";
  private static final Route NORTH = new Route("nord", "Tournée nord", List.of("BR01", "BR02", "BR03", "BR04", "BR05"));
  private static final String GATE = "gate-BR02-7";
  /** Bodies every POST that reads one must refuse with 400, and the words its message must contain. */
  private static final List<List<String>> BAD_BODIES = List.of(
      List.of("", "corps de requête absent"),
      List.of("   ", "corps de requête absent"),
      List.of("{\"crate\":", "not JSON"),
      List.of("crate=C1", "not JSON"),
      List.of("{\"crate\":\"C1\"} and more", "not JSON"),
      List.of("{\"a\":" + "[".repeat(5_000), "not JSON"),
      List.of("[1,2]", "JSON object"),
      List.of("null", "JSON object"),
      List.of("\"C1\"", "JSON object"));

  @TempDir static Path dir;
  private static HubFixture hub;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    hub = HubFixture.onSmallSigb(dir, c -> c.withRules(new NetworkRules(List.of(NORTH), Set.of("BD"),
        Duration.ofDays(7))).withStaffAccess(StaffAccess.parse("staff:" + STAFF + ",admin:" + ADMIN)),
        Clock.systemUTC());
    api = new ApiClient(hub.hub.httpPort(), STAFF);
    hub.publishOn("BR02", GATE, "state",
        EventCodec.encode(new StateEvent(hub.header(GATE), StateEvent.State.ONLINE, "0.1.0")));
    await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/devices").body().contains(GATE));
  }

  @AfterAll
  static void stop() throws Exception {
    hub.close();
  }

  @Test
  void aCommandIsAnsweredWithWhatWasSentAndSentOnce() throws Exception {
    List<String> sent = new CopyOnWriteArrayList<>();
    String commandTopic = "navette/v1/BR02/" + GATE + "/command";
    hub.mqtt().onMessage(m -> {
      if (m.topic().equals(commandTopic)) {
        sent.add(new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8));
      }
    });
    hub.mqtt().subscribe(commandTopic);
    String path = "/api/devices/" + GATE + "/commands";

    Answer ok = api.post(path, ADMIN, "{\"name\":\"silence\",\"args\":{\"seconds\":30,\"loud\":false},"
        + "\"validForSeconds\":120}");

    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    JsonNode command = ok.json();
    assertThat(command.get("name").asText()).isEqualTo("silence");
    assertThat(command.get("args").get("seconds").asText()).isEqualTo("30");
    Instant issued = Instant.parse(command.get("issuedAt").asText());
    assertThat(Instant.parse(command.get("expiresAt").asText())).isEqualTo(issued.plusSeconds(120));
    await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 1);
    assertThat(MessageCodec.decodeCommand(sent.getFirst().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .commandId().toString()).isEqualTo(command.get("commandId").asText());

    assertBadBodies(path, ADMIN);
    assertRefused(api.post(path, ADMIN, "{}"), 400, "name is required");
    assertRefused(api.post(path, ADMIN, "{\"name\":\"  \"}"), 400, "name is required");
    assertRefused(api.post(path, ADMIN, "{\"name\":42}"), 400, "name must be a string");
    assertRefused(api.post(path, ADMIN, "{\"name\":\"reboot\",\"args\":[1]}"), 400, "args must be an object");
    assertRefused(api.post(path, ADMIN, "{\"name\":\"reboot\",\"args\":{\"a\":{\"b\":1}}}"), 400, "args.a must be");
    assertRefused(api.post(path, ADMIN, "{\"name\":\"reboot\",\"args\":{\"a\":null}}"), 400, "args.a must be");
    assertRefused(api.post(path, ADMIN, "{\"name\":\"reboot\",\"validForSeconds\":\"soon\"}"), 400,
        "validForSeconds must be a whole number");
    assertRefused(api.post(path, ADMIN, "{\"name\":\"reboot\",\"validForSeconds\":0}"), 400, "validForSeconds");
    assertRefused(api.post(path, ADMIN, "{\"name\":\"reboot\",\"validForSeconds\":-5}"), 400, "validForSeconds");
    assertRefused(api.post(path, ADMIN, "{\"name\":\"reboot\",\"validForSeconds\":1e300}"), 400, "validForSeconds");
    assertRefused(api.post(path, ADMIN, "{\"name\":\"reboot\",\"validForSeconds\":99999999999999999999}"), 400,
        "validForSeconds");
    // The gate's test alarm lasts 1 to 120 seconds: said here, not by the gate in an acknowledgement.
    for (String seconds : List.of("0", "121", "soon", "-3", "1e2", "")) {
      assertRefused(api.post(path, ADMIN, "{\"name\":\"test-alarm\",\"args\":{\"seconds\":\"" + seconds + "\"}}"), 400,
          "args.seconds of test-alarm must be a whole number of seconds from 1 to 120");
    }
    // A resend names ranges of sequence numbers, ascending (what the watchdog sends; staff may too).
    for (String sequences : List.of("", "3-2", "9,3", "soon")) {
      assertRefused(api.post(path, ADMIN, "{\"name\":\"resend\",\"args\":{\"sequences\":\"" + sequences + "\"}}"),
          400, "args.sequences: ");
    }
    assertRefused(api.post("/api/devices/gate-BR99-1/commands", ADMIN, "{\"name\":\"reboot\"}"), 404, "gate-BR99-1");
    assertRefused(api.post(path, null, "{\"name\":\"reboot\"}"), 401, "connexion requise");
    assertRefused(api.post(path, STAFF, "{\"name\":\"reboot\"}"), 403, "réservé aux administrateurs");

    // Nothing refused went out: the next good command is the second one the device receives.
    Answer second = api.post(path, ADMIN, "{\"name\":\"ping\"}");
    assertThat(second.status()).as(second.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() >= 2);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1)).contains(second.json().get("commandId").asText()).contains("\"ping\"");
  }

  @Test
  void aConfigurationIsSentAndAnswered() throws Exception {
    String path = "/api/devices/" + GATE + "/config";
    Answer ok = api.post(path, ADMIN, "{\"settings\":{\"alarm.holdoff\":\"PT3S\",\"volume\":7,\"beep\":true}}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("settings").get("volume").asText()).isEqualTo("7");
    long version = ok.json().get("version").asLong();

    assertBadBodies(path, ADMIN);
    assertRefused(api.post(path, ADMIN, "{}"), 400, "settings must be an object");
    assertRefused(api.post(path, ADMIN, "{\"settings\":[\"a\"]}"), 400, "settings must be an object");
    assertRefused(api.post(path, ADMIN, "{\"settings\":{\"a\":{\"b\":1}}}"), 400, "settings.a must be");
    assertRefused(api.post(path, ADMIN, "{\"settings\":{\"a\":null}}"), 400, "settings.a must be");
    assertRefused(api.post("/api/devices/gate-BR99-1/config", ADMIN, "{\"settings\":{}}"), 404, "gate-BR99-1");
    assertRefused(api.post(path, null, "{\"settings\":{}}"), 401, "connexion requise");
    assertRefused(api.post(path, STAFF, "{\"settings\":{}}"), 403, "réservé aux administrateurs");

    // Nothing refused took a version number.
    assertThat(api.post(path, ADMIN, "{\"settings\":{}}").json().get("version").asLong()).isEqualTo(version + 1);
  }

  @Test
  void aTransitIsPackedDepartsArrivesAndIsClosedAndEachStepRefusesWhatIsWrong() throws Exception {
    Item item = hub.sigb().network().itemsOnLoan().stream()
        .filter(i -> hub.sigb().network().holdFor(i.id()).isEmpty())
        .filter(i -> NORTH.stops().contains(i.homeBranch()) && !i.homeBranch().equals("BR02"))
        .filter(i -> !i.collection().equals("BD")).findFirst().orElseThrow();
    hub.returned("BR02", item.id());
    await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/transits").body().contains(item.id()));
    String id = api.get("/api/transits").json().get("items").get(0).get("transitId").asText();
    String crate = "BAC-API-" + item.homeBranch();

    String pack = "/api/transits/" + id + "/pack";
    assertBadBodies(pack, STAFF);
    assertRefused(api.post(pack, STAFF, "{}"), 400, "crate is required");
    assertRefused(api.post(pack, STAFF, "{\"crate\":12}"), 400, "crate must be a string");
    assertRefused(api.post("/api/transits/no-such-transit/pack", STAFF, "{\"crate\":\"C1\"}"), 404, "no-such-transit");
    assertRefused(api.post(pack, null, "{\"crate\":\"C1\"}"), 401, "connexion requise");
    Answer packed = api.post(pack, STAFF, "{\"crate\":\"" + crate + "\"}");
    assertThat(packed.status()).as(packed.body()).isEqualTo(200);
    assertThat(packed.json().get("status").asText()).isEqualTo("packed");

    String departures = "/api/routes/nord/departures";
    assertBadBodies(departures, STAFF);
    assertRefused(api.post(departures, STAFF, "{}"), 400, "branch is required");
    assertRefused(api.post(departures, STAFF, "{\"branch\":[\"BR02\"]}"), 400, "branch must be a string");
    assertRefused(api.post("/api/routes/sud/departures", STAFF, "{\"branch\":\"BR02\"}"), 404, "sud");
    assertRefused(api.post(departures, STAFF, "{\"branch\":\"BR42\"}"), 409, "BR42");
    assertRefused(api.post(departures, null, "{\"branch\":\"BR02\"}"), 401, "connexion requise");
    Answer departed = api.post(departures, STAFF, "{\"branch\":\"BR02\"}");
    assertThat(departed.status()).as(departed.body()).isEqualTo(200);
    assertThat(departed.json().get("onRoad").asInt()).isEqualTo(1);

    String close = "/api/transits/" + id + "/close";
    assertRefused(api.post(close, STAFF, null), 409, "arrived");

    assertBadBodies("/api/arrivals", STAFF);
    assertRefused(api.post("/api/arrivals", STAFF, "{\"crate\":\"" + crate + "\"}"), 400, "branch is required");
    assertRefused(api.post("/api/arrivals", STAFF, "{\"branch\":\"BR01\"}"), 400, "lire un bac ou un document");
    // Staff who chose English read the refusal in English, and only in English.
    Answer english = api.post("/api/arrivals?lang=en", STAFF, "{\"branch\":\"BR01\"}");
    assertRefused(english, 400, "crate or itemId is required");
    assertThat(english.error()).doesNotContain("lire");
    assertRefused(api.post("/api/arrivals", STAFF, "{\"branch\":\"BR01\",\"crate\":7}"), 400,
        "crate must be a string");
    assertRefused(api.post("/api/arrivals", null, "{\"branch\":\"BR01\",\"crate\":\"C\"}"), 401, "jeton du personnel");
    Answer arrived = api.post("/api/arrivals", STAFF, "{\"branch\":\"" + item.homeBranch() + "\",\"crate\":\""
        + crate + "\"}");
    assertThat(arrived.status()).as(arrived.body()).isEqualTo(200);
    assertThat(arrived.json().get("arrived").asInt()).isEqualTo(1);

    assertRefused(api.post("/api/transits/no-such-transit/close", STAFF, null), 404, "no-such-transit");
    assertRefused(api.post(close, STAFF, "{\"why\":"), 400, "not JSON");
    assertRefused(api.post(close, null, null), 401, "connexion requise");
    Answer closed = api.post(close, STAFF, ""); // the dashboard sends an empty body
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().get("closed").asBoolean()).isTrue();
    assertRefused(api.post(close, STAFF, "{}"), 409, "arrived");
  }

  @Test
  void anAlertIsResolvedOnceAndUnknownOnesAreNotFound() throws Exception {
    String gate = "gate-BR03-7";
    hub.publishOn("BR03", gate, "health", EventCodec.encode(new HealthEvent(hub.header(gate), 60, 0, 0,
        HealthEvent.ReaderState.DOWN, true, Optional.of("reader unplugged"))));
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      hub.hub.watchdog().look(); // now, rather than at its next round
      return api.get("/api/alerts?open=true").body().contains(gate);
    });
    String id = null;
    for (JsonNode alert : api.get("/api/alerts?open=true").json()) {
      if (alert.get("subject").asText().contains(gate)) {
        id = alert.get("alertId").asText();
      }
    }
    String path = "/api/alerts/" + id + "/resolve";
    assertRefused(api.post(path, null, null), 401, "connexion requise");
    assertRefused(api.post(path, STAFF, "not json"), 400, "not JSON");
    assertRefused(api.post("/api/alerts/no-such-alert/resolve", STAFF, null), 404, "no-such-alert");
    Answer resolved = api.post(path, STAFF, null);
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    assertThat(resolved.json().get("resolvedAt").isNull()).isFalse();
  }

  @Test
  void everyListAnswersAndRefusesParametersOutOfRange() throws Exception {
    for (String list : List.of("/api/transits", "/api/events", "/api/alarms", "/api/alerts", "/api/quarantine")) {
      Answer ok = api.get(list + "?limit=5");
      assertThat(ok.status()).as(list + ": " + ok.body()).isEqualTo(200);
      // The transit list and the alarm log are pages ({"total": N, "items": [...]}): the true total, not only what
      // fits; the others are lists.
      assertThat(Set.of("/api/transits", "/api/alarms").contains(list) ? ok.json().get("items").isArray()
          : ok.json().isArray()).isTrue();
      assertThat(api.get(list).status()).isEqualTo(200);
      for (String limit : List.of("-1", "0", "1001", "99999999999", "abc", "1.5", "")) {
        assertRefused(api.get(list + "?limit=" + limit), 400, "limit must be");
      }
    }
    assertThat(api.get("/api/transits?status=open,packed").status()).isEqualTo(200);
    assertRefused(api.get("/api/transits?status=lost"), 400, "lost");
    assertThat(api.get("/api/alerts?open=true").status()).isEqualTo(200);
    assertThat(api.get("/api/alerts?open=false").status()).isEqualTo(200);
    assertRefused(api.get("/api/alerts?open=maybe"), 400, "open must be true or false");

    assertThat(api.get("/api/devices").json().isArray()).isTrue();
    assertThat(api.get("/api/routes").json().get(0).get("id").asText()).isEqualTo("nord");
    assertThat(api.get("/api/stats").json().has("transitsByStatus")).isTrue();

    assertThat(api.get("/api/manifests?route=nord").status()).isEqualTo(200);
    assertThat(api.get("/api/manifests?route=nord&date=2026-11-24").json().get("stops").isArray()).isTrue();
    assertRefused(api.get("/api/manifests"), 400, "route is required");
    assertRefused(api.get("/api/manifests?route=sud"), 404, "sud");
    for (String date : List.of("2026-13-01", "24/11/2026", "", "+999999999-12-31", "-999999999-01-01",
        "+10000-01-01")) {
      assertRefused(api.get("/api/manifests?route=nord&date=" + date), 400, "date must be");
    }
  }

  @Test
  void everyListIsAlsoASpreadsheet() throws Exception {
    for (String list : List.of("/api/transits", "/api/events", "/api/alarms", "/api/alerts", "/api/quarantine",
        "/api/devices", "/api/kiosk-locks", "/api/admin/broker", "/api/admin/devices", "/api/admin/audit")) {
      Answer csv = api.get(list + "?format=csv", ADMIN);
      assertThat(csv.status()).as(list + ": " + csv.body()).isEqualTo(200);
      assertThat(csv.contentType()).as(list).isEqualTo("text/csv; charset=utf-8");
      assertThat(csv.body()).as(list).startsWith("\uFEFF").endsWith("\r\n");
    }
    String devices = api.get("/api/devices?format=csv").body();
    assertThat(devices.substring(1, devices.indexOf("\r\n")).split(";")).contains("deviceId", "site", "lastSeen");
    assertThat(devices).contains("\r\n" + GATE + ";BR02;");
    assertThat(api.get("/api/stats?format=csv").body()).startsWith("\uFEFFdate;branch;entries;exits");

    // A manifest is one object holding its stops: the stops are the spreadsheet's lines.
    assertThat(api.get("/api/manifests?route=nord&format=csv").body()).startsWith("\uFEFF").contains("BR01");
    assertRefused(api.get("/api/devices?format=pdf"), 400, "format must be json or csv, got 'pdf'");
    // The admin API still asks who: nobody is 401, a staff token 403.
    assertRefused(api.get("/api/admin/broker?format=csv", null), 401, "connexion requise");
    assertRefused(api.get("/api/admin/broker?format=csv"), 403, "réservé aux administrateurs");
  }

  @Test
  void pagesAreServed() throws Exception {
    for (String page : List.of("/", "/index.html", "/manifest.html", "/devices.html", "/stats.html")) {
      Answer answer = api.get(page);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.contentType()).startsWith("text/html");
    }
    // Both pages take their words, French and English, from one script.
    Answer texts = api.get("/staff-texts.js");
    assertThat(texts.status()).isEqualTo(200);
    assertThat(texts.contentType()).startsWith("text/javascript");
    assertThat(texts.body()).contains("À emballer", "To pack");
    for (String file : List.of("/devices.js", "/devices-texts.js", "/devices.css")) {
      Answer answer = api.get(file);
      assertThat(answer.status()).as(file).isEqualTo(200);
      assertThat(answer.contentType()).as(file).startsWith(file.endsWith(".css") ? "text/css" : "text/javascript");
    }
    // Strict CSP: no inline script or style on the devices page.
    assertThat(api.get("/devices.html").body()).doesNotContain("<style").doesNotContain("style=")
        .doesNotContainPattern("<script>|<script [^s]|onclick=");
  }

  @Test
  void anUnknownEndpointOrAnEndlessIdIsRefusedWithJson() throws Exception {
    assertRefused(api.get("/api/nothing-here"), 404, "/api/nothing-here");
    String endless = "x".repeat(10_000);
    for (String path : List.of("/api/devices/" + endless + "/commands", "/api/transits/" + endless + "/pack",
        "/api/alerts/" + endless + "/resolve")) {
      // No body: the server refuses the request line before reading one, and a client still writing a body may never
      // read that answer (FOOTGUNS; this flaked with "header parser received no bytes").
      Answer answer = api.post(path, ADMIN, null);
      assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
      answer.error();
    }
    Answer longQuery = api.get("/api/manifests?route=" + endless);
    assertThat(longQuery.status()).as(longQuery.body()).isBetween(400, 499);
    longQuery.error();
  }

  /** Each of {@link #BAD_BODIES} gets a 400 naming what is wrong, and so does a POST with no body at all. */
  private static void assertBadBodies(String path, String token) throws Exception {
    assertRefused(api.post(path, token, null), 400, "corps de requête absent");
    for (List<String> bad : BAD_BODIES) {
      assertRefused(api.post(path, token, bad.get(0)), 400, bad.get(1));
    }
  }

  static void assertRefused(Answer answer, int status, String saying) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.error()).contains(saying);
  }
}
