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

  /** The hub installed and started, a gate enrolled with it by the unit's ExecStartPre. */
  private record Installed(Path root, int http, int https, int mqtt, int sigb, Process hub, Map<String, String> unitEnv,
                           List<String> asNavette) {}

  private Installed installHubAndEnrolGate(String gateId, String gateOptions) throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "InstalledGateTest skipped: a root made with dpkg --root and a mount namespace needs root");
    for (String tool : List.of("dpkg", "dpkg-deb", "unshare", "chroot")) {
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
    int sigb = freePort();
    Process hub = startHub(root, http, https, mqtt, sigb, work.resolve("hub.log"));
    Matcher fp = Pattern.compile("CA fingerprint: (\\S+)").matcher(Files.readString(work.resolve("hub.log")));
    assertThat(fp.find()).isTrue();

    String added = inRoot(List.of("chroot", "--userspec=navette:navette", root.toString(), "/usr/bin/navette-hub",
        "provision", "--hub", "https://127.0.0.1:" + https, "--ca-fingerprint", fp.group(1),
        "device", "add", "--id", gateId, "--site", "BR01", "--kind", "gate"),
        Map.of("NAVETTE_ADMIN_TOKEN", ADMIN_TOKEN));
    Matcher enrolment = Pattern.compile("\"enrolment\":\"(NAV1-[^\"]+)\"").matcher(added);
    assertThat(enrolment.find()).as(added).isTrue();

    // the unit's ExecStartPre, with what systemd reads from /etc/default/navette-gate
    Map<String, String> unitEnv = Map.of("NAVETTE_HUB", "https://127.0.0.1:" + https,
        "NAVETTE_ENROLMENT", enrolment.group(1), "NAVETTE_OPTS", gateOptions,
        "INVOCATION_ID", "installed-gate-test");
    List<String> asNavette = List.of("chroot", "--userspec=navette:navette", root.toString(), "/usr/bin/navette-gate");
    // the technician's /etc/default/navette-gate (0600, root's), and the unit's ExecStartPre=+ (as root, no JVM):
    // not enrolled yet, nothing is touched
    Path defaults = root.resolve("etc/default/navette-gate");
    List<String> written = List.of("# written by the technician", "NAVETTE_HUB=https://127.0.0.1:" + https,
        "NAVETTE_ENROLMENT=" + enrolment.group(1), "NAVETTE_OPTS=\"" + gateOptions + "\"");
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
    return new Installed(root, http, https, mqtt, sigb, hub, unitEnv, asNavette);
  }

  private Process startHub(Path root, int http, int https, int mqtt, int sigb, Path hubLog) throws Exception {
    Process hub = start(List.of("chroot", "--userspec=navette:navette", root.toString(), "/usr/bin/navette-hub",
        "--data", "/var/lib/navette/hub", "--http-port", "" + http, "--https-port", "" + https,
        "--mqtt-port", "" + mqtt, "--sigb-port", "" + sigb),
        Map.of("NAVETTE_STAFF_TOKENS", "admin:" + ADMIN_TOKEN), hubLog);
    await().atMost(Duration.ofSeconds(120)).until(() -> Files.readString(hubLog).contains("CA fingerprint: "));
    return hub;
  }

  @Test
  void theInstalledGateEnrolsPublishesAndKeepsItsOutboxAcrossARestart() throws Exception {
    Installed it = installHubAndEnrolGate("gate-D1", "--simulate --walk-every PT0.2S");
    Path root = it.root();
    int http = it.http();
    Map<String, String> unitEnv = it.unitEnv();
    List<String> asNavette = it.asNavette();
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

  /**
   * Upgrade in place with events waiting (issue 18): the hub is away, the installed gate queues alarms in its
   * outbox, the unit stops (as dpkg's prerm does), a newer navette-gate is installed over it — the built package
   * repacked with a higher version, the same files: what an upgrade does to the state, the identity and the
   * settings, not what a newer program does with them (OutboxUpgradeTest migrates an old outbox file) — the hub
   * comes back, the new gate starts, and every queued event reaches the hub exactly once.
   */
  @Test
  void anUpgradeInPlaceDeliversWhatTheOldGateQueuedExactlyOnceAndKeepsItsIdentityAndSettings() throws Exception {
    Installed it = installHubAndEnrolGate("gate-U1", "--simulate --walk-every PT0.05S --alarm-share 1");
    Path root = it.root();
    Path conf = root.resolve("etc/navette/gate.conf");
    Files.writeString(conf, Files.readString(conf) + "alarm.pattern=200/200x3 1000\n"); // an edited conffile
    Process gate = start(concat(it.asNavette(), "service"), it.unitEnv(), work.resolve("gate-v1.log"));
    await().atMost(Duration.ofSeconds(60)).until(() -> !sequences(it.http(), "gate-U1", "state").isEmpty());

    it.hub().destroy(); // the hub goes away: the gate queues what walkers set off
    assertThat(it.hub().waitFor(30, TimeUnit.SECONDS)).isTrue();
    started.remove(it.hub());
    Path outbox = root.resolve("var/lib/navette/gate/data/outbox.db");
    await().atMost(Duration.ofSeconds(90)).until(() -> queued(outbox).size() >= 100);
    gate.destroy(); // the unit stopped, as the package's prerm does before an upgrade
    assertThat(gate.waitFor(20, TimeUnit.SECONDS)).as("the gate stops on SIGTERM").isTrue();
    started.remove(gate);
    List<Long> waiting = queued(outbox);
    assertThat(waiting).hasSizeGreaterThanOrEqualTo(100);

    Path identity = root.resolve("var/lib/navette/gate/identity");
    Map<String, byte[]> identityBefore = contents(identity);
    String settingsBefore = Files.readString(conf);
    String v1 = installedVersion("navette-gate");
    Path v2deb = repackWithHigherVersion(deb("gate"), work.resolve("v2"));
    String out = inRoot(List.of("dpkg", "--root=" + root, "--force-depends", "--force-confold", "-i",
        v2deb.toString()), Map.of());
    String v2 = installedVersion("navette-gate");
    assertThat(v2).isEqualTo(v1 + "+upgrade1");
    assertThat(out).contains("Unpacking navette-gate (" + v2 + ") over (" + v1 + ")")
        .contains("Setting up navette-gate (" + v2 + ")");
    assertThat(contents(identity)).as("the gate's identity after the upgrade")
        .containsOnlyKeys(identityBefore.keySet())
        .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(identityBefore.get(name)));
    assertThat(Files.readString(conf)).isEqualTo(settingsBefore);
    assertThat(queued(outbox)).as("the outbox after the upgrade").isEqualTo(waiting);

    startHub(root, it.http(), it.https(), it.mqtt(), it.sigb(), work.resolve("hub-2.log"));
    Map<String, String> slower = new java.util.HashMap<>(it.unitEnv());
    slower.put("NAVETTE_OPTS", "--simulate --walk-every PT2S --alarm-share 1"); // few new alarms beside the backlog
    start(concat(it.asNavette(), "service"), slower, work.resolve("gate-v2.log"));
    try {
      await().atMost(Duration.ofSeconds(120))
          .until(() -> sequences(it.http(), "gate-U1", "alarm|count").containsAll(waiting));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("queued before the upgrade: " + waiting + "\nat the hub: "
          + sequences(it.http(), "gate-U1", "[a-z]+") + "\nstill queued: " + queued(outbox) + "\ngate v2 log:\n"
          + tail(work.resolve("gate-v2.log")) + "\nhub log:\n" + tail(work.resolve("hub-2.log")), e);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> queued(outbox).stream().noneMatch(waiting::contains));
    // the outbox holds alarms and the count the v1 gate stored as it stopped
    List<Long> atHub = sequences(it.http(), "gate-U1", "alarm|count");
    for (long sequence : waiting) {
      assertThat(atHub.stream().filter(s -> s == sequence).count()).as("event " + sequence + " at the hub").isOne();
    }
    System.out.println("gate-U1: " + waiting.size() + " events queued across the upgrade " + v1 + " -> " + v2
        + ", each at the hub once");
  }

  private static String tail(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** The sequence numbers waiting in an outbox file (read beside the gate: WAL lets a reader in). */
  private static List<Long> queued(Path outbox) throws Exception {
    if (!Files.exists(outbox)) {
      return List.of();
    }
    List<Long> sequences = new ArrayList<>();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + outbox);
         java.sql.Statement st = c.createStatement();
         java.sql.ResultSet rs = st.executeQuery("SELECT sequence FROM outbox ORDER BY sequence")) {
      while (rs.next()) {
        sequences.add(rs.getLong(1));
      }
    }
    return sequences;
  }

  private static Map<String, byte[]> contents(Path folder) throws Exception {
    Map<String, byte[]> files = new java.util.TreeMap<>();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path f : list.filter(Files::isRegularFile).toList()) {
        files.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return files;
  }

  private String installedVersion(String pkg) throws Exception {
    return inRoot(List.of("dpkg-query", "--admindir=" + work.resolve("root/var/lib/dpkg"), "-W",
        "-f=${Version}", pkg), Map.of()).strip();
  }

  /** The same package with "+upgrade1" after its version: what a newer release's package is to dpkg. */
  private static Path repackWithHigherVersion(Path deb, Path into) throws Exception {
    Path tree = into.resolve("tree");
    Files.createDirectories(into);
    run(List.of("dpkg-deb", "-R", deb.toString(), tree.toString()), Map.of());
    Path control = tree.resolve("DEBIAN/control");
    Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: (\\S+)$", "Version: $1+upgrade1"));
    Path out = into.resolve("navette-gate-upgrade.deb");
    run(List.of("dpkg-deb", "--root-owner-group", "-b", tree.toString(), out.toString()), Map.of());
    return out;
  }

  /** The sequence numbers of a device's events on the channels matching a regex, stored by the hub (GET /api/events). */
  private static List<Long> sequences(int http, String deviceId, String channel) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + http + "/api/events?limit=1000"))
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
