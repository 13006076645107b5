package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.hub.store.Database;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.transits.Route;
import fr.navette.hub.transits.Transit;
import fr.navette.hub.transits.TransitStore;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The shuttle worked from the screen in real headless Chromium over a real hub: a crate packed by typing barcodes
 * into the page as a keyboard-wedge reader does (digits, then Enter), a document for another destination refused
 * (the red message shown, the document not in the crate), the crate closed and its label shown (destination by
 * name, Code 39 bars, its code), the round's departure, the crate read on arrival. Skipped, saying so, where
 * Chromium and its driver are not installed (NAVETTE_CHROMIUM, NAVETTE_CHROMEDRIVER, NAVETTE_CHROMIUM_LIBS as for
 * {@link StatsBrowserTest}).
 */
class ShuttleBrowserTest {
  private static final Route NORTH = new Route("nord", "Tournée nord", List.of("BR01", "BR02", "BR03"));
  private static final Map<String, String> NAMES = Map.of("BR01", "Médiathèque centrale", "BR02",
      "Bibliothèque du Port", "BR03", "Bibliothèque des Lilas");

  @TempDir static Path dir;
  private static SigbSimulator sigb;
  private static Hub hub;
  private static HeadlessChromium chromium;
  private static WebDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled("the shuttle page's browser test");
    SigbSimulatorConfig config = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(3, 200, 20)).build();
    sigb = SigbSimulator.start(config);
    HubConfig hubConfig = HubConfig.local(dir.resolve("hub"), 0, 0,
            SigbSettings.local(sigb.port(), config.user(), config.password())).withInsecureMqtt(0)
        .withRules(new NetworkRules(List.of(NORTH), Set.of(), Duration.ofDays(7), NAMES));
    hub = Hub.start(hubConfig, c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC());
    // Three documents returned at BR02 wait for the shuttle: two go to BR01, one to BR03.
    try (Database db = Database.sqlite(dir.resolve("hub").resolve("hub.db"))) {
      TransitStore store = new TransitStore(db);
      String[][] docs = {{"3000000001", "BR01", "Les Misérables"}, {"3000000002", "BR03", "Germinal"},
          {"3000000003", "BR01", "Le Petit Prince"}};
      for (String[] d : docs) {
        db.inTransaction(c -> {
          store.open(c, Transit.opened("t-" + d[0], d[0], "BR02", d[1], "send-home", "R " + d[0].substring(8),
              d[2], "ADULT", Instant.now().minusSeconds(600), "event-" + d[0]));
          return null;
        });
      }
    }
    chromium = HeadlessChromium.start(dir.resolve("chromium"), 1280, 1000, "--autoplay-policy=no-user-gesture-required");
    browser = chromium.browser();
    wait = chromium.await();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (hub != null) {
      hub.close();
    }
    if (sigb != null) {
      sigb.close();
    }
  }

  private static String base() {
    return "http://127.0.0.1:" + hub.httpPort();
  }

  @Test
  void aCrateIsPackedByTypingBarcodesAnotherDestinationRefusedThenLabelledSentAndReceived() throws Exception {
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(base() + "/shuttle.html")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).contains("default-src 'self'"));

    browser.get(base() + "/shuttle.html?branch=BR02");
    wait.until(d -> "Bibliothèque du Port".equals(new Select(d.findElement(By.id("branch")))
        .getFirstSelectedOption().getText()));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Navette — bacs et tournées");
    new Select(browser.findElement(By.id("destination"))).selectByVisibleText("Médiathèque centrale");
    browser.findElement(By.id("open-crate")).click();
    wait.until(d -> !d.findElements(By.cssSelector("#open-crates button.crate.current")).isEmpty());
    assertThat(browser.findElement(By.cssSelector("#open-crates .current")).getText())
        .contains("BR02-0001").contains("Médiathèque centrale");

    WebElement scan = browser.findElement(By.id("scan"));
    assertThat(browser.switchTo().activeElement()).as("the reader types into the field to read in").isEqualTo(scan);
    scan.sendKeys("3000000001" + Keys.ENTER);
    wait.until(d -> d.findElement(By.id("verdict")).getAttribute("class").contains("ok")
        && !d.findElements(By.cssSelector("#current-documents tr[data-item='3000000001']")).isEmpty());
    assertThat(browser.findElement(By.id("verdict-big")).getText()).isEqualTo("Pour Médiathèque centrale");
    assertThat(browser.findElement(By.id("verdict-small")).getText()).contains("Tournée nord")
        .contains("Les Misérables");
    screenshot("shuttle-packed-fr.png");

    browser.switchTo().activeElement().sendKeys("3000000002" + Keys.ENTER);
    wait.until(d -> d.findElement(By.id("verdict")).getAttribute("class").contains("bad"));
    assertThat(browser.findElement(By.id("verdict-big")).getText()).isEqualTo("Pas dans ce bac");
    assertThat(browser.findElement(By.id("verdict-small")).getText())
        .isEqualTo("Ce document va à Bibliothèque des Lilas (Tournée nord) ; ce bac va à Médiathèque centrale : "
            + "ne le mettez pas dedans");
    assertThat(browser.findElement(By.id("verdict")).isDisplayed()).isTrue();
    assertThat(browser.findElements(By.cssSelector("#current-documents tr[data-item='3000000002']")))
        .as("refused: not in the crate").isEmpty();
    screenshot("shuttle-refused-fr.png");

    browser.switchTo().activeElement().sendKeys("3000000003" + Keys.ENTER);
    wait.until(d -> d.findElements(By.cssSelector("#current-documents tr")).size() == 2);
    assertThat(statusOf("3000000002")).as("the refused document stays to pack").isEqualTo("open");
    assertThat(statusOf("3000000003")).isEqualTo("packed");

    browser.findElement(By.id("close-crate")).click();
    wait.until(d -> d.getCurrentUrl().contains("/crate-label.html") && d.findElement(By.id("label")).isDisplayed());
    assertThat(browser.findElement(By.id("to")).getText()).isEqualTo("Médiathèque centrale");
    assertThat(browser.findElement(By.id("round")).getText()).isEqualTo("Tournée nord");
    assertThat(browser.findElement(By.id("code")).getText()).isEqualTo("BR02-0001");
    assertThat(browser.findElement(By.id("count")).getText()).isEqualTo("2");
    assertThat(browser.findElement(By.id("from")).getText()).isEqualTo("Bibliothèque du Port");
    assertThat(browser.findElements(By.cssSelector("#barcode rect")).size())
        .as("Code 39 bars: 5 per character, 11 characters with the start and stop").isEqualTo(55);
    screenshot("crate-label-fr.png");

    browser.get(base() + "/shuttle.html?branch=BR02&mode=depart");
    wait.until(d -> d.findElement(By.id("leaving")).getText().contains("BR02-0001"));
    browser.findElement(By.id("depart-button")).click();
    wait.until(d -> d.findElement(By.id("verdict-big")).getText().contains("partie de Bibliothèque du Port"));
    assertThat(browser.findElement(By.id("verdict-big")).getText()).contains("1 bac(s), 2 document(s) en route");
    assertThat(statusOf("3000000001")).isEqualTo("on-road");

    browser.get(base() + "/shuttle.html?branch=BR01&mode=arrive");
    wait.until(d -> "Médiathèque centrale".equals(new Select(d.findElement(By.id("branch")))
        .getFirstSelectedOption().getText()));
    WebElement arrival = browser.findElement(By.id("arrival-scan"));
    arrival.sendKeys("BR02-0001" + Keys.ENTER);
    wait.until(d -> d.findElement(By.id("verdict-big")).getText().startsWith("Bac BR02-0001 arrivé"));
    assertThat(browser.findElement(By.id("verdict-big")).getText())
        .isEqualTo("Bac BR02-0001 arrivé de Bibliothèque du Port : 2 document(s) reçu(s)");
    assertThat(statusOf("3000000001")).isEqualTo("arrived");
    screenshot("shuttle-arrival-fr.png");

    browser.findElement(By.id("lang")).click();
    wait.until(d -> "Navette — crates and rounds".equals(d.findElement(By.tagName("h1")).getText()));
    browser.switchTo().activeElement();
    browser.findElement(By.id("arrival-scan")).sendKeys("3000000002" + Keys.ENTER);
    wait.until(d -> d.findElement(By.id("verdict-big")).getText().equals("For Bibliothèque des Lilas"));
    assertThat(browser.findElement(By.id("verdict-small")).getText()).contains("not here");
    screenshot("shuttle-arrival-elsewhere-en.png");
    browser.findElement(By.id("lang")).click(); // French again for whoever opens this browser next
  }

  @Test
  void theManifestShowsEveryRoundWithBranchNamesAndStatusesInWords() throws Exception {
    browser.get(base() + "/manifest.html"); // no ?route=: every round of the day, not "no route null"
    wait.until(d -> d.findElement(By.id("manifests")).getText().contains("Arrêt : Bibliothèque du Port"));
    String sheet = browser.findElement(By.id("manifests")).getText();
    assertThat(browser.findElement(By.cssSelector("#manifests h1")).getText()).startsWith("Tournée nord — ");
    assertThat(sheet).contains("Arrêt : Médiathèque centrale").contains("Pour Bibliothèque des Lilas")
        .contains("À emballer").doesNotContain("null").doesNotContain("Arrêt : BR0");
    assertThat(sheet.lines().filter(l -> l.matches(".*\\b(open|packed|on-road)\\b.*")).toList())
        .as("no raw status").isEmpty();
    assertThat(browser.findElement(By.id("problem")).isDisplayed()).isFalse();
    screenshot("manifest-all-rounds-fr.png");
  }

  @Test
  void theDashboardCountsTheTransitListsTrueTotalAndNamesBranches() throws Exception {
    browser.get(base() + "/");
    wait.until(d -> d.findElement(By.id("transits")).getText().contains("Bibliothèque des Lilas"));
    JsonNode active = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(base() + "/api/transits?status=open,packed,on-road&limit=1")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    assertThat(browser.findElement(By.id("transit-count")).getText())
        .isEqualTo(String.valueOf(active.get("total").asLong()));
    assertThat(browser.findElement(By.id("transits")).getText()).contains("Bibliothèque du Port")
        .doesNotContain("BR03");
    browser.findElement(By.id("shuttle-link")).click();
    wait.until(d -> d.getCurrentUrl().endsWith("/shuttle.html"));
  }

  private static String statusOf(String item) throws Exception {
    JsonNode page = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(base() + "/api/transits?all=true")).build(), HttpResponse.BodyHandlers.ofString()).body());
    for (JsonNode t : page.get("items")) {
      if (t.get("itemId").asText().equals(item)) {
        return t.get("status").asText();
      }
    }
    throw new AssertionError("no transit for " + item);
  }

  private static void screenshot(String name) throws Exception {
    chromium.screenshot(name);
  }
}
