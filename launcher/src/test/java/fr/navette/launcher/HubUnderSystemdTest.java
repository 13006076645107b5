package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.sim.devices.FakeNotifySocket;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code navette hub} as the navette-hub unit runs it (Type=notify, WatchdogSec=): a hub process with a unit's
 * variables and the real systemd-notify into a fake notification socket says READY=1 once it serves (its own
 * {@code GET /api/health} answered: STATUS "serving; store ok"), pings while it does, STOPPING=1 on SIGTERM.
 */
class HubUnderSystemdTest {
  @TempDir Path dir;

  @Test
  void theHubIsReadyWhenItServesThenPingsAndSaysWhenItStops() throws Exception {
    Assumptions.assumeTrue(FakeNotifySocket.available(),
        "perl or systemd-notify is missing (apt-get install systemd perl-base): systemd test skipped");
    try (FakeNotifySocket systemd = new FakeNotifySocket(dir.resolve("notify.sock"))) {
      await().atMost(Duration.ofSeconds(10)).until(systemd::listening);
      String java = ProcessHandle.current().info().command().orElseThrow();
      ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
          System.getProperty("java.class.path"), Navette.class.getName(), "hub",
          "--data", dir.resolve("hub").toString(), "--http-port", "0", "--http-bind", "127.0.0.1",
          "--https-port", "" + freePort(), "--mqtt-port", "" + freePort(), "--mqtt-bind", "127.0.0.1",
          "--sigb-port", "" + freePort())
          .redirectErrorStream(true).redirectOutput(dir.resolve("hub.log").toFile());
      builder.environment().put("NAVETTE_SIGB_PASSWORD", "navette");
      builder.environment().put("NOTIFY_SOCKET", systemd.path().toString());
      builder.environment().put("WATCHDOG_USEC", "900000"); // a ping every 300 ms
      Process hub = builder.start();
      try {
        await().atMost(Duration.ofSeconds(90)).until(() -> systemd.count("READY=1") == 1 || !hub.isAlive());
        assertThat(hub.isAlive()).as("hub running").isTrue();
        assertThat(systemd.lastStatus()).isEqualTo("serving; store ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> systemd.count("WATCHDOG=1") >= 3);
        hub.destroy();
        assertThat(hub.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(systemd.count("STOPPING=1")).isEqualTo(1);
      } finally {
        hub.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
