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
    // Stored as they arrive: the page is opened once the hub counts all four.
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(60)).until(() -> new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
        URI.create(base() + "/api/stats")).build(), HttpResponse.BodyHandlers.ofString()).body())
        .path("visitsByDay").size() == 4);
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
    assertThat(browser.findElement(By.xpath("//thead/tr/th[3]")).getText()).isEqualTo("Entrées");
    assertThat(browser.findElement(By.id("days")).getText()).contains("BR01").contains("120").contains("140");

    long drawn = firstSeriesPixels();
    assertThat(drawn).as("pixels of BR01's line on the chart's canvas").isGreaterThan(50);
    screenshot("stats-page-fr.png");

    String csvLink = browser.findElement(By.id("csv")).getAttribute("href");
    HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvLink)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).as(csvLink).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(csv.body()).startsWith("\uFEFFdate;branch;entries;exits").contains(";BR02;140;135;");

    browser.findElement(By.id("lang")).click();
    wait.until(d -> "Statistics".equals(d.findElement(By.tagName("h1")).getText()));
    assertThat(browser.findElement(By.xpath("//thead/tr/th[3]")).getText()).isEqualTo("In");
    assertThat(firstSeriesPixels()).as("the chart drawn again in English").isGreaterThan(50);
    screenshot("stats-page-en.png");
    browser.findElement(By.id("lang")).click(); // French again for whoever opens this browser next
  }

  /** How many pixels of the chart's canvas are the first series' colour (the canvas itself, not a screenshot). */
  private static long firstSeriesPixels() {
    Object n = chromium.script("""
        const canvas = document.querySelector('#chart canvas');
        if (!canvas) return -1;
        const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (Math.abs(px[i] - arguments[0]) < 24 && Math.abs(px[i + 1] - arguments[1]) < 24
              && Math.abs(px[i + 2] - arguments[2]) < 24 && px[i + 3] > 200) n++;
        }
        return n;""", FIRST_SERIES_RGB[0], FIRST_SERIES_RGB[1], FIRST_SERIES_RGB[2]);
    return ((Number) n).longValue();
  }

  private static void screenshot(String name) {
    chromium.screenshot(name);
  }
}
