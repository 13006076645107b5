package fr.navette.launcher.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.reader.InventoryEntry;
import fr.navette.reader.protocol.ReaderProtocol;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.Socat;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader simulator in a JVM of its own, driven through its input, read by the real FEIG driver over its pty. */
class ReaderSimulatorProcessTest {
  private static final Duration T = Duration.ofSeconds(3);

  @TempDir Path dir;

  @Test
  void tagsCarriedIntoItsFieldAreReadThroughThePtyAndTheProcessEndsWithItsInput() throws Exception {
    Assumptions.assumeTrue(Socat.available(), "socat is not installed (apt-get install socat): skipped");
    SimulatedTag armed = SimulatedTag.forItem(Uid.parse("E004030000000001"), "0012345678", "FR-751131015", 0x07);
    SimulatedTag onLoan = SimulatedTag.forItem(Uid.parse("E004030000000002"), "0012345679", "FR-751131015", 0xC2);
    long pid;
    try (ReaderSimulatorProcess sim = ReaderSimulatorProcess.start(dir);
         RfidReader reader = ReaderProtocol.FEIG.open(sim.devicePath().toString())) {
      pid = sim.pid();
      assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(reader.inventory(T)).isEmpty();

      sim.put(armed);
      sim.put(onLoan);
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
          assertThat(reader.inventory(T)).extracting(InventoryEntry::uid).containsExactlyInAnyOrder(armed.uid(),
              onLoan.uid()));
      assertThat(reader.inventory(0x07, T)).extracting(InventoryEntry::uid).containsExactly(armed.uid());
      assertThat(reader.readBlocks(armed.uid(), 0, armed.blockCount(), T)).isEqualTo(armed.memory());

      sim.remove(armed.uid());
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
          assertThat(reader.inventory(T)).extracting(InventoryEntry::uid).containsExactly(onLoan.uid()));
    }
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the simulator ended").isEmpty();
  }
}
