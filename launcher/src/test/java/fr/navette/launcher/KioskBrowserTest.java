package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.launcher.demo.DemoDevices;
import fr.navette.launcher.demo.DemoKiosks;
import fr.navette.launcher.demo.DemoKiosks.DemoKiosk;
import fr.navette.sim.devices.PtyPrinterSimulator;
import fr.navette.schema.PatronBlock;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SimulatedNetwork;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.tag.SecurityPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The self-check kiosk's page in real headless Chromium, every part behind it real: the kiosk agent asks over
 * MQTT 5 (the hub's embedded broker), the hub asks the SIGB simulator over SIP2 on TCP, the kiosk writes the
 * simulated tags on its pad. Skipped, saying so, where Chromium and its driver are not installed.
 */
class KioskBrowserTest {
  private static final int ARMED = SecurityPolicy.ISO_ARMED_AFI;
  private static final int ON_LOAN = SecurityPolicy.ISO_ON_LOAN_AFI;

  @TempDir static Path dir;
  private static SigbSimulator sigb;
  private static Hub hub;
  private static DemoKiosks kiosks;
  private static HeadlessChromium chromium;
  private static WebDriver browser;
  private static WebDriverWait wait;
  private static Patron patron;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled("the kiosk's browser tests");
    Clock clock = Clock.systemUTC();
    SigbSimulatorConfig config = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(4, 2_000, 200)).build();
    sigb = SigbSimulator.start(config);
    hub = Hub.start(HubConfig.local(dir.resolve("hub"), 0, 0,
        SigbSettings.local(sigb.port(), config.user(), config.password())).withInsecureMqtt(0), c -> Sip2SigbGateway.connect(c.sigb()),
        clock);
    kiosks = new DemoKiosks(sigb.network(), 2, dir.resolve("kiosks"), DemoDevices.insecure(hub.mqttUri()), 0, Duration.ofMinutes(5),
        clock);
    patron = sigb.network().demoPatrons().getFirst();
    chromium = HeadlessChromium.start(dir.resolve("chromium"), 1080, 1920);
    browser = chromium.browser();
    wait = chromium.await(); // stale elements ignored: the page redraws its list when an answer comes
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (kiosks != null) {
      kiosks.close();
    }
    if (hub != null) {
      hub.close();
    }
    if (sigb != null) {
      sigb.close();
    }
  }

  @BeforeEach
  void emptyPads() {
    kiosks.kiosks().forEach(k -> k.pad().clear());
  }

  private static DemoKiosk kiosk() {
    return kiosks.kiosks().getFirst();
  }

  private static void open(DemoKiosk kiosk) {
    browser.get(kiosk.url());
    browser.manage().deleteAllCookies(); // the previous test's session: a reloaded page would resume it
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("card")));
  }

  private static void login(DemoKiosk kiosk, String card, String pin) {
    open(kiosk);
    WebElement cardField = browser.findElement(By.id("card"));
    cardField.sendKeys(card, Keys.ENTER); // as a barcode scanner does: the page moves on to the PIN
    wait.until(d -> "pin".equals(d.switchTo().activeElement().getAttribute("id")));
    browser.switchTo().activeElement().sendKeys(pin, Keys.ENTER);
  }

  private static void loginAsPatron(DemoKiosk kiosk) {
    login(kiosk, patron.id(), patron.pin());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("session-title")));
  }

  private static void place(DemoKiosk kiosk, List<String> keys) {
    keys.forEach(kiosk.pad()::place);
    int tags = keys.size();
    // The page shows the pad as the kiosk's loop read it: wait until it saw them all.
    wait.until(d -> kiosk.agent().kiosk().state(java.util.Optional.empty()).pad().size() == tags);
  }

  private static WebElement result(String itemId) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#results li[data-item='" + itemId + "']")));
  }

  private static String itemId(String key) {
    return key.split(":")[1];
  }

  @Test
  void aWrongPinIsRefusedInPlainWordsAndTheRightOneOpensTheSession() {
    login(kiosk(), patron.id(), patron.pin().equals("0000") ? "1111" : "0000");

    WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-message")));
    wait.until(d -> !message.getText().isBlank());
    assertThat(message.getAttribute("role")).isEqualTo("alert");
    assertThat(browser.findElement(By.id("session")).isDisplayed()).isFalse();
    String french = message.getText();
    browser.findElement(By.id("lang")).click();
    wait.until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    assertThat(message.getText()).isNotEqualTo(french).isNotBlank();
    browser.findElement(By.id("lang")).click();
    wait.until(d -> "fr".equals(d.findElement(By.tagName("html")).getAttribute("lang")));

    loginAsPatron(kiosk());

    assertThat(browser.findElement(By.id("session-title")).getText()).startsWith("Bonjour");
    assertThat(browser.findElement(By.id("welcome")).isDisplayed()).isFalse();
    wait.until(d -> "session-title".equals(d.switchTo().activeElement().getAttribute("id"))); // focus follows
  }

  @Test
  void threeDocumentsOfWhichTheSigbRefusesOneTwoAreDisarmedTheRefusedOneStaysArmed() {
    DemoKiosks.Scenario s = kiosk().scenario();
    List<String> keys = List.of(s.free().get(0), s.heldForAnother(), s.free().get(1));
    loginAsPatron(kiosk());
    place(kiosk(), keys);

    browser.findElement(By.id("borrow")).click();

    WebElement refused = result(itemId(s.heldForAnother()));
    assertThat(refused.getAttribute("data-status")).isEqualTo("refused");
    assertThat(refused.findElement(By.className("reason")).getText()).as("the SIGB's reason, in plain words")
        .isNotBlank();
    assertThat(result(itemId(s.free().get(0))).getAttribute("data-status")).isEqualTo("lent");
    assertThat(result(itemId(s.free().get(1))).getAttribute("data-status")).isEqualTo("lent");
    assertThat(result(itemId(s.free().get(0))).findElement(By.className("due")).getText()).startsWith("À rendre le");
    assertOnItsOwnLine(result(itemId(s.free().get(0))));
    assertThat(kiosk().pad().tag(s.heldForAnother()).afi()).isEqualTo(ARMED);
    assertThat(kiosk().pad().tag(s.free().get(0)).afi()).isEqualTo(ON_LOAN);
    assertThat(kiosk().pad().tag(s.free().get(1)).afi()).isEqualTo(ON_LOAN);
    assertThat(sigb.network().loanOf(itemId(s.free().get(0)))).get().extracting(l -> l.patronId())
        .isEqualTo(patron.id());
    assertThat(sigb.network().loanOf(itemId(s.heldForAnother()))).isEmpty();
  }

  @Test
  void aSetWithAMissingPartIsRefusedAndNothingAsked() {
    DemoKiosks.Scenario s = kiosk().scenario();
    loginAsPatron(kiosk());
    place(kiosk(), List.of(s.setParts().get(0), s.setParts().get(2)));

    browser.findElement(By.id("borrow")).click();

    WebElement set = result(s.setItemId());
    assertThat(set.getAttribute("data-status")).isEqualTo("incomplete-set");
    assertThat(set.findElement(By.className("reason")).getText()).contains("3 parties").contains("2");
    assertThat(List.of(kiosk().pad().tag(s.setParts().get(0)).afi(), kiosk().pad().tag(s.setParts().get(2)).afi()))
        .containsOnly(ARMED);
    assertThat(sigb.network().loanOf(s.setItemId())).isEmpty();
  }

  @Test
  void aDocumentAlreadyBorrowedIsOfferedARenewalAndRenewed() {
    DemoKiosks.Scenario s = kiosk().scenario();
    assumeTrue(s.alreadyOnLoan().isPresent(), "the demo patron has no loan in this network");
    String key = s.alreadyOnLoan().get();
    loginAsPatron(kiosk());
    place(kiosk(), List.of(key));

    browser.findElement(By.id("borrow")).click();
    WebElement offered = result(itemId(key));
    assertThat(offered.getAttribute("data-status")).isEqualTo("renewal-offered");
    offered.findElement(By.className("renew")).click();

    wait.until(d -> "renewed".equals(result(itemId(key)).getAttribute("data-status")));
    wait.until(d -> result(itemId(key)).findElement(By.className("due")).getText().startsWith("À rendre le"));
    assertThat(sigb.network().renewalsOf(itemId(key))).isEqualTo(1);
  }

  @Test
  void theAccountListsLoansWithDueDatesHoldsAndFees() {
    DemoKiosks.Scenario s = kiosk().scenario();
    String key = s.free().get(2);
    loginAsPatron(kiosk());
    place(kiosk(), List.of(key));
    browser.findElement(By.id("borrow")).click();
    wait.until(d -> "lent".equals(result(itemId(key)).getAttribute("data-status")));

    browser.findElement(By.id("account-button")).click();

    WebElement loan = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#loans li[data-item='" + itemId(key) + "']")));
    assertThat(loan.findElement(By.className("due")).getText()).startsWith("À rendre le");
    assertOnItsOwnLine(loan);
    assertThat(browser.findElements(By.cssSelector("#loans li[data-item]")))
        .hasSize(sigb.network().loansOf(patron.id()).size());
    assertThat(browser.findElement(By.id("holds")).getText()).isNotBlank();
    assertThat(browser.findElement(By.id("fees")).getText()).isNotBlank();
    wait.until(d -> "account-title".equals(d.switchTo().activeElement().getAttribute("id")));
  }

  @Test
  void theReceiptListsWhatWasLentWithDueDatesAndTheCardMasked() {
    DemoKiosks.Scenario s = kiosk().scenario();
    String key = s.free().get(3);
    loginAsPatron(kiosk());
    place(kiosk(), List.of(key));
    browser.findElement(By.id("borrow")).click();
    wait.until(d -> "lent".equals(result(itemId(key)).getAttribute("data-status")));

    browser.findElement(By.id("receipt-button")).click();

    WebElement receipt = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt")));
    wait.until(d -> !receipt.getText().isBlank());
    String title = sigb.network().item(itemId(key)).orElseThrow().title();
    assertThat(receipt.getText())
        .contains(kiosk().branch().name()) // library.name, the demo's branch name, heads the receipt
        .contains(title)
        .contains(itemId(key))
        .contains("À rendre le")
        .contains(patron.id().substring(patron.id().length() - 2))
        .doesNotContain(patron.id())
        .doesNotContain(patron.pin());

    if (kiosk().printer().isPresent()) { // socat installed: the demo kiosk prints on a simulated ESC/POS printer
      browser.findElement(By.id("print")).click();
      wait.until(d -> d.findElement(By.id("print-message")).getText().startsWith("Reçu imprimé"));
      assertThat(kiosk().printer().get().receipts()).last().satisfies(paper -> assertThat(paper)
          .extracting(PtyPrinterSimulator.Line::text).contains(itemId(key), "Merci !"));
    }
  }

  @Test
  void aPatronBarredFromBorrowingSeesWhyAndTheAccountButCannotBorrow() {
    SimulatedNetwork network = sigb.network();
    Patron barred = network.patrons().stream()
        .filter(p -> p.isBlocked() && !network.isCardBlocked(p.id()) && !network.loansOf(p.id()).isEmpty())
        .findFirst().orElseThrow(() -> new AssertionError("no patron barred from borrowing with loans"));
    String key = kiosk().scenario().free().get(4);
    place(kiosk(), List.of(key));

    login(kiosk(), barred.id(), barred.pin());

    WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-only")));
    wait.until(d -> !d.findElement(By.id("view-only-reason")).getText().isBlank());
    assertThat(notice.getAttribute("role")).isEqualTo("alert");
    assertThat(browser.findElement(By.id("view-only-notice")).getText()).startsWith("Consultation seulement");
    String reason = browser.findElement(By.id("view-only-reason")).getText();
    // The reason as the hub words it: the SIGB's own message for an expired card, the flag's sentence otherwise.
    String why = barred.cardExpired() ? "Carte expirée" : barred.tooManyItems()
        ? PatronBlock.TOO_MANY_CHARGED.messageFr() : PatronBlock.EXCESSIVE_FEES.messageFr();
    assertThat(reason).contains(why).endsWith("Un bibliothécaire peut vous aider.");
    assertThat(browser.findElement(By.id("borrow")).isDisplayed()).as("no borrow button").isFalse();
    assertThat(browser.findElement(By.id("session-title")).getText()).startsWith("Bonjour")
        .doesNotContain(barred.id());

    // The account opens by itself: every loan with its due date, overdue ones marked, and no renew button.
    List<fr.navette.sim.sigb.Loan> loans = network.loansOf(barred.id());
    wait.until(d -> d.findElements(By.cssSelector("#loans li[data-item]")).size() == loans.size());
    java.time.Instant now = java.time.Instant.now();
    for (fr.navette.sim.sigb.Loan l : loans) {
      WebElement line = browser.findElement(By.cssSelector("#loans li[data-item='" + l.itemId() + "']"));
      assertThat(line.getText()).contains(network.item(l.itemId()).orElseThrow().title());
      assertThat(line.findElement(By.className("due")).getText()).startsWith("À rendre le");
      if (l.dueAt().isBefore(now.minus(Duration.ofDays(1)))) {
        assertThat(line.getText()).contains("En retard");
      } else if (l.dueAt().isAfter(now.plus(Duration.ofDays(1)))) {
        assertThat(line.getText()).doesNotContain("En retard");
      }
    }
    assertThat(browser.findElements(By.cssSelector("#loans button.renew"))).isEmpty();
    assertThat(browser.findElement(By.id("fees")).getText()).isNotBlank();

    // Called anyway, with the page's own session cookie, the kiosk's server refuses to borrow.
    Object answer = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch('/api/borrow', {method: 'POST', credentials: 'same-origin'})"
            + ".then(r => r.json().then(j => done(r.status + ' ' + j.message.fr)))"
            + ".catch(e => done('error ' + e));");
    assertThat(String.valueOf(answer)).startsWith("403 Consultation seulement");
    assertThat(kiosk().pad().tag(key).afi()).isEqualTo(ARMED);
    assertThat(network.loanOf(itemId(key))).isEmpty();

    // The receipt is the account: the loans and their due dates, the card masked.
    browser.findElement(By.id("receipt-button")).click();
    WebElement receipt = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt")));
    wait.until(d -> receipt.getText().contains("Mes prêts"));
    assertThat(receipt.getText()).contains("Mes prêts (" + loans.size() + ")")
        .contains(loans.getFirst().itemId()).contains("À rendre le")
        .doesNotContain(barred.id()).doesNotContain(barred.pin());
    assertThat(receipt.getText()).doesNotContain("My loans");

    // A patron who taps "English" reads the same receipt in English, and only in English.
    browser.findElement(By.id("lang")).click();
    wait.until(d -> receipt.getText().contains("My loans"));
    assertThat(receipt.getText()).contains("My loans (" + loans.size() + ")").contains("Due ")
        .doesNotContain("Mes prêts").doesNotContain("À rendre le");
    browser.findElement(By.id("lang")).click(); // back to French for the next test
    wait.until(d -> receipt.getText().contains("Mes prêts"));
  }

  @Test
  void anIdleSessionEndsByItselfAndLeavesNothingOfThePatronOnScreen() {
    DemoKiosk idle = kiosks.kiosks().get(1);
    idle.agent().kiosk().idleTimeout(Duration.ofSeconds(5));
    try {
      String key = idle.scenario().free().get(0);
      place(idle, List.of(key)); // before signing in: the idle clock starts at the login
      loginAsPatron(idle);
      browser.findElement(By.id("borrow")).click();
      String title = sigb.network().item(itemId(key)).orElseThrow().title();
      wait.until(d -> result(itemId(key)).getText().contains(title));

      // No touch from here: the kiosk ends the session, the page follows.
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("welcome")));

      assertThat(browser.findElement(By.id("session")).isDisplayed()).isFalse();
      assertThat(browser.findElement(By.id("results")).findElements(By.tagName("li"))).isEmpty();
      assertThat(browser.findElement(By.id("session-title")).getAttribute("textContent")).isEmpty();
      assertThat(browser.findElement(By.id("session")).getAttribute("textContent")).doesNotContain(title)
          .doesNotContain(itemId(key)).doesNotContain("Bonjour");
      assertThat(idle.agent().kiosk().state(java.util.Optional.empty()).session()).isFalse();
    } finally {
      idle.agent().kiosk().idleTimeout(Duration.ofMinutes(5));
    }
  }

  // The due date under the title, not glued to it: the CSS file says so (the CSP refuses a style attribute).
  private static void assertOnItsOwnLine(WebElement item) {
    WebElement title = item.findElement(By.className("title"));
    WebElement due = item.findElement(By.className("due"));
    assertThat(due.getCssValue("display")).as("the due date's display").isEqualTo("block");
    assertThat(due.getRect().getY()).as("the due date's top, below the title's bottom (%s)", title.getRect())
        .isGreaterThanOrEqualTo(title.getRect().getY() + title.getRect().getHeight());
  }

  /** The page as on a screen of this size exactly (not the window's outer size): the Pi's 7" is 800×480. */
  private static void screen(int width, int height) {
    chromium.screen(width, height);
  }

  private static void fullScreen() {
    chromium.fullScreen();
  }

  /** target/screenshots/{name}.png (was target/kiosk-screenshots/). */
  private static void screenshot(String name) {
    chromium.screenshot(name);
  }

  private static void assertInViewport(WebElement e) {
    Rectangle r = e.getRect();
    Object size = ((JavascriptExecutor) browser).executeScript(
        "return [window.innerWidth, window.innerHeight, window.scrollX, window.scrollY];");
    List<?> wh = (List<?>) size;
    long w = ((Number) wh.get(0)).longValue();
    long h = ((Number) wh.get(1)).longValue();
    assertThat(((Number) wh.get(3)).longValue()).as("the page scrolled").isZero();
    assertThat(r.getX()).as("%s left in %dx%d", e.getAttribute("id"), w, h).isGreaterThanOrEqualTo(0);
    assertThat(r.getY()).as("%s top in %dx%d", e.getAttribute("id"), w, h).isGreaterThanOrEqualTo(0);
    assertThat((long) r.getX() + r.getWidth()).as("%s right in %dx%d", e.getAttribute("id"), w, h).isLessThanOrEqualTo(w);
    assertThat((long) r.getY() + r.getHeight()).as("%s bottom in %dx%d", e.getAttribute("id"), w, h)
        .isLessThanOrEqualTo(h);
  }

  private static void key(String label) {
    browser.findElement(By.cssSelector("#keypad .key[data-digit='" + label + "']")).click();
  }

  /**
   * Signs in on a screen of this size as a child would: the card scanned, the PIN tapped on the keypad (a wrong
   * digit erased first), "Valider" seen without scrolling and tapped.
   */
  private static void signInWithTheKeypad(int width, int height, Patron who) throws java.io.IOException {
    screen(width, height);
    open(kiosk());
    browser.findElement(By.id("card")).sendKeys(who.id(), Keys.ENTER); // the scanner
    wait.until(d -> "pin".equals(d.switchTo().activeElement().getAttribute("id")));
    key("9");
    browser.findElement(By.id("key-erase")).click();
    who.pin().chars().forEach(c -> key(String.valueOf((char) c)));
    WebElement pin = browser.findElement(By.id("pin"));
    assertThat(pin.getDomProperty("value")).as("the PIN typed on the keypad").isEqualTo(who.pin());
    WebElement valider = browser.findElement(By.id("login"));
    assertThat(valider.getText()).isEqualTo("Valider");
    assertThat(browser.findElement(By.id("key-erase")).getText()).isEqualTo("Effacer");
    assertThat(browser.findElement(By.id("library")).getText()).isEqualTo(kiosk().branch().name());
    for (String id : List.of("card", "pin", "key-erase", "login")) {
      assertInViewport(browser.findElement(By.id(id)));
    }
    for (WebElement k : browser.findElements(By.cssSelector("#keypad .key"))) {
      assertInViewport(k);
      assertThat(k.getRect().getHeight()).as("a key a finger hits").isGreaterThanOrEqualTo(56);
    }
    screenshot("kiosk-login-" + width + "x" + height);
    // Switched to English, the keypad speaks English too.
    browser.findElement(By.id("lang")).click();
    wait.until(d -> "Sign in".equals(valider.getText()));
    assertThat(browser.findElement(By.id("key-erase")).getText()).isEqualTo("Erase");
    assertInViewport(valider);
    screenshot("kiosk-login-" + width + "x" + height + "-en");
    browser.findElement(By.id("lang")).click();
    wait.until(d -> "Valider".equals(valider.getText()));

    valider.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("session-title")));
  }

  @Test
  void onThePisSevenInchScreenTheKeypadTypesThePinAndValiderIsInSight() throws Exception {
    try {
      signInWithTheKeypad(800, 480, patron);
      assertThat(browser.findElement(By.id("session-title")).getText()).startsWith("Bonjour");
      screenshot("kiosk-session-800x480");
    } finally {
      fullScreen();
    }
  }

  @Test
  void onA1280By800ScreenTheKeypadTypesThePinAndValiderIsInSight() throws Exception {
    try {
      signInWithTheKeypad(1280, 800, patron);
      assertThat(browser.findElement(By.id("session-title")).getText()).startsWith("Bonjour");
    } finally {
      fullScreen();
    }
  }

  @Test
  void anAmountDueIsWrittenTheFrenchWay() throws Exception {
    SimulatedNetwork network = sigb.network();
    Patron owing = network.demoPatrons().stream().filter(p -> network.balanceCents(p.id()) > 0)
        .max(java.util.Comparator.comparingInt(p -> network.balanceCents(p.id())))
        .orElseThrow(() -> new AssertionError("no demo patron owes anything"));
    int cents = network.balanceCents(owing.id());
    try {
      signInWithTheKeypad(1280, 800, owing);
      if (!browser.findElement(By.id("view-only")).isDisplayed()) { // a view-only session opens it by itself
        browser.findElement(By.id("account-button")).click();
      }
      WebElement fees = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fees")));
      String expected = String.format("Montant dû : %d,%02d €", cents / 100, cents % 100);
      wait.until(d -> fees.getText().equals(expected));
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", fees);
      screenshot("kiosk-account-fees-1280x800");
      browser.findElement(By.id("lang")).click();
      wait.until(d -> fees.getText().equals(String.format("Amount due: €%d.%02d", cents / 100, cents % 100)));
      browser.findElement(By.id("lang")).click();
      wait.until(d -> fees.getText().equals(expected));
    } finally {
      fullScreen();
    }
  }
}
