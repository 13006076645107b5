package fr.navette.kiosk.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.reader.Uid;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.tag.SecurityPolicy;
import fr.navette.tag.TagData;
import fr.navette.tag.TagFormat;
import fr.navette.tag.TypeOfUsage;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The kiosk's JSON API over real HTTP, the SIGB's answers scripted (the browser tests go the whole real path). */
class KioskWebServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final VirtualField field = new VirtualField();
  private final ScriptedSigb sigb = new ScriptedSigb();
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final Logger navette = (Logger) LoggerFactory.getLogger("fr.navette");
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  private Kiosk kiosk;
  private KioskWebServer web;

  @BeforeEach
  void start() {
    captured.start();
    navette.addAppender(captured);
    KioskConfig config = KioskConfig.of("BR01", "kiosk-BR01-1");
    kiosk = new Kiosk(config, new SimulatedReader(field), sigb, (channel, payload) -> { }, Clock.systemUTC(),
        ZoneOffset.UTC, Optional.empty());
    kiosk.start();
    web = KioskWebServer.start(kiosk, Optional.empty(), new InetSocketAddress("127.0.0.1", 0));
  }

  @AfterEach
  void stop() {
    web.close();
    kiosk.close();
    navette.detachAppender(captured);
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void thePageIsServedInFrenchWithItsScript() throws Exception {
    HttpResponse<String> page = call("GET", "/", null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html lang=\"fr\">").contains("kiosk.js");
    HttpResponse<String> script = call("GET", "/kiosk.js", null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(call("GET", "/nothing-here", null).statusCode()).isEqualTo(404);
    // The CSP (default-src 'self') refuses inline style: a style attribute would be dropped, silently.
    assertThat(page.headers().firstValue("Content-Security-Policy")).contains("default-src 'self'");
    assertThat(page.body()).doesNotContain("style=").doesNotContain("<style");
    assertThat(script.body()).doesNotContain("style:").doesNotContain("style'").doesNotContain(".style");
    assertThat(json(call("GET", "/api/state", null)).path("library").asText()).isEqualTo("BR01");
  }

  @Test
  void withoutASessionNothingIsLentAndThePinIsNeverLogged() throws Exception {
    field.put(SimulatedTag.forItem(new Uid(0xE004010000000001L), "3000000001", "FR-BR01",
        SecurityPolicy.ISO_ARMED_AFI));

    assertThat(call("POST", "/api/borrow", "{}").statusCode()).isEqualTo(401);
    JsonNode refused = json(call("POST", "/api/login", "{\"card\":\"" + ScriptedSigb.CARD + "\",\"pin\":\"9876\"}"));
    assertThat(refused.path("ok").asBoolean()).isFalse();
    assertThat(refused.path("message").path("fr").asText()).isEqualTo("Code PIN incorrect");
    assertThat(call("POST", "/api/borrow", "{}").statusCode()).isEqualTo(401);

    JsonNode ok = json(call("POST", "/api/login", "{\"card\":\"" + ScriptedSigb.CARD + "\",\"pin\":\""
        + ScriptedSigb.PIN + "\"}"));
    assertThat(ok.path("ok").asBoolean()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> json(call("GET", "/api/state", null)).path("pad").size() == 1);
    JsonNode borrowed = json(call("POST", "/api/borrow", "{}"));
    assertThat(borrowed.path("outcomes").get(0).path("status").asText()).isEqualTo("lent");

    List<String> lines = new ArrayList<>();
    synchronized (captured) { // AppenderBase appends under this lock, from the kiosk's threads too
      captured.list.forEach(e -> lines.add(e.getFormattedMessage()));
    }
    assertThat(lines).isNotEmpty().noneMatch(l -> l.contains("9876") || l.contains(ScriptedSigb.PIN + "\""))
        .noneMatch(l -> l.contains(ScriptedSigb.CARD));
  }

  @Test
  void aViewOnlySessionShowsWhyAndTheAccountAndTheServerRefusesBorrowingAndRenewing() throws Exception {
    SimulatedTag tag = SimulatedTag.forItem(new Uid(0xE004010000000001L), "3000000001", "FR-BR01",
        SecurityPolicy.ISO_ARMED_AFI);
    field.put(tag);
    JsonNode ok = json(call("POST", "/api/login", "{\"card\":\"" + ScriptedSigb.BARRED_CARD + "\",\"pin\":\""
        + ScriptedSigb.PIN + "\"}"));
    assertThat(ok.path("ok").asBoolean()).isTrue();

    JsonNode state = json(call("GET", "/api/state", null));
    assertThat(state.path("session").asBoolean()).isTrue();
    assertThat(state.path("viewOnly").asBoolean()).isTrue();
    assertThat(state.path("viewOnlyReason").path("fr").asText())
        .isEqualTo("Vous avez des frais à régler. Un bibliothécaire peut vous aider.");
    assertThat(state.path("viewOnlyReason").path("en").asText()).endsWith("A librarian can help you.");
    assertThat(state.path("viewOnlyNotice").path("fr").asText()).startsWith("Consultation seulement");

    HttpResponse<String> borrow = call("POST", "/api/borrow", "{}");
    assertThat(borrow.statusCode()).isEqualTo(403);
    assertThat(json(borrow).path("message").path("fr").asText()).startsWith("Consultation seulement");
    HttpResponse<String> renew = call("POST", "/api/renew", "{\"itemId\":\"" + ScriptedSigb.BARRED_LOAN + "\"}");
    assertThat(renew.statusCode()).isEqualTo(403);
    assertThat(tag.afi()).isEqualTo(SecurityPolicy.ISO_ARMED_AFI);
    assertThat(sigb.asked).noneMatch(a -> a.startsWith("checkout") || a.startsWith("renew"));

    JsonNode account = json(call("GET", "/api/account", null));
    assertThat(account.path("loans").get(0).path("itemId").asText()).isEqualTo(ScriptedSigb.BARRED_LOAN);
    assertThat(account.path("loans").get(0).path("overdue").asBoolean()).isTrue();
    assertThat(account.path("feesDue").asText()).isEqualTo("12.50");

    JsonNode receipt = json(call("GET", "/api/receipt", null));
    assertThat(receipt.path("account").asBoolean()).isTrue();
    String text = String.join("\n", JSON.convertValue(receipt.path("text"), String[].class));
    assertThat(text).contains("Mes prêts (1)", ScriptedSigb.BARRED_LOAN, "EN RETARD",
        "Montant dû : 12,50 €", "à retirer à BR02").doesNotContain(ScriptedSigb.BARRED_CARD).doesNotContain("My loans");
    // The patron who chose English reads it in English, and only in English.
    String english = String.join("\n", JSON.convertValue(json(call("GET", "/api/receipt?lang=en", null)).path("text"),
        String[].class));
    assertThat(english).contains("My loans (1)", "OVERDUE", "Amount due: €12.50", "collect at BR02")
        .doesNotContain("Mes prêts").doesNotContain(ScriptedSigb.BARRED_CARD);

    // A full session afterwards borrows as ever: view-only belongs to that patron's session only.
    json(call("POST", "/api/logout", null));
    json(call("POST", "/api/login", "{\"card\":\"" + ScriptedSigb.CARD + "\",\"pin\":\"" + ScriptedSigb.PIN
        + "\"}"));
    assertThat(json(call("GET", "/api/state", null)).path("viewOnly").asBoolean()).isFalse();
    assertThat(json(call("POST", "/api/borrow", "{}")).path("outcomes").get(0).path("status").asText())
        .isEqualTo("lent");
  }

  @Test
  void aLostCardIsRefusedAtLoginAsBefore() throws Exception {
    JsonNode refused = json(call("POST", "/api/login", "{\"card\":\"" + ScriptedSigb.LOST_CARD + "\",\"pin\":\""
        + ScriptedSigb.PIN + "\"}"));

    assertThat(refused.path("ok").asBoolean()).isFalse();
    assertThat(refused.path("message").path("fr").asText()).contains("déclarée perdue");
    assertThat(json(call("GET", "/api/state", null)).path("session").asBoolean()).isFalse();
  }

  @Test
  void aPatronCardOnThePadLogsInWithItsPinAlone() throws Exception {
    TagData card = TagData.builder(TagFormat.ISO28560_3, ScriptedSigb.CARD)
        .typeOfUsage(TypeOfUsage.of(TypeOfUsage.PATRON_CARD)).build();
    field.put(SimulatedTag.forItem(new Uid(0xE004010000000009L), card, 0));
    await().atMost(Duration.ofSeconds(10))
        .until(() -> json(call("GET", "/api/state", null)).path("cardOnPad").asText().endsWith("01"));
    assertThat(json(call("GET", "/api/state", null)).path("cardOnPad").asText()).doesNotContain(ScriptedSigb.CARD);

    JsonNode ok = json(call("POST", "/api/login", "{\"card\":\"\",\"pin\":\"" + ScriptedSigb.PIN + "\"}"));

    assertThat(ok.path("ok").asBoolean()).isTrue();
    assertThat(json(call("GET", "/api/state", null)).path("pad").size()).as("a card is not a document").isZero();
  }

  @Test
  void badInputIsAnsweredWithWhatWasWrongNeverWithWhatItHeld() throws Exception {
    HttpResponse<String> broken = call("POST", "/api/login", "{\"card\":\"1\",\"pin\":\"5555");

    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(json(broken).path("error").asText()).contains("not valid JSON").doesNotContain("5555");
    assertThat(call("POST", "/api/login", "[1]").statusCode()).isEqualTo(400);
    assertThat(call("POST", "/api/login", "x".repeat(10_000)).statusCode()).isEqualTo(400);
    assertThat(json(call("GET", "/api/demo/pad", null)).path("error").asText()).contains("not in demo mode");
  }
}
