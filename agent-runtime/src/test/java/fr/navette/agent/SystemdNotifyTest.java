package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What systemd's variables make of the notifier (the sending itself: gate-agent's GateWatchdogTest). */
class SystemdNotifyTest {
  private static final String SELF = Long.toString(ProcessHandle.current().pid());
  /** A tool that cannot run: proves nothing is started when nothing should be. */
  private static final List<String> NO_TOOL = List.of("/nonexistent/systemd-notify");

  @Test
  void outsideSystemdNothingIsSentNorStarted() {
    SystemdNotify notify = SystemdNotify.of(Map.of("WATCHDOG_USEC", "30000000"), NO_TOOL);
    assertThat(notify.enabled()).isFalse();
    assertThat(notify.watchdogTimeout()).isEmpty();
    assertThat(notify.send("READY=1")).isFalse();
    try (ServiceWatchdog watchdog = new ServiceWatchdog("t", notify, Optional::empty, () -> "ok")) {
      watchdog.ready();
      assertThat(watchdog.readySent()).isFalse();
    }
  }

  @Test
  void theWatchdogIsOursOnlyWhenItsPidIsAbsentOrOurs() {
    assertThat(SystemdNotify.of(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "30000000"), NO_TOOL)
        .watchdogTimeout()).contains(Duration.ofSeconds(30));
    assertThat(SystemdNotify.of(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "30000000",
        "WATCHDOG_PID", SELF), NO_TOOL).watchdogTimeout()).contains(Duration.ofSeconds(30));
    // a child that inherited its parent's variables must not ping for it
    assertThat(SystemdNotify.of(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "30000000",
        "WATCHDOG_PID", "1"), NO_TOOL).watchdogTimeout()).isEmpty();
    assertThat(SystemdNotify.of(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "soon"), NO_TOOL)
        .watchdogTimeout()).isEmpty();
  }

  @Test
  void aMissingToolIsAFailureNotACrash() {
    SystemdNotify notify = SystemdNotify.of(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"), NO_TOOL);
    assertThat(notify.enabled()).isTrue();
    assertThat(notify.send("READY=1")).isFalse();
  }
}
