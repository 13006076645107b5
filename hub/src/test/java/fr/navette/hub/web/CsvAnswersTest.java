package fr.navette.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ?format=csv} on any list a feature answers through {@link JsonAnswers#answer}, over a real server with the
 * hub's routing: arrays, pages {@code {"total", "items"}} (the shape the alarms' and transits' lists take) and
 * objects holding one array; formulas defused; refusals still JSON.
 */
class CsvAnswersTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static HubWeb web;

  record Place(String branch, int floor) {}

  record Thing(String id, String note, double weight, boolean fragile, Place place, List<String> tags) {}

  /** A feature knowing nothing of CSV: it answers JSON through {@code answer}, as every feature does. */
  private static final HttpService FEATURE = rules -> rules
      .get("/api/things", (req, res) -> JsonAnswers.answer(res, () -> List.of(
          new Thing("T1", "=HYPERLINK(\"http://evil\";\"clic\")", 1.5, true, new Place("BR01", 2),
              List.of("a", "b")),
          new Thing("T2", "une note; avec \"guillemets\"\net une ligne", 0.25, false, null, List.of()),
          new Thing("T3", "-2+3", 2, false, new Place("@BR02", -1), List.of("+c")))))
      .get("/api/pages", (req, res) -> JsonAnswers.answer(res, () -> {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", 42);
        page.put("items", List.of(Map.of("alarmId", "A1", "count", 3), Map.of("alarmId", "A2", "count", -4)));
        return page;
      }))
      .get("/api/wrapped", (req, res) -> JsonAnswers.answer(res, () -> Map.of("refusals", List.of(
          Map.of("clientId", "gate-1", "topic", "navette/v1/BR01/x")))))
      .get("/api/empty", (req, res) -> JsonAnswers.answer(res, List::of))
      .get("/api/one", (req, res) -> JsonAnswers.answer(res, () -> Map.of("status", "ok", "n", 1)));

  @BeforeAll
  static void start() {
    web = HubWeb.start("127.0.0.1", 0, HubRouting.build(StaffAccess.open(), FEATURE));
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void aListIsASpreadsheetForFrenchExcelWithFormulasDefused() throws Exception {
    HttpResponse<String> csv = get("/api/things?format=csv");
    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(csv.headers().firstValue("Content-Disposition")).get().asString()
        .matches("attachment; filename=\"navette-things-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
    assertThat(csv.body().split("\r\n", -1)).containsExactly(
        "\uFEFFid;note;weight;fragile;place.branch;place.floor;tags",
        "T1;\"'=HYPERLINK(\"\"http://evil\"\";\"\"clic\"\")\";1,5;true;BR01;2;a, b",
        "T2;\"une note; avec \"\"guillemets\"\"\net une ligne\";0,25;false;;;",
        "T3;'-2+3;2,0;false;'@BR02;-1;'+c",
        "");
    // The JSON answer is as it was.
    HttpResponse<String> json = get("/api/things");
    assertThat(json.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
    assertThat(json.body()).startsWith("[{\"id\":\"T1\"");
    assertThat(get("/api/things?format=json").body()).isEqualTo(json.body());
  }

  @Test
  void aPageGivesItsItemsAndItsTotalInAHeader() throws Exception {
    HttpResponse<String> csv = get("/api/pages?format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("X-Total-Count")).hasValue("42");
    assertThat(csv.body()).startsWith("\uFEFF");
    List<String> lines = List.of(csv.body().substring(1).split("\r\n"));
    assertThat(lines.getFirst().split(";")).containsExactlyInAnyOrder("alarmId", "count");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).matches("A2;-4|-4;A2"); // a negative number is a number, not a formula to defuse

    // {"refusals": [...]}: the one array is the list.
    List<String> wrapped = List.of(get("/api/wrapped?format=csv").body().substring(1).split("\r\n"));
    assertThat(wrapped).hasSize(2);
    assertThat(wrapped.get(0).split(";")).containsExactlyInAnyOrder("clientId", "topic");
    assertThat(wrapped.get(1).split(";")).containsExactlyInAnyOrder("gate-1", "navette/v1/BR01/x");
  }

  @Test
  void notAListOrAnUnknownFormatIsRefusedInJson() throws Exception {
    HttpResponse<String> one = get("/api/one?format=csv");
    assertThat(one.statusCode()).isEqualTo(400);
    assertThat(one.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
    assertThat(one.body()).contains("format=csv is offered on lists");

    HttpResponse<String> xml = get("/api/things?format=xml");
    assertThat(xml.statusCode()).isEqualTo(400);
    assertThat(xml.body()).contains("format must be json or csv, got 'xml'");

    HttpResponse<String> empty = get("/api/empty?format=csv");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.body()).isEqualTo("\uFEFF\r\n");
  }
}
