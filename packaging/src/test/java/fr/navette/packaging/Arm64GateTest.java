package fr.navette.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The navette-gate package ({@code Architecture: all}) on an arm64 Raspberry Pi, emulated on this PC: the same .deb
 * installed into a fresh root ({@code root.sh}, as {@link InstalledGateTest}), Debian 13's arm64 Java 21 headless
 * runtime beside it ({@code arm64-root.sh}, downloaded once into {@code ~/.cache/navette/arm64}) and run by
 * qemu-aarch64-static ({@code arm64-in-root.sh}: no binfmt_misc needed).
 *
 * <p>In the suite: the package's jars hold an arm64 build of every native library they carry and nothing else
 * native (no tools needed), and the packaged launcher picks the arm64 Java 21 on its own and starts it under qemu
 * (~15 s; root, qemu-aarch64-static and the packages, else skipped saying which). The whole run — the natives
 * loaded by an emulated JVM, the gate enrolled by its unit's command and running {@code --simulate} until its
 * events are stored by a hub running natively — takes minutes under emulation: with {@code NAVETTE_ARM64_FULL=1}
 * only (bench/README.md, "Gate on arm64 under qemu", has the line and the numbers).
 */
class Arm64GateTest {
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Path SH = Path.of("src/test/sh").toAbsolutePath();
  private static final Path CACHE = Path.of(System.getenv().getOrDefault("NAVETTE_ARM64_CACHE",
      System.getProperty("user.home") + "/.cache/navette/arm64"));
  private static final String ADMIN_TOKEN = "arm64-gate-test-admin-0123456789";
  private static final int EM_AARCH64 = 183;
  /** The arm64 JRE's java as launch.sh finds it: the first of /usr/lib/jvm/* that is a Java 21+. */
  private static final String ARM64_JAVA = "/usr/lib/jvm/java-1.21.0-openjdk-arm64/bin/java";

  private final List<Process> started = new ArrayList<>();
  private Path work;

  @AfterEach
  void stop() throws Exception {
    for (Process p : started) {
      p.toHandle().destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
    if (work != null) {
      run(List.of("rm", "-rf", work.toString()), Map.of(), 60);
    }
  }

  /**
   * A jar is the same on every machine unless it carries native code: each jar of the package that carries ELF
   * libraries carries a glibc AArch64 one (jSerialComm, sqlite-jdbc, JNA, Pi4J's gpiod and linuxfs), the others
   * none, and every class is bytecode a Java 21 runtime loads (newer classes only under META-INF/versions).
   */
  @Test
  void everyNativeLibraryInTheGatePackageHasAnArm64Build() throws Exception {
    Assumptions.assumeTrue(onPath("dpkg-deb"), "Arm64GateTest skipped: dpkg-deb not installed");
    work = Files.createTempDirectory("navette-arm64-jars-");
    run(List.of("dpkg-deb", "-x", deb("gate").toString(), work.toString()), Map.of(), 60);
    Path share = work.resolve("usr/share/navette/gate");
    List<Path> jars;
    try (Stream<Path> lib = Files.list(share.resolve("lib"))) {
      jars = Stream.concat(Stream.of(share.resolve("gate.jar")), lib.filter(f -> f.toString().endsWith(".jar")))
          .sorted().toList();
    }
    assertThat(jars).hasSizeGreaterThan(20);
    Map<String, List<String>> arm64ByJar = new TreeMap<>();
    for (Path jar : jars) {
      JarScan scan = scan(jar);
      assertThat(scan.newerClasses).as(jar + ": classes for a Java newer than 21 outside META-INF/versions").isEmpty();
      if (!scan.elf.isEmpty()) {
        assertThat(scan.arm64).as(jar + " carries native libraries " + scan.elf + " but none for glibc arm64")
            .isNotEmpty();
        arm64ByJar.put(jar.getFileName().toString().replaceAll("-[0-9.]+\\.jar$", ""), scan.arm64);
      }
      assertThat(scan.otherNative).as(jar + ": native code that is not ELF").allMatch(n -> !isLinux(n));
    }
    System.out.println("arm64 native libraries in navette-gate: " + arm64ByJar);
    assertThat(arm64ByJar).containsKeys("jSerialComm", "sqlite-jdbc");
    assertThat(arm64ByJar.get("jSerialComm")).contains("Linux/armv8_64/libjSerialComm.so");
    assertThat(arm64ByJar.get("sqlite-jdbc")).contains("org/sqlite/native/Linux/aarch64/libsqlitejdbc.so");
  }

  /**
   * The packaged launcher, installed by dpkg, in a root whose only Java is Debian 13's arm64 one (as on a Pi):
   * launch.sh's detection picks it (from its release file: no JVM started), and the java it runs is the arm64 one.
   */
  @Test
  void thePackagedLauncherFindsTheArm64Java21() throws Exception {
    Path root = arm64Root();
    String found = inArm64Root(List.of("chroot", "--userspec=navette:navette", root.toString(), "/bin/sh", "-c",
        "role=gate; . /usr/share/navette/gate/launch.sh; find_java; echo \"java=$java version=$java_version\";"
            + " \"$java\" -XshowSettings:properties -version 2>&1 | grep -E 'os.arch|java.version '"), Map.of(), 120);
    assertThat(found).contains("java=" + ARM64_JAVA + " version=21").contains("os.arch = aarch64")
        .contains("java.version = 21.");
  }

  /**
   * The whole run (NAVETTE_ARM64_FULL=1, minutes): an emulated arm64 JVM loads jSerialComm's and sqlite-jdbc's
   * arm64 libraries; the hub of the navette-hub package runs natively; the gate runs its unit's two commands
   * ({@code navette-gate enrol-if-needed}, then {@code navette-gate service} with {@code --simulate}) on the
   * emulated JVM, and its state, health and alarm events are stored by the hub.
   */
  @Test
  void theArm64GateEnrolsRunsSimulatedAndReachesTheHub() throws Exception {
    Assumptions.assumeTrue("1".equals(System.getenv("NAVETTE_ARM64_FULL")),
        "Arm64GateTest: the whole emulated run takes minutes; NAVETTE_ARM64_FULL=1 runs it (bench/README.md)");
    Path root = arm64Root();
    List<String> asNavette = List.of("chroot", "--userspec=navette:navette", root.toString());

    // the natives, loaded by the emulated JVM with the package's class path
    Path probe = root.resolve("tmp/probe/fr/navette/packaging/NativesProbe.class");
    Files.createDirectories(probe.getParent());
    Files.copy(Path.of("target/test-classes/fr/navette/packaging/NativesProbe.class"), probe);
    long t0 = System.nanoTime();
    String natives = inArm64Root(concat(asNavette, "/usr/lib/jvm/java-21-openjdk-arm64/bin/java",
        "--enable-native-access=ALL-UNNAMED", "-cp", "/usr/share/navette/gate/lib/*:/tmp/probe",
        NativesProbe.class.getName()), Map.of(), 300);
    long probeMs = millisSince(t0);
    System.out.println(natives);
    assertThat(natives).contains("os.arch aarch64").contains("jSerialComm 2.").contains("sqlite 3.");
    assertThat(natives).containsPattern("native \\S*/libjSerialComm\\.so AArch64")
        .containsPattern("native \\S*libsqlitejdbc\\.so AArch64").doesNotContain("x86-64");

    // the hub, natively (its own namespace: without the arm64 mounts, launch.sh finds this machine's Java)
    int http = freePort();
    int https = freePort();
    Path hubLog = work.resolve("hub.log");
    start(concat(asNavette, "/usr/bin/navette-hub", "--data", "/var/lib/navette/hub", "--http-port", "" + http,
        "--https-port", "" + https, "--mqtt-port", "" + freePort(), "--sigb-port", "" + freePort()),
        false, Map.of("NAVETTE_STAFF_TOKENS", "admin:" + ADMIN_TOKEN), hubLog);
    await().atMost(Duration.ofSeconds(120)).until(() -> Files.readString(hubLog).contains("CA fingerprint: "));
    Matcher fp = Pattern.compile("CA fingerprint: (\\S+)").matcher(Files.readString(hubLog));
    assertThat(fp.find()).isTrue();
    String added = inRoot(concat(asNavette, "/usr/bin/navette-hub", "provision", "--hub", "https://127.0.0.1:" + https,
        "--ca-fingerprint", fp.group(1), "device", "add", "--id", "gate-A64", "--site", "BR01", "--kind", "gate"),
        Map.of("NAVETTE_ADMIN_TOKEN", ADMIN_TOKEN));
    Matcher enrolment = Pattern.compile("\"enrolment\":\"(NAV1-[^\"]+)\"").matcher(added);
    assertThat(enrolment.find()).as(added).isTrue();

    // the unit's ExecStartPre and ExecStart, on the emulated JVM the launcher found
    Map<String, String> unitEnv = Map.of("NAVETTE_HUB", "https://127.0.0.1:" + https,
        "NAVETTE_ENROLMENT", enrolment.group(1), "NAVETTE_OPTS", "--simulate --walk-every PT0.5S --alarm-share 0.2",
        "INVOCATION_ID", "arm64-gate-test");
    t0 = System.nanoTime();
    inArm64Root(concat(asNavette, "/usr/bin/navette-gate", "enrol-if-needed"), unitEnv, 600);
    long enrolMs = millisSince(t0);
    assertThat(root.resolve("var/lib/navette/gate/identity/enrolment.json")).isRegularFile();

    Path gateLog = work.resolve("gate.log");
    t0 = System.nanoTime();
    Process gate = start(concat(asNavette, "/usr/bin/navette-gate", "service"), true, unitEnv, gateLog);
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250))
        .until(() -> Files.readString(gateLog).contains(" reading (AFI"));
    long readingMs = millisSince(t0);
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250))
        .until(() -> !channels(http, "gate-A64").isEmpty());
    long firstEventMs = millisSince(t0);
    await().atMost(Duration.ofMinutes(3)).until(() -> channels(http, "gate-A64").contains("alarm"));
    assertThat(channels(http, "gate-A64")).contains("state", "health", "alarm");

    // the process is qemu running the arm64 java with the launcher's command line, and sqlite-jdbc's arm64
    // library is mapped in it (the outbox)
    // (root.sh, unshare, chroot, the launcher and the wrapper all exec: the process started is qemu itself)
    ProcessHandle qemu = Stream.concat(Stream.of(gate.toHandle()), gate.descendants())
        .filter(h -> commandLine(h).startsWith("/usr/bin/qemu-aarch64-static ")).findFirst()
        .orElseThrow(() -> new AssertionError("no qemu-aarch64-static in the gate's processes"));
    String commandLine = commandLine(qemu);
    assertThat(commandLine).contains("/opt/arm64/usr/lib/jvm/java-21-openjdk-arm64/bin/java --enable-native-access")
        .contains("@/usr/share/navette/gate/jvm.options").contains("fr.navette.launcher.gate.GateMain")
        .contains("--simulate");
    Optional<Path> sqlite = Files.readAllLines(Path.of("/proc/" + qemu.pid() + "/maps")).stream()
        .filter(l -> l.endsWith("libsqlitejdbc.so")).map(l -> Path.of(l.substring(l.indexOf('/')))).findFirst();
    assertThat(sqlite).as("libsqlitejdbc.so mapped in the emulated gate").isPresent();
    assertThat(elfMachine(Files.readAllBytes(sqlite.get()))).isEqualTo(EM_AARCH64);

    gate.toHandle().destroy();
    t0 = System.nanoTime();
    assertThat(gate.waitFor(120, TimeUnit.SECONDS)).as("the gate stops on SIGTERM").isTrue();
    long stopMs = millisSince(t0);
    started.remove(gate);
    System.out.printf("arm64 under qemu-aarch64-static: natives probe %.1f s, enrol-if-needed %.1f s, service to"
        + " 'reading' %.1f s, to its first event stored by the hub %.1f s, stop %.1f s%n", probeMs / 1000.0,
        enrolMs / 1000.0, readingMs / 1000.0, firstEventMs / 1000.0, stopMs / 1000.0);
  }

  /**
   * A root as {@link InstalledGateTest} makes it, with the gate and hub packages installed and the arm64 JRE
   * unpacked beside it (WORK/arm64) with its /etc files: the JRE's conf/ links to /etc/java-21-openjdk by absolute
   * paths, which qemu's -L prefix does not rewrite (the kernel follows them in the root).
   */
  private Path arm64Root() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "Arm64GateTest skipped: a root made with dpkg --root and a mount namespace needs root");
    for (String tool : List.of("dpkg", "dpkg-deb", "unshare", "chroot", "qemu-aarch64-static")) {
      Assumptions.assumeTrue(onPath(tool), "Arm64GateTest skipped: " + tool + " not installed"
          + (tool.startsWith("qemu") ? " (apt install qemu-user-static)" : ""));
    }
    work = Files.createTempDirectory("navette-arm64-");
    Path root = work.resolve("root");
    run(List.of(SH.resolve("root.sh").toString(), work.toString(), "setup"), Map.of(), 120); // empties work first
    ProcessBuilder arm64 = new ProcessBuilder(SH.resolve("arm64-root.sh").toString(), CACHE.toString(),
        work.resolve("arm64").toString()).redirectErrorStream(true);
    Process p = arm64.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
    Assumptions.assumeTrue(p.exitValue() != 3,
        "Arm64GateTest skipped: Debian 13's arm64 packages could not be downloaded into " + CACHE + "\n" + out);
    assertThat(p.exitValue()).as(out).isZero();
    inRoot(List.of("dpkg", "--root=" + root, "--force-depends", "-i", deb("gate").toString(), deb("hub").toString()),
        Map.of());
    run(List.of("cp", "-a", work.resolve("arm64/etc/java-21-openjdk").toString(), root.resolve("etc").toString()),
        Map.of(), 60);
    return root;
  }

  private static String commandLine(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc/" + process.pid() + "/cmdline")).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  private record JarScan(List<String> elf, List<String> arm64, List<String> otherNative, List<String> newerClasses) {}

  private static JarScan scan(Path jar) throws IOException {
    JarScan s = new JarScan(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    try (JarFile file = new JarFile(jar.toFile())) {
      for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        String name = entry.getName();
        if (entry.isDirectory()) {
          continue;
        }
        byte[] head;
        try (InputStream in = file.getInputStream(entry)) {
          head = in.readNBytes(20);
        }
        if (head.length >= 20 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
          s.elf.add(name);
          // Linux with glibc (a Pi's): not musl's (Alpine), Android's nor FreeBSD's, which some jars carry too
          if (elfMachine(head) == EM_AARCH64 && head[4] == 2
              && !name.toLowerCase().matches(".*(musl|android|freebsd).*")) {
            s.arm64.add(name);
          }
        } else if (name.matches(".*\\.(so|dll|dylib|jnilib)")) {
          s.otherNative.add(name);
        } else if (name.endsWith(".class") && head.length >= 8
            && (head[0] & 0xff) == 0xCA && (head[1] & 0xff) == 0xFE && !name.startsWith("META-INF/versions/")) {
          int major = (head[6] & 0xff) << 8 | (head[7] & 0xff);
          if (major > 65) {
            s.newerClasses.add(name + " (class file " + major + ")");
          }
        }
      }
    }
    return s;
  }

  private static boolean isLinux(String entry) {
    return entry.toLowerCase().contains("linux") && entry.endsWith(".so");
  }

  /** e_machine of an ELF header (little-endian: aarch64 and x86-64 both). */
  private static int elfMachine(byte[] elf) {
    return (elf[18] & 0xff) | (elf[19] & 0xff) << 8;
  }

  /** The channels of a device's events stored by the hub (GET /api/events). */
  private static List<String> channels(int http, String deviceId) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + http + "/api/events"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile("\"deviceId\":\"" + deviceId + "\",\"channel\":\"([a-z]+)\"").matcher(r.body());
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** Runs a command in root.sh's namespace, with the arm64 mounts of arm64-in-root.sh when {@code arm64}. */
  private List<String> namespaced(List<String> command, boolean arm64) {
    List<String> all = new ArrayList<>(List.of(SH.resolve("root.sh").toString(), work.toString(), "do"));
    if (arm64) {
      all.addAll(List.of(SH.resolve("arm64-in-root.sh").toString(), work.toString()));
    }
    all.addAll(command);
    return all;
  }

  private Process start(List<String> command, boolean arm64, Map<String, String> env, Path log) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(namespaced(command, arm64)).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private String inRoot(List<String> command, Map<String, String> env) throws Exception {
    return run(namespaced(command, false), env, 120);
  }

  private String inArm64Root(List<String> command, Map<String, String> env, int seconds) throws Exception {
    return run(namespaced(command, true), env, seconds);
  }

  private static String run(List<String> command, Map<String, String> env, int seconds) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
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
