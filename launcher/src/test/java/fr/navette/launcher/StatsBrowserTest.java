package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.testkit.TestMqttClient;
import fr.navette.schema.AlarmEvent;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff's statistics page in real headless Chromium over a real hub (embedded broker, SQLite): gates' counts
 * published over MQTT become a uPlot chart whose canvas holds the first branch's line, a table, and a CSV link
 * that answers text/csv. Skipped, saying so, where Chromium and its driver are not installed (see HeadlessChromium).
 */
class StatsBrowserTest {
  /** The first series' stroke in stats.js's palette, as the canvas holds it. */
  private static final int[] FIRST_SERIES_RGB = {0x0b, 0x5c, 0xad};
  /** The true alarms' stroke on the alarms chart (stats.js's TRUE_ALARM). */
  private static final int[] TRUE_ALARM_RGB = {0xb9, 0x1c, 0x1c};

  @TempDir static Path dir;
  private static SigbSimulator sigb;
  private static Hub hub;
  private static HeadlessChromium chromium;
  private static WebDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled("the statistics page's browser test");
    Clock clock = Clock.systemUTC();
    SigbSimulatorConfig config = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(4, 2_000, 200)).build();
    sigb = SigbSimulator.start(config);
    HubConfig hubConfig = HubConfig.local(dir.resolve("hub"), 0, 0,
        SigbSettings.local(sigb.port(), config.user(), config.password())).withInsecureMqtt(0);
    hub = Hub.start(hubConfig, c -> Sip2SigbGateway.connect(c.sigb()), clock);
    publishCounts(hubConfig.zone());
    publishAlarms();
    // Stored as they arrive: the page is opened once the hub counts all four.
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(60)).until(() -> new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
        URI.create(base() + "/api/stats")).build(), HttpResponse.BodyHandlers.ofString()).body())
        .path("visitsByDay").size() == 4);
    await().atMost(Duration.ofSeconds(60)).until(() -> new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
        URI.create(base() + "/api/stats")).build(), HttpResponse.BodyHandlers.ofString()).body())
        .path("alarmsByDay").size() == 1);
    chromium = HeadlessChromium.start(dir.resolve("chromium"), 1280, 1100);
    browser = chromium.browser();
    wait = chromium.await();
  }

  /** BR01 and BR02 counted people yesterday and today, at 10:00 in the network's zone. */
  private static void publishCounts(ZoneId zone) {
    LocalDate today = LocalDate.now(zone);
    AtomicLong sequence = new AtomicLong();
    try (TestMqttClient gates = TestMqttClient.connect(hub.mqttUri(), "stats-gates")) {
      long[][] entries = {{120, 80}, {60, 140}}; // [branch][yesterday, today]
      for (int b = 0; b < 2; b++) {
        String branch = "BR0" + (b + 1);
        String gate = "gate-" + branch + "-1";
        for (int d = 0; d < 2; d++) {
          Instant start = today.minusDays(1 - d).atTime(10, 0).atZone(zone).toInstant();
          Instant end = start.plus(Duration.ofMinutes(15));
          CountEvent count = new CountEvent(new EventHeader(EventCodec.SCHEMA_VERSION, UUID.randomUUID(), gate,
              sequence.incrementAndGet(), end), start, end, entries[b][d], entries[b][d] - 5, 1);
          gates.publish(OutboundMessage.of("navette/v1/" + branch + "/" + gate + "/count", EventCodec.encode(count),
              1));
        }
      }
    }
  }

  /** BR01's gate sounds today for two documents the SIGB does not know (true alarms) and one on loan. */
  private static void publishAlarms() {
    String onLoan = sigb.network().loans().getFirst().itemId();
    try (TestMqttClient gate = TestMqttClient.connect(hub.mqttUri(), "stats-alarms")) {
      int n = 0;
      for (String item : new String[] {"NO-SUCH-1", "NO-SUCH-2", onLoan}) {
        n++;
        Instant now = Instant.now();
        AlarmEvent alarm = new AlarmEvent(new EventHeader(EventCodec.SCHEMA_VERSION, UUID.randomUUID(),
            "gate-BR01-1", 100 + n, now), "E00401000000000" + n, Optional.of(item), AlarmEvent.Direction.OUT, now);
        gate.publish(OutboundMessage.of("navette/v1/BR01/gate-BR01-1/alarm", EventCodec.encode(alarm), 1));
      }
    }
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
  void theChartIsDrawnWithATableAndACsvLinkInFrenchThenEnglish() throws Exception {
    browser.get(base() + "/stats.html");
    wait.until(d -> d.findElements(By.xpath("//tbody[@id='days']/tr[td[2]='BR02']")).size() == 2);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Statistiques");
    assertThat(browser.findElement(By.xpath(DAYS_HEADER + "/th[3]")).getText()).isEqualTo("Entrées");
    assertThat(browser.findElement(By.id("days")).getText()).contains("BR01").contains("120").contains("140");

    long drawn = firstSeriesPixels();
    assertThat(drawn).as("pixels of BR01's line on the chart's canvas").isGreaterThan(50);
    // Today's alarms: a line of true alarms on the alarms chart, two in the day's row.
    assertThat(pixels("#alarms-chart canvas", TRUE_ALARM_RGB)).as("pixels of the true alarms' line").isGreaterThan(50);
    assertThat(browser.findElement(By.xpath("//tbody[@id='days']/tr[td[2]='BR01'][last()]/td[8]")).getText())
        .isEqualTo("2");
    // Today's occupancy: BR01 counted 80 in, 75 out.
    assertThat(browser.findElement(By.cssSelector("#occupancy tr[data-branch='BR01']")).getText())
        .contains("80").contains("75").endsWith("5");
    screenshot("stats-page-fr.png");
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "document.getElementById('alarms-chart').scrollIntoView()");
    screenshot("stats-page-alarms-fr.png");

    String csvLink = browser.findElement(By.id("csv")).getAttribute("href");
    HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvLink)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).as(csvLink).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(csv.body()).startsWith("\uFEFFdate;branch;entries;exits").contains(";BR02;140;135;");
    assertThat(csv.headers().firstValue("Content-Disposition")).get().asString().startsWith("attachment; filename=");

    // One library chosen: the table, the chart and the CSV link are hers only.
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("branch"))).selectByValue("BR02");
    browser.findElement(By.cssSelector("#period-form button[type=submit]")).click();
    wait.until(d -> d.findElements(By.xpath("//tbody[@id='days']/tr[td[2]='BR01']")).isEmpty());
    assertThat(browser.findElement(By.id("csv")).getAttribute("href")).contains("branch=BR02");
    String br02 = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(browser.findElement(By.id("csv"))
        .getAttribute("href"))).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(br02).contains(";BR02;").doesNotContain(";BR01;");

    browser.findElement(By.id("lang")).click();
    wait.until(d -> "Statistics".equals(d.findElement(By.tagName("h1")).getText()));
    assertThat(browser.findElement(By.xpath(DAYS_HEADER + "/th[3]")).getText()).isEqualTo("In");
    assertThat(firstSeriesPixels()).as("the chart drawn again in English").isGreaterThan(50);
    screenshot("stats-page-en.png");
    browser.findElement(By.id("lang")).click(); // French again for whoever opens this browser next
  }

  private static final String DAYS_HEADER = "//tbody[@id='days']/preceding-sibling::thead/tr";

  private static long firstSeriesPixels() {
    return pixels("#chart canvas", FIRST_SERIES_RGB);
  }

  /** How many pixels of a chart's canvas are this colour (the canvas itself, not a screenshot). */
  private static long pixels(String canvasSelector, int[] rgb) {
    Object n = chromium.script("""
        const canvas = document.querySelector(arguments[3]);
        if (!canvas) return -1;
        const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (Math.abs(px[i] - arguments[0]) < 24 && Math.abs(px[i + 1] - arguments[1]) < 24
              && Math.abs(px[i + 2] - arguments[2]) < 24 && px[i + 3] > 200) n++;
        }
        return n;""", rgb[0], rgb[1], rgb[2], canvasSelector);
    return ((Number) n).longValue();
  }

  private static void screenshot(String name) {
    chromium.screenshot(name);
  }
}
