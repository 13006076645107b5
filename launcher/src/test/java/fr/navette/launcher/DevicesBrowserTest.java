package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.hub.web.StaffAccess;
import fr.navette.mqtt.InboundMessage;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.testkit.TestMqttClient;
import fr.navette.schema.Command;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.StateEvent;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admins' devices page in real headless Chromium over a real hub with accounts: the admin signs in
 * when the page asks, sees the gate with its library's name, health and identity, sends it a test alarm — which
 * the gate (a test MQTT client subscribed to its command topic) receives —, enrols a new device and sees its string
 * and QR code, and revokes the gate once she confirmed.
 */
class DevicesBrowserTest {
  private static final String ADMIN = "admin-token-0123456789abcdef";
  private static final String PASSWORD = "correct horse battery staple";
  private static final String GATE = "gate-BR01-1";
  private static final String COMMAND_TOPIC = "navette/v1/BR01/" + GATE + "/command";

  @TempDir static Path dir;
  private static SigbSimulator sigb;
  private static Hub hub;
  private static TestMqttClient gate;
  private static HeadlessChromium chromium;
  private static WebDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled("the devices page's browser test");
    SigbSimulatorConfig config = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(4, 2_000, 200)).build();
    sigb = SigbSimulator.start(config);
    HubConfig hubConfig = HubConfig.local(dir.resolve("hub"), 0, 0,
            SigbSettings.local(sigb.port(), config.user(), config.password())).withInsecureMqtt(0)
        .withStaffAccess(StaffAccess.parse("staff:staff-token-0123456789abcdef,admin:" + ADMIN));
    hubConfig = hubConfig.withRules(hubConfig.rules().withBranchNames(Map.of("BR01", "Médiathèque Louise-Michel",
        "BR02", "Bibliothèque des Tilleuls")));
    hub = Hub.start(hubConfig, c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC());
    // The gate: online, listening for its commands; and an identity the admin made for it.
    gate = TestMqttClient.connect(hub.mqttUri(), "browser-test-gate");
    gate.subscribe(COMMAND_TOPIC, 1);
    gate.publish(OutboundMessage.of("navette/v1/BR01/" + GATE + "/state", EventCodec.encode(new StateEvent(
        new EventHeader(EventCodec.SCHEMA_VERSION, UUID.randomUUID(), GATE, 1, Instant.now()),
        StateEvent.State.ONLINE, "0.1.0")), 1));
    hub.identities().add(GATE, "BR01", "gate", "test");
    hub.accounts().create("admin-reseau", PASSWORD.toCharArray(), "admin", java.util.List.of(), "fr", "test");
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.devices().find(GATE).isPresent());
    chromium = HeadlessChromium.start(dir.resolve("chromium"), 1400, 1100);
    browser = chromium.browser();
    wait = chromium.await();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (gate != null) {
      gate.close();
    }
    if (hub != null) {
      hub.close();
    }
    if (sigb != null) {
      sigb.close();
    }
  }

  private static WebElement row(String deviceId) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-device='" + deviceId
        + "']")));
  }

  @Test
  void anAdminTestsTheGatesAlarmEnrolsADeviceAndRevokesTheGateOnceConfirmed() {
    browser.get("http://127.0.0.1:" + hub.httpPort() + "/devices.html");
    // The admin API wants an admin: the page sends to the login page, which comes back here once signed in.
    wait.until(ExpectedConditions.urlContains("/login.html?next="));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("user"))).sendKeys("admin-reseau");
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.urlContains("/devices.html"));
    wait.until(d -> row(GATE).findElement(By.className("identity")).getText().equals("En attente d'enrôlement"));
    WebElement line = row(GATE);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Appareils");
    assertThat(line.getText()).contains("Médiathèque Louise-Michel").contains("Portique").contains("En ligne");
    assertThat(line.findElement(By.className("seen")).getText()).matches("il y a \\d+ secondes?|maintenant");

    line.findElement(By.className("test-alarm")).click();
    wait.until(d -> d.findElement(By.id("status")).getText().equals("Tester l'alarme : envoyé à " + GATE + "."));
    InboundMessage received = gate.awaitMessage(m -> m.topic().equals(COMMAND_TOPIC));
    Command command = MessageCodec.decodeCommand(received.payload());
    assertThat(command.name()).isEqualTo("test-alarm");
    assertThat(command.args()).containsEntry("seconds", "3");
    chromium.screenshot("devices-page-fr");

    // Enrolling a new return box: the string and its QR code, drawn by the hub.
    browser.findElement(By.id("enrol-id")).sendKeys("box-BR02-1");
    new Select(browser.findElement(By.id("enrol-site"))).selectByValue("BR02");
    new Select(browser.findElement(By.id("enrol-kind"))).selectByValue("return-box");
    browser.findElement(By.cssSelector("#enrol-form button[type=submit]")).click();
    WebElement string = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enrolment-string")));
    assertThat(string.getText()).startsWith("NAV1-");
    WebElement qr = browser.findElement(By.cssSelector("#enrolment-qr svg"));
    assertThat(qr.getSize().getWidth()).isGreaterThan(100);
    wait.until(d -> row("box-BR02-1").getText().contains("Boîte de retour"));
    chromium.script("document.getElementById('enrolment').scrollIntoView()");
    chromium.screenshot("devices-enrolment-fr");

    // Revoking asks first: cancelled, nothing changes; confirmed, the gate is revoked.
    row(GATE).findElement(By.className("revoke")).click();
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
    assertThat(dialog.getText()).contains("Révoquer " + GATE + " ?");
    chromium.screenshot("devices-revoke-confirm-fr");
    browser.findElement(By.id("confirm-cancel")).click();
    wait.until(ExpectedConditions.invisibilityOf(dialog));
    assertThat(hub.identities().list()).anyMatch(i -> i.deviceId().equals(GATE) && i.state().equals("pending"));

    row(GATE).findElement(By.className("revoke")).click();
    wait.until(ExpectedConditions.visibilityOf(dialog));
    browser.findElement(By.id("confirm-ok")).click();
    wait.until(d -> row(GATE).findElement(By.className("identity")).getText().equals("Révoqué"));
    assertThat(hub.identities().list()).anyMatch(i -> i.deviceId().equals(GATE) && i.state().equals("revoked"));

    browser.findElement(By.id("lang")).click();
    wait.until(d -> "Devices".equals(d.findElement(By.tagName("h1")).getText()));
    assertThat(row(GATE).getText()).contains("Gate").contains("Revoked").contains("Online");
    assertThat(browser.findElement(By.id("enrolment-expires")).getText()).startsWith("Valid until");
    // What was said stays said (not overwritten by "Loading…" when the language changes).
    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo(GATE + " est révoqué.");
    chromium.screenshot("devices-page-en");
    browser.findElement(By.id("lang")).click(); // French again for whoever opens this browser next
  }
}
