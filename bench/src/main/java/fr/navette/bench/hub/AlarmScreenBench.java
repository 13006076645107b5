package fr.navette.bench.hub;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.SessionSettings;
import fr.navette.gate.GateAgent;
import fr.navette.gpio.MockGpio;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.reader.Uid;
import fr.navette.sim.devices.ObservedReader;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.tag.SecurityPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * From the gate's reader frame to the alarm on the staff's screen: a real {@link GateAgent} (simulated reader in
 * process, Pi4J's mock) publishes over MQTT 5 to a real hub (embedded broker, SQLite), which asks the SIGB simulator
 * over SIP2 what the document is and pushes the alarm over server-sent events to {@code /alarms.html} open in
 * headless Chromium. Each alarm: an armed tag of a catalogue document enters the field; the frame that showed it is
 * stamped (wall clock, µs) when the gate's light goes on; the page marks the alarm when its card is in the DOM
 * ({@code performance.mark('navette-alarm-shown')}) and at the next frame painted ({@code navette-alarm-painted});
 * latency = mark ({@code performance.timeOrigin + startTime}) − frame. Then the gate is silenced, the tag leaves and
 * the alarm is acknowledged through the API (the screen keeps few cards, as a staffed desk would). Goal: p99 ≤ 300 ms.
 *
 * <pre>java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" fr.navette.bench.hub.AlarmScreenBench [alarms] [warm-up]</pre>
 *
 * Chromium and chromedriver from /usr/bin, or NAVETTE_CHROMIUM / NAVETTE_CHROMEDRIVER.
 */
public final class AlarmScreenBench {
  private AlarmScreenBench() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "bench-logback.xml");
    }
    int alarms = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path dir = Files.createTempDirectory("alarm-screen-bench-");
    SigbSimulatorConfig sigbConfig = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(4, 2_000, 200)).build();
    WebDriver browser = null;
    ChromeDriverService service = null;
    try (SigbSimulator sigb = SigbSimulator.start(sigbConfig);
         Hub hub = Hub.start(HubConfig.local(dir.resolve("hub"), 0, 0,
             SigbSettings.local(sigb.port(), sigbConfig.user(), sigbConfig.password())).withInsecureMqtt(0),
             c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + hub.httpPort();
      service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(System.getenv()
          .getOrDefault("NAVETTE_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile()).usingAnyFreePort().build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary(System.getenv().getOrDefault("NAVETTE_CHROMIUM", "/usr/bin/chromium"));
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--window-size=1280,1000", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
      browser = new ChromeDriver(service, options);
      JavascriptExecutor page = (JavascriptExecutor) browser;
      browser.get(base + "/alarms.html");
      waitFor(() -> ((String) page.executeScript("return document.getElementById('connection').textContent"))
          .startsWith("En direct"), () -> "the page's live stream");

      VirtualField field = new VirtualField();
      AtomicLong frameMicros = new AtomicLong();
      ObservedReader reader = new ObservedReader(new SimulatedReader(field), () -> frameMicros.set(micros(Instant.now())));
      Map<String, String> settings = Map.of("site", "BR01", "device-id", "gate-BR01-bench", "gpio.provider", "mock",
          "reader.pause-ms", "1", "alarm.pattern", "5000/0x1 5000", "alarm.hold-off-ms", "60000", "count.interval-s", "900"); // one alarm per tag
      List<Item> items = sigb.network().items();
      long[] shown = new long[alarms];
      long[] painted = new long[alarms];
      Semaphore edge = new Semaphore(0);
      AtomicLong alarmFrame = new AtomicLong();
      HttpClient http = HttpClient.newHttpClient();
      try (MockGpio gpio = MockGpio.create();
           GateAgent gate = GateAgent.start(() -> settings, reader, gpio, DeviceRuntime.Settings.of(
               SessionSettings.of(hub.mqttUri(), "BR01", "gate-BR01-bench"), dir.resolve("gate")), Clock.systemUTC())) {
        gpio.watchOutput("light", (pin, high, active, nanos) -> {
          if (active) {
            alarmFrame.set(frameMicros.get()); // on the reading loop, right after the frame that decided
            edge.release();
          }
        });
        long uid = 0xE004090000000000L;
        for (int i = -warmUp; i < alarms; i++) {
          Item item = items.get((i + warmUp) % items.size());
          SimulatedTag tag = SimulatedTag.forItem(new Uid(++uid), item.id(), "FR-751131015",
              SecurityPolicy.ISO_ARMED_AFI);
          field.put(tag);
          if (!edge.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no alarm within 10 s for " + item.id() + " (alarm " + i + ")");
          }
          long frame = alarmFrame.get();
          int n = i;
          Object[] marks = new Object[1];
          waitFor(() -> (marks[0] = page.executeScript("""
              const find = name => performance.getEntriesByName(name).find(m => m.detail.itemId === arguments[0]);
              const s = find('navette-alarm-shown'), p = find('navette-alarm-painted');
              return s && p ? [s.detail.eventId, String((performance.timeOrigin + s.startTime) * 1000),
                  String((performance.timeOrigin + p.startTime) * 1000)] : null;""", item.id())) != null,
              () -> "alarm " + n + " (" + item.id() + ") on the page; the hub's log: " + http.send(HttpRequest.newBuilder(
                  URI.create(base + "/api/alarms?limit=3")).build(), HttpResponse.BodyHandlers.ofString()).body());
          List<?> found = (List<?>) marks[0];
          if (i >= 0) {
            shown[i] = Math.round(Double.parseDouble((String) found.get(1))) - frame;
            painted[i] = Math.round(Double.parseDouble((String) found.get(2))) - frame;
          }
          gate.silence();
          field.remove(tag.uid());
          HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create(base + "/api/alarms/"
              + found.get(0) + "/acknowledge")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"false-alarm-fixed\"}")).build(),
              HttpResponse.BodyHandlers.ofString());
          if (ack.statusCode() != 200) {
            throw new IllegalStateException("acknowledge: " + ack.statusCode() + " " + ack.body());
          }
          page.executeScript("performance.clearMarks()");
        }
      }
      report("in the DOM", shown);
      report("painted", painted);
      System.out.println("clock check (page Date.now − JVM, ms): " + ((Number) page.executeScript(
          "return Date.now()")).longValue() + " − " + System.currentTimeMillis());
    } finally {
      if (browser != null) {
        browser.quit();
      }
      if (service != null) {
        service.stop();
      }
    }
    System.exit(0);
  }

  private static void report(String what, long[] micros) {
    long[] sorted = micros.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    System.out.printf("reader frame → alarm %s, %,d alarms: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, n,
        sorted[n / 2] / 1e3, sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e3, sorted[n - 1] / 1e3);
  }

  private static long micros(Instant at) {
    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
  }

  private interface Check {
    boolean done() throws Exception;
  }

  private static void waitFor(Check check, java.util.concurrent.Callable<String> what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!check.done()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what.call());
      }
      Thread.sleep(2); // polling the page; the times measured are the page's own marks, not this loop's
    }
  }
}
