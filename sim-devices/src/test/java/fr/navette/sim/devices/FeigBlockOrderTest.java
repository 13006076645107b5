package fr.navette.sim.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.reader.Uid;
import fr.navette.reader.feig.FeigFrame;
import fr.navette.reader.feig.FeigReader;
import fr.navette.reader.serial.SerialConfig;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.tag.TagDataException;
import fr.navette.tag.TagDecoder;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reader-protocols.md: a FEIG reader may reverse each block; a known Danish tag shows whether the driver matches. */
class FeigBlockOrderTest {
  static final Duration T = Duration.ofSeconds(3);
  static final Uid A = Uid.parse("E004010012345678");

  @TempDir Path dir;

  @BeforeEach
  void needsSocat() {
    Assumptions.assumeTrue(Socat.available(), "socat is not installed (apt-get install socat): pty tests skipped");
  }

  @Test
  void aMatchingDriverReadsAndWritesInMemoryOrder() throws Exception {
    VirtualField field = new VirtualField().put(SimulatedTag.forItem(A, "30001234", "DK-710100", 0x07));
    try (PtyReaderSimulator sim = PtyReaderSimulator.startFeigReversingBlocks(field, dir);
        FeigReader reader = new FeigReader(SerialPorts.jSerialComm(), SerialConfig.feig(sim.devicePath().toString()), FeigFrame.BROADCAST, true)) {
      byte[] memory = reader.readUserMemory(A, T);
      assertThat(memory[0]).isEqualTo((byte) 0x11); // a Danish tag starts 11 01 01
      assertThat(TagDecoder.decode(memory).primaryItemIdentifier()).isEqualTo("30001234");
      reader.writeBlocks(A, 10, 4, new byte[] {1, 2, 3, 4}, T);
      assertThat(field.find(A).orElseThrow().readBlocks(10, 1)).containsExactly(1, 2, 3, 4);
    }
  }

  @Test
  void aMismatchedDriverIsRefusedNeverGivenAWrongIdentifier() throws Exception {
    VirtualField field = new VirtualField().put(SimulatedTag.forItem(A, "30001234", "DK-710100", 0x07));
    try (PtyReaderSimulator sim = PtyReaderSimulator.startFeigReversingBlocks(field, dir);
        FeigReader reader = new FeigReader(SerialPorts.jSerialComm(), SerialConfig.feig(sim.devicePath().toString()))) {
      byte[] memory = reader.readUserMemory(A, T);
      assertThat(memory[0]).isNotEqualTo((byte) 0x11);
      assertThatThrownBy(() -> TagDecoder.decode(memory)).isInstanceOf(TagDataException.class);
    }
  }
}
