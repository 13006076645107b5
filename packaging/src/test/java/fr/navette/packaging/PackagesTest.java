package fr.navette.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The three .deb files of {@code ./mvnw verify}, installed into a fresh Debian root ({@code src/test/sh/root.sh}:
 * this machine's /usr through an overlay, a copy of its /etc, a new dpkg database, in a private mount namespace) with
 * {@code dpkg --root}, their maintainer scripts run there: files, modes, conffiles, the navette user and its groups,
 * the state folders, the units (enabled, {@code systemd-analyze verify} clean), each role's command started with the
 * role's class path, a second install (an upgrade in place) that changes nothing and keeps an edited conffile, a
 * purge; and lintian without errors. Needs root, dpkg and unshare (a Debian machine or CI); skips with a message
 * elsewhere.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagesTest {
  private static final List<String> ROLES = List.of("gate", "kiosk", "hub");
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Path SCRIPT = Path.of("src/test/sh/root.sh").toAbsolutePath();

  private static Path work;
  private static Path root;
  private static Path usr;
  private static Map<String, Path> debs;
  private static Process lintian;
  private static Path lintianOut;

  @BeforeAll
  static void installIntoAFreshRoot() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "PackagesTest skipped: installing into a root with dpkg --root and a mount namespace needs root");
    for (String tool : List.of("dpkg", "unshare", "chroot")) {
      Assumptions.assumeTrue(onPath(tool), "PackagesTest skipped: " + tool + " not installed (a Debian machine has it)");
    }
    debs = new java.util.LinkedHashMap<>();
    for (String role : ROLES) {
      try (Stream<Path> files = Files.list(TARGET)) {
        Path deb = files.filter(f -> f.getFileName().toString().matches("navette-" + role + "_.*_all\\.deb"))
            .findFirst().orElseThrow(() -> new AssertionError("no navette-" + role + " .deb in " + TARGET));
        debs.put(role, deb);
      }
    }
    if (onPath("lintian")) { // the longest part (~30 s for the hub's 120 MB): beside the installs
      lintianOut = Files.createTempFile("navette-lintian-", ".txt");
      List<String> command = new ArrayList<>(List.of("lintian", "--tag-display-limit", "0", "--"));
      debs.values().forEach(d -> command.add(d.toString()));
      lintian = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(lintianOut.toFile()).start();
    }
    work = Files.createTempDirectory("navette-debroot-");
    root = work.resolve("root");
    usr = work.resolve("usr-upper");
    sh(SCRIPT.toString(), work.toString(), "setup");
    List<String> install = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-depends", "-i"));
    debs.values().forEach(d -> install.add(d.toString()));
    inRoot(install);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (lintian != null) {
      lintian.destroy();
    }
    if (work != null) {
      sh("rm", "-rf", work.toString());
    }
  }

  @Test
  @Order(1)
  void eachRoleCarriesItsOwnJarsOnly() throws IOException {
    List<String> gate = jars("gate");
    List<String> kiosk = jars("kiosk");
    List<String> hub = jars("hub");
    System.out.printf("jars: gate %d, kiosk %d, hub %d%n", gate.size(), kiosk.size(), hub.size());
    assertThat(gate).anyMatch(j -> j.startsWith("gate-agent-")).anyMatch(j -> j.startsWith("provisioning-"))
        .contains("gate-paho-unsigned.jar")
        .noneMatch(j -> j.startsWith("hub-") || j.startsWith("helidon") || j.startsWith("hivemq")
            || j.startsWith("kiosk-agent-") || j.startsWith("logback") || j.startsWith("org.eclipse.paho"));
    assertThat(kiosk).anyMatch(j -> j.startsWith("kiosk-agent-")).anyMatch(j -> j.startsWith("provisioning-"))
        .noneMatch(j -> j.startsWith("hub-") || j.startsWith("helidon") || j.startsWith("hivemq")
            || j.startsWith("gate-agent-") || j.startsWith("sim-") || j.startsWith("logback"));
    assertThat(hub).anyMatch(j -> j.startsWith("hub-")).anyMatch(j -> j.startsWith("hivemq"));
  }

  @Test
  @Order(2)
  void filesModesAndConffiles() throws IOException {
    String status = Files.readString(root.resolve("var/lib/dpkg/status"));
    for (String role : ROLES) {
      String pkg = "navette-" + role;
      assertThat(mode(usr.resolve("bin/" + pkg))).isEqualTo("rwxr-xr-x");
      assertThat(mode(usr.resolve("share/navette/" + role + "/" + role + ".jar"))).isEqualTo("rw-r--r--");
      assertThat(usr.resolve("share/navette/" + role + "/jvm.options")).isRegularFile();
      assertThat(mode(usr.resolve("lib/systemd/system/" + pkg + ".service"))).isEqualTo("rw-r--r--");
      assertThat(mode(root.resolve("etc/navette/" + role + ".conf"))).isEqualTo("rw-r--r--");
      // may hold the enrolment string, the hub's secrets
      assertThat(mode(root.resolve("etc/default/" + pkg))).isEqualTo("rw-------");
      assertThat(status).contains(" /etc/navette/" + role + ".conf ", " /etc/default/" + pkg + " ");
      assertThat(usr.resolve("share/doc/" + pkg + "/copyright")).isRegularFile();
      try (InputStream in = new GZIPInputStream(Files.newInputStream(usr.resolve("share/doc/" + pkg + "/changelog.gz")))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith(pkg + " (");
      }
    }
    // every line of a device's conffile is a comment or blank: the defaults are the agent's own
    assertThat(Files.readAllLines(root.resolve("etc/navette/gate.conf")))
        .allMatch(l -> l.isBlank() || l.startsWith("#"));
  }

  @Test
  @Order(3)
  void aNavetteSystemUserOwnsTheStateFolders() throws Exception {
    String passwd = line(root.resolve("etc/passwd"), "navette:");
    String[] f = passwd.split(":");
    assertThat(Integer.parseInt(f[2])).as("a system uid").isLessThan(1000);
    assertThat(f[5]).isEqualTo("/var/lib/navette");
    assertThat(f[6]).isIn("/usr/sbin/nologin", "/bin/false");
    for (String group : List.of("dialout", "gpio")) {
      String g = lineOrNull(root.resolve("etc/group"), group + ":");
      if (g != null) {
        assertThat(g.substring(g.lastIndexOf(':') + 1).split(",")).as("navette in " + group).contains("navette");
      }
    }
    for (String role : ROLES) {
      Path state = root.resolve("var/lib/navette/" + role);
      assertThat(mode(state)).isEqualTo("rwx------");
      assertThat(Files.getAttribute(state, "unix:uid")).isEqualTo(Integer.parseInt(f[2]));
    }
  }

  @Test
  @Order(4)
  void unitsAreEnabledAndVerify() throws Exception {
    for (String role : ROLES) {
      String unit = "navette-" + role + ".service";
      assertThat(root.resolve("etc/systemd/system/multi-user.target.wants/" + unit)).as(unit + " enabled")
          .isSymbolicLink();
      if (onPath("systemd-analyze")) {
        // chrooted: ExecStart= and User= are looked up in the root; verify only warns (exit 0) on a bad line
        String out = inRoot(List.of("chroot", root.toString(), "systemd-analyze", "verify",
            "/usr/lib/systemd/system/" + unit));
        assertThat(out).as("systemd-analyze verify " + unit).isBlank();
      }
    }
    // the kiosk's screen: installed, not enabled (a return box has no screen and keeps its console on tty1)
    String screenUnit = "navette-kiosk-screen.service";
    assertThat(root.resolve("etc/systemd/system/graphical.target.wants/" + screenUnit)).doesNotExist();
    assertThat(root.resolve("etc/systemd/system/multi-user.target.wants/" + screenUnit)).doesNotExist();
    if (onPath("systemd-analyze") && Files.isExecutable(Path.of("/usr/bin/cage"))) {
      String out = inRoot(List.of("chroot", root.toString(), "systemd-analyze", "verify",
          "/usr/lib/systemd/system/" + screenUnit));
      assertThat(out).as("systemd-analyze verify " + screenUnit).isBlank();
    } else {
      System.out.println("PackagesTest: " + screenUnit + " not verified: no systemd-analyze or no /usr/bin/cage"
          + " (apt-get install cage)");
    }
    assertThat(Files.readString(usr.resolve("lib/systemd/system/" + screenUnit))).contains("User=navette-screen",
        "PAMName=login", "TTYPath=/dev/tty1", "Conflicts=getty@tty1.service", "Restart=always",
        "After=navette-kiosk.service", "ExecCondition=/usr/bin/navette-kiosk screen-check",
        "ExecStart=/usr/bin/cage -d -s -- /usr/bin/navette-kiosk screen");
    String gate = Files.readString(usr.resolve("lib/systemd/system/navette-gate.service"));
    assertThat(gate).contains("User=navette", "Restart=always", "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/navette", "NoNewPrivileges=yes", "PrivateTmp=yes",
        "ExecStartPre=/usr/bin/navette-gate enrol-if-needed", "ExecStart=/usr/bin/navette-gate service",
        // issue 18: systemd hears READY=1 and the watchdog's pings (from systemd-notify: not the main process)
        "Type=notify", "NotifyAccess=all", "WatchdogSec=30",
        // the one-time enrolment string removed as root, after the enrolment
        "ExecStartPre=+/usr/bin/navette-gate forget-enrolment")
        .doesNotContain("PrivateDevices=yes", "Type=simple"); // GPIO and serial devices
    assertThat(Files.readString(usr.resolve("lib/systemd/system/navette-kiosk.service")))
        .contains("Type=notify", "NotifyAccess=all", "WatchdogSec=30", "ExecStartPre=+/usr/bin/navette-kiosk forget-enrolment");
    assertThat(Files.readString(usr.resolve("lib/systemd/system/navette-hub.service")))
        .contains("Type=notify", "NotifyAccess=all", "WatchdogSec=60");
  }

  @Test
  @Order(5)
  void eachCommandStartsOnItsClassPath() throws Exception {
    // as the navette user, with this machine's Java 21+ found under /usr/lib/jvm by the script
    assertThat(inRoot(List.of("chroot", "--userspec=navette:navette", root.toString(), "/usr/bin/navette-gate", "--help")))
        .contains("Usage: navette gate", "--simulate", "--identity");
    assertThat(inRoot(List.of("chroot", "--userspec=navette:navette", root.toString(), "/usr/bin/navette-gate", "enrol",
        "--help"))).contains("Usage: navette enrol", "--enrolment");
    assertThat(inRoot(List.of("chroot", "--userspec=navette:navette", root.toString(), "/usr/bin/navette-kiosk", "--help")))
        .contains("Usage: navette kiosk", "--config");
    assertThat(inRoot(List.of("chroot", "--userspec=navette:navette", root.toString(), "/usr/bin/navette-hub", "--help")))
        .contains("Usage: navette hub", "--http-port");
    // the hub's conffile is an argument file of `navette hub`: every option listed in it, uncommented, parses
    List<String> options = Files.readAllLines(root.resolve("etc/navette/hub.conf")).stream()
        .filter(l -> l.startsWith("#--")).map(l -> l.substring(1)).toList();
    assertThat(options).hasSizeGreaterThan(30);
    Files.write(root.resolve("tmp/hub-all.conf"), options);
    assertThat(inRoot(List.of("chroot", "--userspec=navette:navette", root.toString(), "/usr/bin/navette-hub",
        "@/tmp/hub-all.conf", "--help"))).contains("Usage: navette hub");
  }

  @Test
  @Order(5)
  void theDocumentedFirstAdministratorCommandWritesTheServicesStoreAsNavette() throws Exception {
    // README "Run the hub on a server": sudo navette-hub create-admin USER (here the password from a variable)
    String first = inRoot(List.of("chroot", root.toString(), "/usr/bin/env", "NAVETTE_ADMIN_PASSWORD=correct horse battery",
        "/usr/bin/navette-hub", "create-admin", "Alice", "--password-env", "NAVETTE_ADMIN_PASSWORD"));
    assertThat(first).contains("Admin account alice created in jdbc:sqlite:/var/lib/navette/hub/hub.db");
    Path db = root.resolve("var/lib/navette/hub/hub.db");
    int navette = Integer.parseInt(line(root.resolve("etc/passwd"), "navette:").split(":")[2]);
    assertThat(Files.getAttribute(db, "unix:uid")).as("hub.db belongs to the service's user").isEqualTo(navette);
    assertThat(mode(db)).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(root.resolve("var/lib/navette/hub"))) {
      for (Path file : files.toList()) {
        assertThat(Files.getAttribute(file, "unix:uid")).as(file + " belongs to navette").isEqualTo(navette);
      }
    }
    // the same store the second time: the account is found there
    assertThat(inRoot(List.of("chroot", root.toString(), "/usr/bin/env", "NAVETTE_ADMIN_PASSWORD=another good one",
        "/usr/bin/navette-hub", "create-admin", "alice", "--password-env", "NAVETTE_ADMIN_PASSWORD")))
        .contains("Admin account alice existed");
  }

  @Test
  @Order(5)
  void theKioskScreenShowsTheKiosksPageInChromiumKioskMode() throws Exception {
    assertThat(line(root.resolve("etc/passwd"), "navette-screen:").split(":")[5])
        .isEqualTo("/var/lib/navette/kiosk-screen");
    assertThat(mode(root.resolve("var/lib/navette/kiosk-screen"))).isEqualTo("rwx------");
    assertThat(usr.resolve("share/navette/kiosk/screen/start.html")).isRegularFile();
    // not a self-check kiosk (mode unset): the unit's condition says no
    assertThat(exitOf("chroot", root.toString(), "/usr/bin/navette-kiosk", "screen-check")).isEqualTo(1);
    // a browser that prints how it was started, in place of Chromium
    Path fake = usr.resolve("local/bin/chromium");
    Files.createDirectories(fake.getParent());
    Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    fake.toFile().setExecutable(true, false);
    Path conf = root.resolve("etc/navette/kiosk.conf");
    String kept = Files.readString(conf);
    try {
      Files.writeString(conf, kept + "mode=self-check\nweb.port=8095\n");
      inRoot(List.of("chroot", root.toString(), "/usr/bin/navette-kiosk", "screen-check"));
      List<String> args = inRoot(List.of("chroot", "--userspec=navette-screen:navette-screen", root.toString(),
          "/usr/bin/env", "HOME=/var/lib/navette/kiosk-screen", "/usr/bin/navette-kiosk", "screen")).lines().toList();
      assertThat(args).contains("--kiosk", "--ozone-platform=wayland", "--incognito", "--noerrdialogs",
          "--disable-pinch", "--user-data-dir=/var/lib/navette/kiosk-screen/chromium",
          "file:///usr/share/navette/kiosk/screen/start.html#http://127.0.0.1:8095/");
    } finally {
      Files.writeString(conf, kept);
      Files.delete(fake);
    }
  }

  @Test
  @Order(6)
  void anUpgradeInPlaceKeepsTheEditedSettingsAndChangesNothingElse() throws Exception {
    Path conf = root.resolve("etc/navette/gate.conf");
    Files.writeString(conf, Files.readString(conf) + "reader.port=/dev/ttyUSB1\n");
    String passwd = Files.readString(root.resolve("etc/passwd"));
    String group = Files.readString(root.resolve("etc/group"));
    Files.writeString(root.resolve("var/lib/navette/gate/outbox-marker"), "kept");
    String out = inRoot(List.of("dpkg", "--root=" + root, "--force-depends", "--force-confold", "-i",
        debs.get("gate").toString()));
    assertThat(out).contains("Setting up navette-gate");
    assertThat(Files.readString(conf)).endsWith("reader.port=/dev/ttyUSB1\n");
    assertThat(Files.readString(root.resolve("etc/passwd"))).isEqualTo(passwd);
    assertThat(Files.readString(root.resolve("etc/group"))).isEqualTo(group);
    assertThat(root.resolve("var/lib/navette/gate/outbox-marker")).hasContent("kept");
    assertThat(mode(root.resolve("var/lib/navette/gate"))).isEqualTo("rwx------");
  }

  @Test
  @Order(7)
  void purgingOneRoleRemovesItsStateNotTheOthers() throws Exception {
    inRoot(List.of("dpkg", "--root=" + root, "--force-depends", "--purge", "navette-kiosk"));
    assertThat(root.resolve("var/lib/navette/kiosk")).doesNotExist();
    assertThat(root.resolve("etc/navette/kiosk.conf")).doesNotExist();
    assertThat(root.resolve("etc/systemd/system/multi-user.target.wants/navette-kiosk.service")).doesNotExist();
    assertThat(usr.resolve("bin/navette-kiosk")).doesNotExist();
    assertThat(root.resolve("var/lib/navette/kiosk-screen")).doesNotExist();
    assertThat(lineOrNull(root.resolve("etc/passwd"), "navette-screen:")).isNull();
    assertThat(root.resolve("var/lib/navette/gate")).isDirectory();
    assertThat(line(root.resolve("etc/passwd"), "navette:")).isNotNull();
  }

  @Test
  @Order(8)
  void lintianFindsNoError() throws Exception {
    Assumptions.assumeTrue(lintian != null, "lintian not installed (apt-get install lintian): not checked");
    assertThat(lintian.waitFor(120, TimeUnit.SECONDS)).as("lintian within 2 min").isTrue();
    List<String> lines = Files.readAllLines(lintianOut);
    lines.stream().filter(l -> l.matches("^[EWI]: .*")).forEach(l -> System.out.println("lintian " + l));
    assertThat(lines).noneMatch(l -> l.startsWith("E: "));
  }

  private static List<String> jars(String role) throws IOException {
    try (Stream<Path> files = Files.list(usr.resolve("share/navette/" + role + "/lib"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  private static String line(Path file, String prefix) throws IOException {
    String line = lineOrNull(file, prefix);
    assertThat(line).as(prefix + " in " + file).isNotNull();
    return line;
  }

  private static String lineOrNull(Path file, String prefix) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }

  /** COMMAND in the root's mount namespace (root.sh do); its output, or a failure with it. */
  private static String inRoot(List<String> command) throws Exception {
    List<String> all = new ArrayList<>(List.of(SCRIPT.toString(), work.toString(), "do"));
    all.addAll(command);
    return sh(all.toArray(String[]::new));
  }

  /** The exit status of COMMAND in the root's mount namespace. */
  private static int exitOf(String... command) throws Exception {
    List<String> all = new ArrayList<>(List.of(SCRIPT.toString(), work.toString(), "do"));
    all.addAll(List.of(command));
    Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
    p.getOutputStream().close();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  private static String sh(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }
}
