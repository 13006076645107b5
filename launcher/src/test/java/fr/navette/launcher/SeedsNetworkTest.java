package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./navette demo --network seeds}, with a small catalogue so that it starts quickly: 45 real devices over mutual
 * TLS, and the simulated patrons' returns, loans at the kiosks (through the kiosk pages) and gate alarms reach the hub.
 */
class SeedsNetworkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SIGTERM_EXIT = 143;

  @TempDir Path tmp;

  @Test
  void fifteenBranchesWithAGateAKioskAndABoxEachAndThePatronsEventsReachTheHub() throws Exception {
    try (DemoProcess demo = DemoProcess.start(tmp, "--network", "seeds", "--items", "6000", "--patrons", "600",
        "--speed", "60").awaitReady()) {
      assertThat(demo.ready("SIGB (SIP2)")).endsWith("15 branches, 6000 items");
      assertThat(demo.ready("Simulated clock")).startsWith("x60 from ").contains("10:00");
      assertThat(demo.terminal()).filteredOn(l -> l.startsWith("Kiosk BR")).hasSize(15);
      String dashboard = demo.ready("Dashboard");
      String cookie = demo.session("Admin login")[0];

      await("45 devices online").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        JsonNode devices = get(dashboard + "api/devices", cookie);
        assertThat(devices).hasSize(45);
        assertThat(devices).allSatisfy(d -> assertThat(d.path("state").asText()).as(d.path("deviceId").asText())
            .isEqualTo("online"));
      });
      // Returns in the boxes, loans at the kiosks, alarms at the gates: each kind from the simulated patrons.
      await("events of each kind").atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
        Set<String> channels = new HashSet<>();
        get(dashboard + "api/events?limit=1000", cookie).forEach(e -> channels.add(e.path("channel").asText()));
        assertThat(channels).contains("return", "checkout", "alarm");
      });
      if (HeadlessChromium.installed()) {
        dashboardScreenshot(dashboard, cookie);
      }
      assertThat(demo.stop()).as("exit code after SIGTERM").isEqualTo(SIGTERM_EXIT);
      List<String> terminal = demo.terminal();
      assertThat(terminal).as("the terminal").contains("Stopping the demo…");
    }
  }

  // The staff console's dashboard during the run (target/screenshots/seeds-dashboard.png): look at it.
  private void dashboardScreenshot(String dashboard, String cookie) throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("chromium"), 1400, 2200)) {
      chromium.browser().get(dashboard + "login.html");
      String[] nameValue = cookie.split("=", 2);
      chromium.browser().manage().addCookie(new org.openqa.selenium.Cookie(nameValue[0], nameValue[1]));
      chromium.browser().get(dashboard);
      chromium.await().until(b -> ((Number) chromium.script(
          "return document.querySelectorAll('#devices tr').length")).intValue() >= 45);
      chromium.screenshot("seeds-dashboard");
      chromium.browser().get(dashboard + "stats.html");
      chromium.await().until(b -> "complete".equals(chromium.script("return document.readyState")));
      chromium.screenshot("seeds-stats");
    }
  }

  private static JsonNode get(String uri, String cookie) throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(uri).isEqualTo(200);
    return JSON.readTree(answer.body());
  }
}
