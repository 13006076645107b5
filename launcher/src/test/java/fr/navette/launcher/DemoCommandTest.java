package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import fr.navette.provisioning.AdminClient;
import fr.navette.provisioning.HubTrust;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./navette demo} in a process of its own, as a librarian runs it: its terminal, its folder, its restart. */
class DemoCommandTest {
  private static final Pattern READY = Pattern.compile(
      "^(Log|SIGB \\(SIP2\\)|Return boxes|Gates|Kiosk \\S+|Dashboard|MQTT|Enrolment|Staff login|Coordinator login|Admin login|Admin token): .*");
  private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) .*");
  private static final Pattern CHATTER = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO ) .*");
  private static final long BROKER_BOUND_KIB = 32 * 1024;
  /** The JVM ends with 128 + 15 after a SIGTERM, once its shutdown hook (the demo's clean stop) returned. */
  private static final int SIGTERM_EXIT = 143;

  @TempDir Path tmp;

  @Test
  void everyDeviceOfTheDemoIsEnrolledAndThePrintedAdminTokenListsThemOverTheCheckedTls() throws Exception {
    try (DemoProcess demo = DemoProcess.start(tmp).awaitReady()) {
      List<String> ready = demo.terminal();
      String mqtt = line(ready, "MQTT: ");
      URI enrolment = URI.create(line(ready, "Enrolment: "));
      String token = line(ready, "Admin token: ");
      assertThat(mqtt).startsWith("mqtts://127.0.0.1:");
      assertThat(enrolment.getScheme()).isEqualTo("https");
      // The token carries the CA's fingerprint: the client checks the hub before sending it, as `provision` does.
      X509Certificate ca = HubTrust.networkCa(enrolment, Optional.empty(), Optional.empty(), token,
          Duration.ofSeconds(10));
      try (AdminClient admin = new AdminClient(enrolment, ca, token, Duration.ofSeconds(10))) {
        JsonNode devices = admin.list();
        List<String> enrolled = new ArrayList<>();
        devices.forEach(d -> enrolled.add(d.path("deviceId").asText() + " " + d.path("state").asText()));
        assertThat(enrolled).contains("gate-BR01-1 enrolled", "box-BR01-1 enrolled", "kiosk-BR01-1 enrolled")
            .allMatch(d -> d.endsWith(" enrolled"));
      }
      theStaffApiNeedsALoginAndThePrintedAccountsOpenSessions(demo);
    }
  }

  /** The demo's console is no longer open: the printed accounts log in, each in its role. */
  private static void theStaffApiNeedsALoginAndThePrintedAccountsOpenSessions(DemoProcess demo) throws Exception {
    String dashboard = demo.ready("Dashboard");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(dashboard + "api/transits")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("a GET without a session").isEqualTo(401);
    assertThat(demo.ready("Staff login")).matches("agent-br01 / [A-Za-z0-9]{16}");
    assertThat(demo.ready("Coordinator login")).matches("coordination / [A-Za-z0-9]{16}");
    assertThat(demo.ready("Admin login")).matches("administration / [A-Za-z0-9]{16}");

    String[] staff = demo.session("Staff login");
    JsonNode me = new ObjectMapper().readTree(staff[2]);
    assertThat(me.path("role").asText()).isEqualTo("branch-staff");
    assertThat(me.path("branches").toString()).isEqualTo("[\"BR01\"]");
    HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(dashboard + "api/transits"))
        .header("Cookie", staff[0]).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(dashboard + "api/admin/users")).header("Cookie", staff[0])
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("branch staff on the admin API").isEqualTo(403);
    assertThat(new ObjectMapper().readTree(demo.session("Coordinator login")[2]).path("role").asText())
        .isEqualTo("coordinator");
  }

  private static String line(List<String> terminal, String prefix) {
    return terminal.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
  }

  @Test
  void theReadyLinesComeLastAndTogetherAndThePartsChatterGoesToTheLogFile() throws Exception {
    Path log;
    List<String> running;
    List<String> terminal;
    try (DemoProcess demo = DemoProcess.start(tmp, "--return-every", "PT0.2S").awaitReady()) {
      List<String> atReady = demo.terminal();
      int first = firstReadyLine(atReady);
      int last = indexOf(atReady, "Admin token: ");
      assertThat(atReady.subList(0, first)).as("before the ready lines").noneMatch(l -> CHATTER.matcher(l).matches());
      assertThat(atReady.subList(first, last + 1)).as("the ready lines, together")
          .allMatch(l -> READY.matcher(l).matches()).anyMatch(l -> l.startsWith("Log: "));
      log = demo.logFile();
      assertThat(log.getParent().getFileName().toString()).startsWith("navette-demo-");
      await("returns accepted, in the log file").atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(log).lines().filter(l -> l.contains("return box")).count() >= 3);
      running = demo.terminal();
      assertThat(running.subList(last + 1, running.size())).as("after the ready lines, while returns came in")
          .noneMatch(l -> LOG_LINE.matcher(l).matches());
      assertThat(demo.stop()).as("exit code after SIGTERM").isEqualTo(SIGTERM_EXIT);
      terminal = demo.terminal();
    }
    assertThat(terminal).contains("Stopping the demo…");
    assertThat(terminal).as("the whole terminal").noneMatch(l -> CHATTER.matcher(l).matches());
    assertThat(log).as("a clean exit deletes the temporary folder, log included").doesNotExist();
  }

  @Test
  void withVerboseThePartsChatterIsOnTheTerminalBeforeTheReadyLines() throws Exception {
    try (DemoProcess demo = DemoProcess.start(tmp, "--verbose").awaitReady()) {
      List<String> terminal = demo.terminal();
      int first = indexOf(terminal, "Log: ");
      assertThat(terminal.subList(0, first)).anyMatch(l -> l.contains("INFO") && l.contains("MQTT 5 broker"))
          .anyMatch(l -> l.contains("INFO") && l.contains("connected to ssl://"));
      assertThat(terminal.subList(first, indexOf(terminal, "Admin token: ") + 1)).allMatch(l -> READY.matcher(l).matches());
      assertThat(Files.readString(demo.logFile())).contains("MQTT 5 broker");
      assertThat(demo.stop()).isEqualTo(SIGTERM_EXIT);
    }
  }

  @Test
  void aDemoStartedAgainOnItsDataFolderCarriesOnWithItsEventsTransitsAndDevices() throws Exception {
    Path data = tmp.resolve("kept");
    Path db = data.resolve("hub/hub.db");
    long events;
    long transits;
    Map<String, Long> lastSequence;
    byte[] patronKey;
    try (DemoProcess demo = DemoProcess.start(tmp, "--data", data.toString(), "--return-every", "PT0.2S")
        .awaitReady()) {
      assertThat(demo.logFile()).isEqualTo(data.resolve("demo.log").toAbsolutePath());
      await("returns stored and transits opened").atMost(Duration.ofSeconds(60))
          .until(() -> count(db, "SELECT COUNT(*) FROM events WHERE channel = 'return'") >= 5
              && count(db, "SELECT COUNT(*) FROM transits") >= 1);
      assertThat(kibOnDisk(data.resolve("hub/broker"))).as("broker folder, KiB on disk").isLessThan(BROKER_BOUND_KIB);
      assertThat(demo.stop()).isEqualTo(SIGTERM_EXIT);
    }
    events = count(db, "SELECT COUNT(*) FROM events");
    transits = count(db, "SELECT COUNT(*) FROM transits");
    lastSequence = lastReturnSequences(db);
    patronKey = Files.readAllBytes(data.resolve("hub/patron.key"));
    assertThat(data.resolve("demo.log")).content(StandardCharsets.UTF_8).contains("MQTT 5 broker");
    assertThat(data.resolve("devices")).isNotEmptyDirectory();

    try (DemoProcess again = DemoProcess.start(tmp, "--data", data.toString(), "--return-every", "PT0.2S")
        .awaitReady()) {
      assertThat(count(db, "SELECT COUNT(*) FROM events")).as("events kept").isGreaterThanOrEqualTo(events);
      assertThat(count(db, "SELECT COUNT(*) FROM transits")).as("transits kept").isGreaterThanOrEqualTo(transits);
      // Each box's outbox kept its sequence numbers: what it sends now follows what it sent before.
      await("new returns after the last ones of the first run").atMost(Duration.ofSeconds(60)).until(() ->
          lastReturnSequences(db).entrySet().stream().anyMatch(e -> lastSequence.containsKey(e.getKey())
              && e.getValue() > lastSequence.get(e.getKey())));
      // (state and health carry the outbox's last sequence number, not one of their own)
      assertThat(count(db, "SELECT COUNT(*) FROM (SELECT device_id, sequence FROM events WHERE channel NOT IN"
          + " ('state', 'health') GROUP BY device_id, sequence HAVING COUNT(*) > 1) t"))
          .as("an outbox's (device, sequence) stored twice").isZero();
      assertThat(kibOnDisk(data.resolve("hub/broker"))).as("broker folder, KiB on disk").isLessThan(BROKER_BOUND_KIB);
      assertThat(again.stop()).isEqualTo(SIGTERM_EXIT);
    }
    assertThat(data.resolve("hub/patron.key")).hasBinaryContent(patronKey);
    assertThat(Files.readString(data.resolve("demo.log"))).as("one log across both runs")
        .containsPattern("(?s)demo folder .*kept.*demo folder .*kept");
  }

  @Test
  void theTemporaryFolderOfADemoKilledWithSigkillIsRemovedByTheNextDemo() throws Exception {
    Path killed;
    try (DemoProcess demo = DemoProcess.start(tmp).awaitReady()) {
      killed = demo.logFile().getParent();
      demo.kill();
    }
    assertThat(killed).as("left behind by kill -9").isDirectory();
    Path unknown = Files.createDirectories(tmp.resolve("navette-demo-not-ours")); // no lock file: left alone
    try (DemoProcess next = DemoProcess.start(tmp).awaitReady()) {
      assertThat(killed).doesNotExist();
      assertThat(unknown).isDirectory();
      assertThat(Files.readString(next.logFile())).contains("removed " + killed);
      assertThat(next.stop()).isEqualTo(SIGTERM_EXIT);
    }
    try (Stream<Path> left = Files.list(tmp)) { // the JVM's native libraries unpacked there aside
      assertThat(left.filter(p -> p.getFileName().toString().startsWith("navette-demo-"))).containsExactly(unknown);
    }
  }

  private static int firstReadyLine(List<String> terminal) {
    for (int i = 0; i < terminal.size(); i++) {
      if (READY.matcher(terminal.get(i)).matches()) {
        return i;
      }
    }
    throw new AssertionError("no ready line in\n" + String.join("\n", terminal));
  }

  private static int indexOf(List<String> terminal, String prefix) {
    for (int i = 0; i < terminal.size(); i++) {
      if (terminal.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starting with '" + prefix + "' in\n" + String.join("\n", terminal));
  }

  private static long count(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Map<String, Long> lastReturnSequences(Path db) throws Exception {
    Map<String, Long> last = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(
             "SELECT device_id, MAX(sequence) FROM events WHERE channel = 'return' GROUP BY device_id")) {
      while (rs.next()) {
        last.put(rs.getString(1), rs.getLong(2));
      }
    }
    return last;
  }

  // Blocks on disk, as du counts them (preallocated files are short by length and large on disk).
  private static long kibOnDisk(Path folder) throws Exception {
    Process du = new ProcessBuilder("du", "-sk", folder.toString()).redirectErrorStream(true).start();
    String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(du.waitFor()).as("du: " + out).isZero();
    return Long.parseLong(out.split("\\s+")[0]);
  }
}
