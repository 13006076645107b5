package fr.navette.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.broker.EmbeddedBroker;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.reader.feig.FeigReader;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.schema.HealthEvent;
import fr.navette.sim.devices.PtyReaderSimulator;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.Socat;
import fr.navette.sim.devices.VirtualField;
import fr.navette.tag.SecurityPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real FEIG driver over a real pty (socat) against the reader simulator: the reader is unplugged and plugged
 * back; health shows the outage while it lasts and after; alarms resume.
 */
class ReaderOutageTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;

  @Test
  void aReaderUnpluggedAndBackAlarmsResumeAndTheOutageShowsInHealth() throws Exception {
    Assumptions.assumeTrue(Socat.available(), "socat is not installed (apt-get install socat): pty tests skipped");
    VirtualField field = new VirtualField();
    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(dir.resolve("broker"), "127.0.0.1", 0);
         PtyReaderSimulator sim = PtyReaderSimulator.start(PtyReaderSimulator.Protocol.FEIG, field, dir.resolve("pty"))) {
      RfidReader feig = new FeigReader(SerialPorts.jSerialComm(),
          PtyReaderSimulator.Protocol.FEIG.serialConfig(sim.devicePath().toString()));
      try (GateRig g = new GateRig(broker.uri(), dir.resolve("data"), feig, Map.of("alarm.pattern", "20/20x1 1000",
          "reader.port", sim.devicePath().toString(), "reader.pause-ms", "5"))) {
        field.put(SimulatedTag.forItem(new Uid(0xE004015000000101L), "0000000101", "FR-751131015",
            SecurityPolicy.ISO_ARMED_AFI));
        await().atMost(WAIT).until(() -> g.hub.alarms.size() == 1);
        assertThat(g.hub.alarms.getFirst().itemId()).contains("0000000101");

        sim.unplug();
        await().atMost(WAIT).until(() -> g.gate.readerHealth().state() == HealthEvent.ReaderState.DOWN);
        HealthEvent during = g.gate.runtime().health().snapshot();
        assertThat(during.readerState()).isEqualTo(HealthEvent.ReaderState.DOWN);
        assertThat(during.lastError()).hasValueSatisfying(e -> assertThat(e).contains("reader down"));
        field.put(SimulatedTag.forItem(new Uid(0xE004015000000102L), "0000000102", "FR-751131015",
            SecurityPolicy.ISO_ARMED_AFI));

        sim.replug();
        await().atMost(WAIT).until(() -> g.gate.readerHealth().state() == HealthEvent.ReaderState.OK);
        await().atMost(WAIT).until(() -> g.hub.alarms.size() == 2);
        assertThat(g.hub.alarms.get(1).itemId()).contains("0000000102");
        assertThat(g.gate.readerHealth().outages()).isEqualTo(1);
        HealthEvent after = g.gate.runtime().health().snapshot();
        assertThat(after.readerState()).isEqualTo(HealthEvent.ReaderState.OK);
        assertThat(after.lastError()).hasValueSatisfying(e -> assertThat(e).contains("reader unreachable for"));
        assertThat(g.onEdges("light")).isEqualTo(2);
      }
    }
  }
}
