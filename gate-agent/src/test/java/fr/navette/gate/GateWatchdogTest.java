package fr.navette.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.DrainRate;
import fr.navette.agent.OutboxPolicy;
import fr.navette.agent.SessionSettings;
import fr.navette.agent.SystemdNotify;
import fr.navette.gpio.MockGpio;
import fr.navette.reader.RfidReader;
import fr.navette.reader.feig.FeigReader;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.sim.devices.FakeNotifySocket;
import fr.navette.sim.devices.PtyReaderSimulator;
import fr.navette.sim.devices.ReaderFaults;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.Socat;
import fr.navette.sim.devices.VirtualField;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate under systemd's watchdog (Type=notify, WatchdogSec=), with the real systemd-notify tool and a fake
 * notification socket: READY=1 once the reading loop turns, WATCHDOG=1 while it does, none once the reader holds the
 * loop (systemd would restart the gate), pings again when it lets go, STOPPING=1 at close. A reader that no longer
 * answers (a timeout: down, not stuck) does not stop the pings. No broker: the hub out of reach changes nothing here.
 */
class GateWatchdogTest {
  /** WatchdogSec=0.6: a ping every 200 ms. */
  private static final String WATCHDOG_USEC = "600000";
  private static final Duration STALL_AFTER = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;

  @BeforeEach
  void tools() {
    Assumptions.assumeTrue(FakeNotifySocket.available(),
        "perl or systemd-notify is missing (apt-get install systemd perl-base): systemd watchdog tests skipped");
  }

  @Test
  void readyThenPingsWhileTheReaderLoopTurnsAndNoneWhileTheReaderHoldsIt() throws Exception {
    ReaderFaults faults = new ReaderFaults();
    try (FakeNotifySocket systemd = new FakeNotifySocket(dir.resolve("notify.sock"))) {
      await().atMost(WAIT).until(systemd::listening);
      try (MockGpio gpio = MockGpio.create();
           GateAgent gate = start(systemd, new SimulatedReader(new VirtualField(), faults), gpio)) {
        await().atMost(WAIT).until(() -> systemd.count("READY=1") == 1);
        await().atMost(WAIT).until(() -> systemd.count("WATCHDOG=1") >= 3);
        assertThat(systemd.lastStatus()).startsWith("outbox 0 waiting, reader ok, hub out of reach");

        faults.hang(true); // the reader's call never comes back: the reading loop is stuck, the gate silent
        await().atMost(WAIT).until(() -> systemd.lastStatus().startsWith("stuck: main loop (reader)"));
        long pings = systemd.count("WATCHDOG=1");
        // 8 ping periods without one: systemd's WatchdogSec would have run out three times over
        await().during(Duration.ofMillis(1600)).atMost(WAIT).until(() -> systemd.count("WATCHDOG=1") == pings);
        assertThat(gate.runtime().health().healthy()).isFalse();

        faults.hang(false); // before systemd's kill (not here): the loop turns again, pings resume
        await().atMost(WAIT).until(() -> systemd.count("WATCHDOG=1") >= pings + 3);
        assertThat(systemd.count("READY=1")).isEqualTo(1);
      }
      await().atMost(WAIT).until(() -> systemd.count("STOPPING=1") == 1);
    }
  }

  @Test
  void aReaderThatNoLongerAnswersOnItsSerialLineIsReportedAndThePingsGoOn() throws Exception {
    Assumptions.assumeTrue(Socat.available(), "socat is not installed (apt-get install socat): pty tests skipped");
    try (FakeNotifySocket systemd = new FakeNotifySocket(dir.resolve("notify.sock"));
         PtyReaderSimulator sim = PtyReaderSimulator.start(PtyReaderSimulator.Protocol.FEIG, new VirtualField(),
             dir.resolve("pty"))) {
      await().atMost(WAIT).until(systemd::listening);
      RfidReader feig = new FeigReader(SerialPorts.jSerialComm(),
          PtyReaderSimulator.Protocol.FEIG.serialConfig(sim.devicePath().toString()));
      try (MockGpio gpio = MockGpio.create(); GateAgent gate = start(systemd, feig, gpio)) {
        await().atMost(WAIT).until(() -> systemd.count("WATCHDOG=1") >= 2);
        sim.faults().mute(true); // every inventory now times out: reader down, which a restart would not mend
        await().atMost(WAIT).until(() -> systemd.lastStatus().contains("reader down"));
        long pings = systemd.count("WATCHDOG=1");
        await().atMost(WAIT).until(() -> systemd.count("WATCHDOG=1") >= pings + 5);
        assertThat(systemd.messages()).noneMatch(m -> m.contains("STATUS=stuck"));
      }
    }
  }

  private GateAgent start(FakeNotifySocket systemd, RfidReader reader, MockGpio gpio) {
    String device = "gate-wd";
    SystemdNotify notify = SystemdNotify.of(
        Map.of("NOTIFY_SOCKET", systemd.path().toString(), "WATCHDOG_USEC", WATCHDOG_USEC), List.of("systemd-notify"));
    // nothing listens on port 1: the session keeps trying, as with a hub away
    DeviceRuntime.Settings runtime = new DeviceRuntime.Settings(SessionSettings.of("tcp://127.0.0.1:1", "BR01", device),
        dir.resolve("data"), OutboxPolicy.DEFAULT, DrainRate.unlimited(), Duration.ofSeconds(1), Optional.empty(),
        STALL_AFTER).withSystemd(notify);
    Map<String, String> settings = Map.of("site", "BR01", "device-id", device, "gpio.provider", "mock",
        "reader.pause-ms", "2", "count.interval-s", "3600", "reader.timeout-ms", "100");
    return GateAgent.start(() -> settings, reader, gpio, runtime, Clock.systemUTC());
  }
}
