package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.accounts.AccountSettings;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.hub.identities.IdentitiesSettings;
import fr.navette.hub.privacy.PrivacySettings;
import fr.navette.hub.privacy.Retention;
import fr.navette.hub.privacy.RetentionPolicy;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.web.StaffAccess;
import fr.navette.schema.PatronPseudonym;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public data-protection page and the coordinator's subject access in real headless Chromium over a real hub:
 * {@code /privacy} without a login shows the durations the hub was configured with (not NS-009's defaults: these were
 * changed) and the network's contact, in French, then English; a coordinator finds a locked card's data on the
 * subject-access page, linked from the navigation bar; branch staff have no link and are told no. Screenshots in
 * launcher/target/screenshots. Skipped, saying so, where Chromium is not installed.
 */
class PrivacyBrowserTest {
  private static final String PASSWORD = "une phrase de passe";
  private static final PatronPseudonym KEY = new PatronPseudonym("net1", new byte[32]);

  @TempDir static Path dir;
  private static SigbSimulator sigb;
  private static Hub hub;
  private static HeadlessChromium chromium;
  private static WebDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled("the privacy pages' browser test");
    SigbSimulatorConfig config = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(2, 500, 50)).build();
    sigb = SigbSimulator.start(config);
    HubConfig hubConfig = HubConfig.local(dir.resolve("hub"), 0, 0,
        SigbSettings.local(sigb.port(), config.user(), config.password()))
        .withRules(NetworkRules.defaults().withBranchNames(Map.of("BR01", "Médiathèque centrale")))
        .withPatronKey(KEY).withStaffAccess(StaffAccess.none())
        .withRetention(Retention.cnil().withLoanMonths(3, false));
    // the page's durations are the hub's retention in force (given here as a default policy: the hub overrides it)
    PrivacySettings privacy = new PrivacySettings(RetentionPolicy.defaults(),
        "Délégué à la protection des données du réseau : dpo@reseau-exemple.fr");
    hub = Hub.start(hubConfig, c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC(),
        IdentitiesSettings.defaults(), AccountSettings.defaults(), privacy);
    hub.accounts().create("coordination", PASSWORD.toCharArray(), "coordinator", List.of(), "fr", "test");
    hub.accounts().create("agent", PASSWORD.toCharArray(), "branch-staff", List.of("BR01"), "fr", "test");
    chromium = HeadlessChromium.start(dir.resolve("chromium"), 1280, 1400);
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

  /** The "how long" cell of the table's row whose heading is {@code part}. */
  private static String howLong(String part) {
    for (WebElement row : browser.findElements(By.cssSelector("#retention tbody tr"))) {
      if (row.findElement(By.tagName("th")).getText().equals(part)) {
        return row.findElement(By.cssSelector("td.duration")).getText();
      }
    }
    throw new AssertionError("no row '" + part + "' in the retention table");
  }

  @Test
  void thePublicPageShowsTheConfiguredDurationsAndContactInFrenchThenEnglish() {
    browser.get(base() + "/privacy");
    browser.manage().deleteAllCookies(); // no session, no language chosen: what a patron's browser sends
    browser.get(base() + "/privacy");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("retention")));
    assertThat(browser.getCurrentUrl()).as("no login asked").isEqualTo(base() + "/privacy");
    assertThat(browser.getTitle()).isEqualTo("Navette — protection des données");
    assertThat(howLong("Hub : prêts et prolongations aux automates"))
        .isEqualTo("Jusqu'à la fin du troisième mois suivant le retour du document, puis le pseudonyme effacé (le prêt"
            + " reste compté)");
    assertThat(howLong("Hub : alarmes des portiques"))
        .isEqualTo("Sans durée fixée : aucun usager n'y figure (statistiques du réseau)");
    assertThat(howLong("Hub : navette")).isEqualTo("Sans durée fixée : aucun usager n'y figure (statistiques du réseau)");
    assertThat(howLong("Hub : quarantaine"))
        .isEqualTo("Contenu effacé 3 mois après la fin du mois de réception ; la raison et l'heure restent");
    assertThat(howLong("Hub : blocage du code")).isEqualTo("Essais 10 min, blocage 1 h");
    assertThat(browser.findElement(By.cssSelector("#contact a")).getAttribute("href"))
        .isEqualTo("mailto:dpo@reseau-exemple.fr");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("NS-009").contains("Idrabib")
        .contains("mission de service public");
    chromium.screenshot("privacy-fr.png");

    browser.findElement(By.id("lang")).click();
    wait.until(ExpectedConditions.titleIs("Navette — data protection"));
    assertThat(howLong("Hub: kiosk loans and renewals")).startsWith("To the end of the third month after the"
        + " document's return");
    assertThat(howLong("Hub: gate alarms")).isEqualTo("No set limit: no patron in them (the network's statistics)");
    chromium.screenshot("privacy-en.png");
  }

  @Test
  void aCoordinatorFindsWhatTheHubHoldsAboutACardAndBranchStaffCannot() {
    String card = "2000000042";
    for (int i = 0; i < 5; i++) {
      hub.pinAttempts().failed(KEY.of(card), "kiosk-BR01-1", "BR01");
    }
    logIn("agent");
    wait.until(d -> d.findElement(By.id("staff-user")).getText().equals("agent"));
    assertThat(browser.findElements(By.linkText("Accès aux données"))).as("coordinators' and admins' page").isEmpty();
    browser.get(base() + "/subject-access.html");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("card"))).sendKeys(card);
    browser.findElement(By.id("subject-search")).click();
    wait.until(d -> d.findElement(By.id("subject-message")).getText().contains("coordination"));
    browser.manage().deleteAllCookies();

    logIn("coordination");
    wait.until(d -> d.findElement(By.id("staff-user")).getText().equals("coordination"));
    browser.findElement(By.linkText("Accès aux données")).click();
    wait.until(ExpectedConditions.urlToBe(base() + "/subject-access.html"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Accès d'un usager à ses données");
    browser.findElement(By.id("subject-search")).click();
    wait.until(d -> d.findElement(By.id("subject-message")).getText().startsWith("card manquant"));
    browser.findElement(By.id("card")).sendKeys(card);
    browser.findElement(By.id("subject-search")).click();
    wait.until(d -> !d.findElements(By.cssSelector("#subject-items tr[data-kind=pin-lock]")).isEmpty());
    assertThat(browser.findElement(By.id("subject-heading")).getText()).isEqualTo("Carte ********42");
    assertThat(browser.findElement(By.cssSelector("#subject-items tr[data-kind=pin-lock]")).getText())
        .contains("Code bloqué").contains("Médiathèque centrale (BR01)");
    assertThat(browser.findElement(By.id("card")).getAttribute("value")).as("the page keeps no card").isEmpty();
    assertThat(browser.getCurrentUrl()).doesNotContain(card);
    chromium.screenshot("subject-access-fr.png");
  }

  private static void logIn(String user) {
    browser.get(base() + "/login.html");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("user"))).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login.html")));
  }
}
