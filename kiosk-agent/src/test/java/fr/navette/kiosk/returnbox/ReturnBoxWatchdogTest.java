package fr.navette.kiosk.returnbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.DrainRate;
import fr.navette.agent.OutboxPolicy;
import fr.navette.agent.SessionSettings;
import fr.navette.agent.SystemdNotify;
import fr.navette.gpio.MockGpio;
import fr.navette.reader.Uid;
import fr.navette.schema.ReturnProblemEvent;
import fr.navette.schema.SigbResponse;
import fr.navette.sim.devices.FakeNotifySocket;
import fr.navette.sim.devices.ReaderFaults;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.VirtualField;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The return box under systemd's watchdog, as the gate (gate-agent's GateWatchdogTest): READY=1 once its loop turned,
 * pings while it turns, none while the reader holds it, STOPPING=1 at close. The real systemd-notify, a fake socket.
 */
class ReturnBoxWatchdogTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  @TempDir Path dir;

  @Test
  void readyThenPingsWhileTheLoopTurnsAndNoneWhileTheReaderHoldsIt() throws Exception {
    Assumptions.assumeTrue(FakeNotifySocket.available(),
        "perl or systemd-notify is missing (apt-get install systemd perl-base): systemd watchdog tests skipped");
    ReaderFaults faults = new ReaderFaults();
    try (FakeNotifySocket systemd = new FakeNotifySocket(dir.resolve("notify.sock"))) {
      await().atMost(WAIT).until(systemd::listening);
      SystemdNotify notify = SystemdNotify.of(
          Map.of("NOTIFY_SOCKET", systemd.path().toString(), "WATCHDOG_USEC", "600000"), List.of("systemd-notify"));
      ReturnBoxConfig config = ReturnBoxConfig.of("BR03", "box-wd");
      DeviceRuntime.Settings settings = new DeviceRuntime.Settings(
          SessionSettings.of("tcp://127.0.0.1:1", config.site(), config.deviceId()), dir.resolve("box"),
          OutboxPolicy.DEFAULT, DrainRate.unlimited(), Duration.ofSeconds(1), Optional.empty(), Duration.ofSeconds(1))
          .withSystemd(notify);
      try (MockGpio gpio = MockGpio.create();
           ReturnBoxAgent box = new ReturnBoxAgent(config, new ReturnBoxAgent.Wiring(gpio, BinPlan.fiveBins(),
               Optional.empty()), new SimulatedReader(new VirtualField(), faults), settings, Clock.systemUTC(),
               new ReturnBox.ReturnListener() {
                 @Override
                 public void accepted(Uid uid, String itemId, boolean rearmed, Bin bin, Optional<SigbResponse> a) {}

                 @Override
                 public void refused(Optional<Uid> uid, ReturnProblemEvent.Problem problem, String detail, Bin bin) {}
               })) {
        assertThat(systemd.count("READY=1")).as("not ready before it starts").isZero();
        box.start();
        await().atMost(WAIT).until(() -> systemd.count("READY=1") == 1 && systemd.count("WATCHDOG=1") >= 3);
        assertThat(systemd.lastStatus()).startsWith("outbox 0 waiting, reader ok");

        faults.hang(true);
        await().atMost(WAIT).until(() -> systemd.lastStatus().startsWith("stuck: main loop (reader)"));
        long pings = systemd.count("WATCHDOG=1");
        await().during(Duration.ofMillis(1600)).atMost(WAIT).until(() -> systemd.count("WATCHDOG=1") == pings);
        faults.hang(false);
        await().atMost(WAIT).until(() -> systemd.count("WATCHDOG=1") >= pings + 2);
      }
      await().atMost(WAIT).until(() -> systemd.count("STOPPING=1") == 1);
    }
  }
}
