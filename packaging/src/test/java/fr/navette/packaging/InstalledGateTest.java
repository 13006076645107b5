package fr.navette.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.sim.devices.FakeNotifySocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The installed packages at work, in a fresh root as {@link PackagesTest} makes it: the hub of the navette-hub
 * package started as the navette user, a gate added by its administrator's command ({@code navette-hub provision}),
 * then the navette-gate unit's own steps — {@code ExecStartPre} ({@code navette-gate enrol-if-needed}, with the
 * variables systemd reads from /etc/default/navette-gate) and {@code ExecStart} ({@code navette-gate service}, with
 * {@code --simulate} through NAVETTE_OPTS as a PC has no reader) — the gate enrols, publishes over mutual TLS, and a
 * restart carries on with its outbox (its sequence numbers continue). The unit's {@code ExecStartPre=+}
 * ({@code navette-gate forget-enrolment}, as root) removes the spent enrolment string from /etc/default/navette-gate;
 * under a Type=notify unit's variables (a fake notification socket) the gate says READY=1, pings, and STOPPING=1.
 */
class InstalledGateTest {
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Path SCRIPT = Path.of("src/test/sh/root.sh").toAbsolutePath();
  private static final String ADMIN_TOKEN = "installed-gate-test-admin-0123456789";

  private final List<Process> started = new ArrayList<>();
  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private Path work;

  @AfterEach
  void stop() throws Exception {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
    if (work != null) {
      run(List.of("rm", "-rf", work.toString()), Map.of());
    }
  }

  @Test
  void theInstalledGateEnrolsPublishesAndKeepsItsOutboxAcrossARestart() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "InstalledGateTest skipped: a root made with dpkg --root and a mount namespace needs root");
    for (String tool : List.of("dpkg", "unshare", "chroot")) {
      Assumptions.assumeTrue(onPath(tool), "InstalledGateTest skipped: " + tool + " not installed");
    }
    work = Files.createTempDirectory("navette-gateroot-");
    Path root = work.resolve("root");
    run(List.of(SCRIPT.toString(), work.toString(), "setup"), Map.of());
    inRoot(List.of("dpkg", "--root=" + root, "--force-depends", "-i", deb("gate").toString(), deb("hub").toString()),
        Map.of());

    int http = freePort();
    int https = freePort();
    int mqtt = freePort();
    Path hubLog = work.resolve("hub.log");
    start(List.of("chroot", "--userspec=navette:navette", root.toString(), "/usr/bin/navette-hub",
        "--data", "/var/lib/navette/hub", "--http-port", "" + http, "--https-port", "" + https,
        "--mqtt-port", "" + mqtt, "--sigb-port", "" + freePort()),
        Map.of("NAVETTE_STAFF_TOKENS", "admin:" + ADMIN_TOKEN), hubLog);
    await().atMost(Duration.ofSeconds(120)).until(() -> Files.readString(hubLog).contains("CA fingerprint: "));
    Matcher fp = Pattern.compile("CA fingerprint: (\\S+)").matcher(Files.readString(hubLog));
    assertThat(fp.find()).isTrue();

    String added = inRoot(List.of("chroot", "--userspec=navette:navette", root.toString(), "/usr/bin/navette-hub",
        "provision", "--hub", "https://127.0.0.1:" + https, "--ca-fingerprint", fp.group(1),
        "device", "add", "--id", "gate-D1", "--site", "BR01", "--kind", "gate"),
        Map.of("NAVETTE_ADMIN_TOKEN", ADMIN_TOKEN));
    Matcher enrolment = Pattern.compile("\"enrolment\":\"(NAV1-[^\"]+)\"").matcher(added);
    assertThat(enrolment.find()).as(added).isTrue();

    // the unit's ExecStartPre, with what systemd reads from /etc/default/navette-gate
    Map<String, String> unitEnv = Map.of("NAVETTE_HUB", "https://127.0.0.1:" + https,
        "NAVETTE_ENROLMENT", enrolment.group(1), "NAVETTE_OPTS", "--simulate --walk-every PT0.2S",
        "INVOCATION_ID", "installed-gate-test");
    List<String> asNavette = List.of("chroot", "--userspec=navette:navette", root.toString(), "/usr/bin/navette-gate");
    // the technician's /etc/default/navette-gate (0600, root's), and the unit's ExecStartPre=+ (as root, no JVM):
    // not enrolled yet, nothing is touched
    Path defaults = root.resolve("etc/default/navette-gate");
    List<String> written = List.of("# written by the technician", "NAVETTE_HUB=https://127.0.0.1:" + https,
        "NAVETTE_ENROLMENT=" + enrolment.group(1), "NAVETTE_OPTS=\"--simulate --walk-every PT0.2S\"");
    Files.write(defaults, written);
    Files.setPosixFilePermissions(defaults, PosixFilePermissions.fromString("rw-------"));
    List<String> asRoot = List.of("chroot", root.toString(), "/usr/bin/navette-gate");
    inRoot(concat(asRoot, "forget-enrolment"), unitEnv);
    assertThat(Files.readAllLines(defaults)).isEqualTo(written);
    inRoot(concat(asNavette, "enrol-if-needed"), unitEnv);
    // enrolled: the one-time string leaves the file, the rest stays as it was, 0600
    String said = inRoot(concat(asRoot, "forget-enrolment"), unitEnv);
    assertThat(said).contains("enrolment string was removed");
    List<String> after = Files.readAllLines(defaults);
    assertThat(after).doesNotContain(written.get(2)).noneMatch(l -> l.contains(enrolment.group(1)))
        .containsSubsequence(written.get(0), written.get(1), written.get(3))
        .anyMatch(l -> l.startsWith("# NAVETTE_ENROLMENT removed "));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(defaults))).isEqualTo("rw-------");
    inRoot(concat(asRoot, "forget-enrolment"), unitEnv);
    assertThat(Files.readAllLines(defaults)).isEqualTo(after); // nothing more to do
    Path identity = root.resolve("var/lib/navette/gate/identity");
    assertThat(identity.resolve("enrolment.json")).isRegularFile();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(identity.resolve("device.key"))))
        .isEqualTo("rw-------");
    // a second start does not enrol again (the string is spent)
    inRoot(concat(asNavette, "enrol-if-needed"), unitEnv);

    // every key of the shipped /etc/navette/gate.conf, uncommented at its default, is one the gate accepts (it
    // refuses an unknown key or a bad value and would not start); site and device-id come from the identity
    Path conf = root.resolve("etc/navette/gate.conf");
    List<String> keys = Files.readAllLines(conf).stream().filter(l -> l.matches("#[a-z][a-z.-]*=.+"))
        .map(l -> l.substring(1)).toList();
    assertThat(keys).hasSizeGreaterThan(15);
    Files.write(conf, keys);
    // the unit's ExecStart, under a Type=notify unit's variables: systemd's socket played by a receiver in the root
    FakeNotifySocket systemd = new FakeNotifySocket(root.resolve("run/notify.sock"));
    closeAfter.add(systemd);
    await().atMost(Duration.ofSeconds(10)).until(systemd::listening);
    Map<String, String> notifyEnv = new java.util.HashMap<>(unitEnv);
    notifyEnv.putAll(Map.of("NOTIFY_SOCKET", "/run/notify.sock", "WATCHDOG_USEC", "3000000"));
    Process gate = start(concat(asNavette, "service"), notifyEnv, work.resolve("gate-1.log"));
    await().atMost(Duration.ofSeconds(60)).until(() -> !sequences(http, "gate-D1", "state").isEmpty());
    // the installed gate, through the installed systemd-notify, as the navette user: ready, then pings
    await().atMost(Duration.ofSeconds(30)).until(() -> systemd.count("READY=1") == 1 && systemd.count("WATCHDOG=1") >= 2);
    assertThat(systemd.lastStatus()).contains("outbox ", "reader ok");
    assertThat(root.resolve("var/lib/navette/gate/data")).isDirectory();
    gate.destroy();
    assertThat(gate.waitFor(20, TimeUnit.SECONDS)).as("the gate stops on SIGTERM").isTrue();
    assertThat(systemd.count("STOPPING=1")).isEqualTo(1);
    started.remove(gate);
    // outbox events (alarm, count) are numbered by the outbox; state and health carry its last number
    long lastBefore = sequences(http, "gate-D1", "[a-z]+").stream().mapToLong(l -> l).max().orElseThrow();

    start(concat(asNavette, "service"), unitEnv, work.resolve("gate-2.log"));
    // its outbox kept: what it sends next is numbered after what it sent before
    await().atMost(Duration.ofSeconds(60))
        .until(() -> sequences(http, "gate-D1", "alarm|count").stream().anyMatch(s -> s > lastBefore));
    System.out.println("gate-D1: last sequence " + lastBefore + " before the restart, alarm and count events "
        + sequences(http, "gate-D1", "alarm|count") + " in all");
  }

  /** The sequence numbers of a device's events on the channels matching a regex, stored by the hub (GET /api/events). */
  private static List<Long> sequences(int http, String deviceId, String channel) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + http + "/api/events"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<Long> found = new ArrayList<>();
    Matcher m = Pattern.compile("\"deviceId\":\"" + deviceId + "\",\"channel\":\"(?:" + channel + ")\",\"sequence\":(\\d+)")
        .matcher(r.body());
    while (m.find()) {
      found.add(Long.parseLong(m.group(1)));
    }
    return found;
  }

  private Process start(List<String> command, Map<String, String> env, Path log) throws Exception {
    List<String> all = new ArrayList<>(List.of(SCRIPT.toString(), work.toString(), "do"));
    all.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(all).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private String inRoot(List<String> command, Map<String, String> env) throws Exception {
    List<String> all = new ArrayList<>(List.of(SCRIPT.toString(), work.toString(), "do"));
    all.addAll(command);
    return run(all, env);
  }

  private static String run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> all = new ArrayList<>(a);
    all.add(b);
    return all;
  }

  private static Path deb(String role) throws Exception {
    try (Stream<Path> files = Files.list(TARGET)) {
      return files.filter(f -> f.getFileName().toString().matches("navette-" + role + "_.*_all\\.deb"))
          .findFirst().orElseThrow(() -> new AssertionError("no navette-" + role + " .deb in " + TARGET));
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }
}
