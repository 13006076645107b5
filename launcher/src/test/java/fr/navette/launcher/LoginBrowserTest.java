package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.web.StaffAccess;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff console's login in real headless Chromium over a real hub with accounts only (no open API): the
 * dashboard asked for without a session sends to the login page, a wrong password is said in French, the right one
 * opens the dashboard with the navigation bar (who, role, branch, language, logout), logout comes back to the login
 * page; an admin creates a user on the users page. Skipped, saying so, where Chromium is not installed (same
 * variables as {@link StatsBrowserTest}).
 */
class LoginBrowserTest {
  private static final String PASSWORD = "une phrase de passe";

  @TempDir static Path dir;
  private static SigbSimulator sigb;
  private static Hub hub;
  private static HeadlessChromium chromium;
  private static WebDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled("the login page's browser test");
    SigbSimulatorConfig config = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(4, 2_000, 200)).build();
    sigb = SigbSimulator.start(config);
    HubConfig hubConfig = HubConfig.local(dir.resolve("hub"), 0, 0,
        SigbSettings.local(sigb.port(), config.user(), config.password()))
        .withRules(NetworkRules.defaults().withBranchNames(Map.of("BR01", "Médiathèque centrale",
            "BR02", "Bibliothèque du Port")))
        .withStaffAccess(StaffAccess.none());
    hub = Hub.start(hubConfig, c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC());
    hub.accounts().create("agent-br01", PASSWORD.toCharArray(), "branch-staff", List.of("BR01"), "fr", "test");
    hub.accounts().create("chef", PASSWORD.toCharArray(), "admin", List.of(), "fr", "test");
    chromium = HeadlessChromium.start(dir.resolve("chromium"), 1280, 900);
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

  @BeforeEach
  void loggedOut() {
    browser.get(base() + "/login.html");
    browser.manage().deleteAllCookies();
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("localStorage.clear()");
  }

  private static String base() {
    return "http://127.0.0.1:" + hub.httpPort();
  }

  private static void logIn(String user, String password) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id("user"))).clear();
    browser.findElement(By.id("user")).sendKeys(user);
    browser.findElement(By.id("password")).clear();
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("login-submit")).click();
  }

  @Test
  void branchStaffLogInSeeTheDashboardWithTheirBranchAndLogOutBackToTheLoginPage() throws Exception {
    browser.get(base() + "/");
    wait.until(ExpectedConditions.urlContains("/login.html?next="));
    assertThat(browser.getTitle()).isEqualTo("Navette — connexion");
    assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Connexion du personnel");
    assertThat(browser.findElement(By.cssSelector("label[for=user]")).getText()).isEqualTo("Nom d'utilisateur");
    assertThat(browser.findElements(By.id("alerts"))).as("no data without a session").isEmpty();
    screenshot("login-fr.png");

    logIn("agent-br01", "pas le bon mot de passe");
    wait.until(d -> !d.findElement(By.id("login-error")).getText().isEmpty());
    assertThat(browser.findElement(By.id("login-error")).getText())
        .isEqualTo("Nom d'utilisateur ou mot de passe incorrect.");
    screenshot("login-wrong-password.png");

    logIn("agent-br01", PASSWORD);
    wait.until(ExpectedConditions.urlToBe(base() + "/"));
    wait.until(d -> d.findElement(By.id("staff-user")).getText().equals("agent-br01"));
    assertThat(browser.findElement(By.id("staff-role")).getText()).isEqualTo("Personnel de site");
    assertThat(browser.findElement(By.id("staff-branch")).getText()).contains("Médiathèque centrale (BR01)");
    assertThat(browser.findElement(By.id("alerts-title")).getText()).startsWith("Alertes en cours");
    wait.until(d -> d.findElement(By.id("status")).getText().startsWith("Mis à jour"));
    assertThat(browser.findElements(By.linkText("Utilisateurs"))).as("the users page is the admins'").isEmpty();
    assertThat(browser.findElement(By.cssSelector("#staff-nav a[aria-current=page]")).getText())
        .isEqualTo("Tableau de bord");
    screenshot("dashboard-branch-staff.png");

    browser.findElement(By.id("logout")).click();
    wait.until(ExpectedConditions.urlContains("/login.html"));
    browser.get(base() + "/stats.html");
    wait.until(ExpectedConditions.urlContains("/login.html?next=%2Fstats.html"));
  }

  @Test
  void anAdminCreatesAUserOnTheUsersPage() throws Exception {
    browser.get(base() + "/users.html");
    wait.until(ExpectedConditions.urlContains("/login.html"));
    logIn("chef", PASSWORD);
    wait.until(ExpectedConditions.urlToBe(base() + "/users.html"));
    wait.until(d -> !d.findElements(By.cssSelector("tr[data-user=agent-br01]")).isEmpty());
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Utilisateurs");
    assertThat(browser.findElement(By.cssSelector("tr[data-user=agent-br01]")).getText())
        .contains("Personnel de site").contains("Médiathèque centrale (BR01)").contains("Actif");

    browser.findElement(By.id("new-name")).sendKeys("accueil-port");
    browser.findElement(By.id("new-password")).sendKeys("court");
    browser.findElement(By.cssSelector("#new-branches input[value=BR02]")).click();
    browser.findElement(By.cssSelector("#new-user button[type=submit]")).click();
    wait.until(d -> d.findElement(By.id("users-message")).getText().contains("au moins 12"));
    browser.findElement(By.id("new-password")).clear();
    browser.findElement(By.id("new-password")).sendKeys("mot de passe du port");
    browser.findElement(By.cssSelector("#new-user button[type=submit]")).click();
    try {
      wait.until(d -> d.findElement(By.id("users-message")).getText().equals("Compte accueil-port créé."));
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("users-page-failed.png");
      throw new AssertionError("message: " + browser.findElement(By.id("users-message")).getText(), e);
    }
    wait.until(d -> !d.findElements(By.cssSelector("tr[data-user=accueil-port]")).isEmpty());
    assertThat(browser.findElement(By.cssSelector("tr[data-user=accueil-port]")).getText())
        .contains("Bibliothèque du Port (BR02)");
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
    screenshot("users-page.png");
    assertThat(hub.accounts().find("accueil-port")).hasValueSatisfying(a -> assertThat(a.branches())
        .containsExactly("BR02"));
  }

  private static void screenshot(String name) throws Exception {
    chromium.screenshot(name);
  }
}
