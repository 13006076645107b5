package fr.navette.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.HubFixture;
import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.web.StaffAccess;
import fr.navette.schema.CheckoutEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.PatronPseudonym;
import fr.navette.sim.devices.SteppedClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy faces over a whole hub (real HTTP, MQTT, SQLite): a coordinator's subject access through the card's
 * pseudonym, audited with the card masked; branch staff refused 403, nobody 401; a card missing or malformed a 400
 * that names what is wrong and never echoes it; the policy and the page public; a loan whose patron field holds a
 * card in clear (a faulty kiosk) quarantined without its bytes nor the card in its reason.
 */
class PrivacyApiTest {
  private static final String STAFF_TOKEN = "staff-token-0123456789abcdef";
  private static final String PASSWORD = "correct horse battery";
  private static final PatronPseudonym KEY = new PatronPseudonym("net1", new byte[32]);
  private static final String CARD = "2000000042";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SteppedClock CLOCK = new SteppedClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  @TempDir static Path dir;
  private static HubFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = HubFixture.onSmallSigb(dir, c -> c.withPatronKey(KEY)
        .withRules(NetworkRules.defaults().withBranchNames(Map.of("BR01", "Médiathèque centrale")))
        .withStaffAccess(StaffAccess.parse("staff:" + STAFF_TOKEN)), CLOCK);
    fixture.hub.accounts().create("agent", PASSWORD.toCharArray(), "branch-staff", List.of("BR01"), "fr", "test");
    fixture.hub.accounts().create("coord", PASSWORD.toCharArray(), "coordinator", List.of(), "fr", "test");
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  @Test
  void aCoordinatorExportsWhatTheHubHoldsAboutACardAndTheExportIsAuditedCardMasked() throws Exception {
    CheckoutEvent loan = new CheckoutEvent(fixture.header("kiosk-BR01-1"), "3000000007", KEY.of(CARD),
        Optional.of(LocalDate.parse("2026-12-24")), true, CLOCK.instant());
    assertThat(fixture.publishOn("BR01", "kiosk-BR01-1", "checkout", EventCodec.encode(loan)).accepted()).isTrue();

    HttpResponse<String> answer = get("/api/privacy/subject?card=" + CARD, login("coord"));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode export = JSON.readTree(answer.body());
    assertThat(export.path("card").asText()).isEqualTo("********42");
    assertThat(export.path("by").asText()).isEqualTo("coord");
    assertThat(export.path("items")).hasSize(1);
    JsonNode item = export.path("items").get(0);
    assertThat(item.path("kind").asText()).isEqualTo("loan");
    assertThat(item.path("branch").asText()).isEqualTo("Médiathèque centrale");
    assertThat(item.path("deviceId").asText()).isEqualTo("kiosk-BR01-1");
    assertThat(item.path("detail").path("payload").path("itemId").asText()).isEqualTo("3000000007");
    assertThat(answer.body()).doesNotContain(CARD);

    // A script's staff token acts as a coordinator: allowed too.
    assertThat(get("/api/privacy/subject?card=2000000099", "Bearer " + STAFF_TOKEN).statusCode()).isEqualTo(200);

    AuditLog.Page audit = fixture.hub.auditLog().list(new AuditLog.Filter(null, PrivacyService.AUDIT_ACTION, null,
        null, 10, 0));
    assertThat(audit.audit()).extracting(AuditLog.Line::actor).contains("coord", "token:staff");
    assertThat(audit.audit()).extracting(AuditLog.Line::subject).contains("card ********42", "card ********99");
    assertThat(audit.audit().toString()).doesNotContain(CARD).doesNotContain("2000000099");
  }

  @Test
  void branchStaffAre403NobodyIs401() throws Exception {
    HttpResponse<String> branch = get("/api/privacy/subject?card=" + CARD, login("agent"));
    assertThat(branch.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(branch.body()).path("error").asText()).contains("coordination");
    assertThat(get("/api/privacy/subject?card=" + CARD, null).statusCode()).isEqualTo(401);
  }

  @Test
  void aCardMissingOrMalformedIsA400NamingWhatIsWrongWithoutTheCard() throws Exception {
    String coord = login("coord");
    Map<String, String> cases = Map.of(
        "/api/privacy/subject", "card manquant",
        "/api/privacy/subject?card=", "card manquant",
        "/api/privacy/subject?card=%20%20", "card manquant",
        "/api/privacy/subject?card=2000%2000042", "ni espace",
        "/api/privacy/subject?card=20000%0A00042", "ni espace",
        "/api/privacy/subject?card=" + "7".repeat(65), "65 caractères");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> answer = get(c.getKey(), coord);
      assertThat(answer.statusCode()).as(c.getKey()).isEqualTo(400);
      assertThat(JSON.readTree(answer.body()).path("error").asText()).as(c.getKey()).contains(c.getValue());
      assertThat(answer.body()).as(c.getKey()).doesNotContain("00042").doesNotContain("7777777");
    }
    HttpResponse<String> english = HTTP.send(HttpRequest.newBuilder(uri("/api/privacy/subject?lang=en"))
        .header("Cookie", coord).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(english.body()).path("error").asText()).startsWith("card missing");
  }

  @Test
  void thePageIsPublicThePolicyNeedsAnAccountAndBothSayTheDurationsInForce() throws Exception {
    // DESIGN §8: every /api/ answer needs a session or a token (health aside); the public face is the page
    assertThat(get("/api/privacy/policy", null).statusCode()).isEqualTo(401);
    HttpResponse<String> policy = get("/api/privacy/policy", login("coord"));
    assertThat(policy.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(policy.body()).path("retention").path("loansAfterReturn").asText()).isEqualTo("P4M");
    assertThat(JSON.readTree(policy.body()).path("pinLock").asText()).isEqualTo("PT1H");
    HttpResponse<String> page = get("/privacy", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<html lang=\"fr\">").contains("la fin du quatrième mois suivant le retour du document")
        .contains("NS-009").contains("Idrabib").contains("--privacy-contact");
    assertThat(get("/privacy?lang=en", null).body()).contains("<html lang=\"en\">")
        .contains("the fourth month after the document's return");
    assertThat(get("/privacy.css", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aLoanCarryingACardInClearIsQuarantinedWithoutItsBytesNorTheCard() throws Exception {
    String faulty = "{\"type\":\"checkout\",\"schemaVersion\":\"" + EventCodec.SCHEMA_VERSION + "\",\"patronRef\":\""
        + "2000000077\",\"pin\":\"4321\"";
    fixture.publishOn("BR01", "kiosk-BR01-2", "checkout", faulty.getBytes(StandardCharsets.UTF_8));
    fixture.publishOn("BR01", "kiosk-BR01-2", "renew", ("{\"patronRef\":\"2000000077\"}").getBytes(StandardCharsets.UTF_8));
    JsonNode quarantined = JSON.readTree(get("/api/quarantine", "Bearer " + STAFF_TOKEN).body());
    List<JsonNode> mine = new java.util.ArrayList<>();
    quarantined.forEach(q -> {
      if (q.path("topic").asText().startsWith("navette/v1/BR01/kiosk-BR01-2/")) {
        mine.add(q);
      }
    });
    assertThat(mine).hasSize(2);
    for (JsonNode q : mine) {
      assertThat(q.path("payloadBase64").asText()).as(q.toString()).isEmpty();
      assertThat(q.path("reason").asText()).as(q.toString()).contains("bytes not kept");
      assertThat(q.toString()).doesNotContain("2000000077").doesNotContain("4321")
          .doesNotContain(Base64.getEncoder().encodeToString("2000000077".getBytes(StandardCharsets.UTF_8)));
    }
    // Nothing kept, nothing to find: the subject access says so.
    JsonNode export = JSON.readTree(get("/api/privacy/subject?card=2000000077", "Bearer " + STAFF_TOKEN).body());
    assertThat(export.path("items")).isEmpty();
  }

  private static String login(String user) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/api/session"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}"))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String cookie = answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("navette-session="))
        .findFirst().orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }

  /** GET with a session cookie ({@code name=value}), a full Authorization value ({@code Bearer …}), or nothing. */
  private static HttpResponse<String> get(String path, String credential) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (credential != null) {
      request.header(credential.startsWith("Bearer ") ? "Authorization" : "Cookie", credential);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + fixture.hub.httpPort() + path);
  }
}
