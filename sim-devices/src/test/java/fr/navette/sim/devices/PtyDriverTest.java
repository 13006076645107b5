package fr.navette.sim.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.navette.reader.EasState;
import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.ReaderException.Kind;
import fr.navette.reader.TagInfo;
import fr.navette.reader.Uid;
import fr.navette.reader.feig.FeigReader;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.reader.serial.SerialReader;
import fr.navette.reader.threem.ThreeMReader;
import fr.navette.sim.devices.PtyReaderSimulator.Protocol;
import fr.navette.tag.SecurityPolicy;
import fr.navette.tag.TagData;
import fr.navette.tag.TagDecoder;
import fr.navette.tag.TagFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real FEIG and 3M drivers over a real pty against the simulator: every operation, every fault. */
class PtyDriverTest {
  static final Duration T = Duration.ofSeconds(3);
  static final Uid A = Uid.parse("E004010012345678");
  static final Uid B = Uid.parse("E0040100ABCDEF01");

  @TempDir Path dir;
  final VirtualField field = new VirtualField();
  PtyReaderSimulator sim;
  SerialReader reader;

  void start(Protocol p) throws Exception {
    Assumptions.assumeTrue(Socat.available(), "socat is not installed (apt-get install socat): pty tests skipped");
    sim = PtyReaderSimulator.start(p, field, dir);
    var cfg = p.serialConfig(sim.devicePath().toString());
    reader = p == Protocol.FEIG ? new FeigReader(SerialPorts.jSerialComm(), cfg) : new ThreeMReader(SerialPorts.jSerialComm(), cfg);
  }

  @AfterEach
  void stop() {
    if (reader != null) {
      reader.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void inventoryReadDecodeOfSeveralTags(Protocol p) throws Exception {
    List<Uid> uids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Uid u = new Uid(0xE004010000000000L | i);
      uids.add(u);
      field.put(SimulatedTag.forItem(u, "3000" + i, "FR-751131015", 0x07));
    }
    field.put(SimulatedTag.forItem(A, TagData.builder(TagFormat.ISO28560_2, "0099887766").ownerIsil("FR-751131015").build(), 0xC2));
    start(p);

    List<InventoryEntry> seen = reader.inventory(T);
    assertThat(seen).extracting(InventoryEntry::uid).containsAll(uids).contains(A).hasSize(21);
    assertThat(reader.inventory(0xC2, T)).extracting(InventoryEntry::uid).containsExactly(A);

    TagInfo info = reader.systemInfo(A, T);
    assertThat(info.blockSize()).isEqualTo(4);
    assertThat(info.blockCount()).isEqualTo(28);
    assertThat(info.afi()).isEqualTo(0xC2);
    TagData d = TagDecoder.decode(reader.readUserMemory(A, T));
    assertThat(d.format()).isEqualTo(TagFormat.ISO28560_2);
    assertThat(d.primaryItemIdentifier()).isEqualTo("0099887766");
    assertThat(TagDecoder.decode(reader.readUserMemory(uids.get(7), T)).primaryItemIdentifier()).isEqualTo("30007");
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void writeAfiAndEas(Protocol p) throws Exception {
    field.put(SimulatedTag.forItem(A, "30001234", "FR-751131015", 0x07));
    start(p);
    SecurityPolicy policy = SecurityPolicy.isoDefault();

    byte[] data = new byte[8 * 4];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    reader.writeBlocks(A, 4, 4, data, T);
    assertThat(reader.readBlocks(A, 4, 8, T)).isEqualTo(data);
    assertThat(field.find(A).orElseThrow().readBlocks(4, 8)).isEqualTo(data);

    reader.writeAfi(A, policy.afiToDisarm(), T);
    assertThat(field.find(A).orElseThrow().afi()).isEqualTo(0xC2);
    assertThat(reader.inventory(policy.inventoryAfiFilter(), T)).isEmpty();
    reader.writeAfi(A, policy.afiToArm(), T);
    assertThat(reader.inventory(policy.inventoryAfiFilter(), T)).extracting(InventoryEntry::uid).containsExactly(A);

    reader.setEas(A, true, T);
    assertThat(field.find(A).orElseThrow().eas()).isTrue();
    assertThat(reader.readEas(A, T)).isEqualTo(EasState.SET);
    reader.setEas(A, false, T);
    assertThat(reader.readEas(A, T)).isEqualTo(EasState.RESET);
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void sameUidReportedTwiceComesOutOnce(Protocol p) throws Exception {
    field.put(SimulatedTag.blank(A)).put(SimulatedTag.blank(B));
    start(p);
    sim.faults().duplicateUids(true);
    assertThat(reader.inventory(T)).extracting(InventoryEntry::uid).containsExactly(A, B);
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void tagLeavingMidWriteIsNoTagAndHalfWritten(Protocol p) throws Exception {
    field.put(SimulatedTag.blank(A));
    start(p);
    sim.faults().tagLeavesDuringNextWrite(A, 2);
    byte[] data = new byte[6 * 4];
    java.util.Arrays.fill(data, (byte) 0x3C);
    assertThatThrownBy(() -> reader.writeBlocks(A, 0, 4, data, T))
        .isInstanceOfSatisfying(ReaderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_TAG));
    assertThat(field.find(A)).isEmpty();
    assertThatThrownBy(() -> reader.readBlocks(A, 0, 1, T))
        .isInstanceOfSatisfying(ReaderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_TAG));
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void garbledReplyIsDiscardedCountedAndTheRequestRepeated(Protocol p) throws Exception {
    field.put(SimulatedTag.blank(A));
    start(p);
    assertThat(reader.inventory(T)).hasSize(1);
    assertThat(reader.garbledFrames()).isZero();
    sim.faults().garbleNextReplies(1);
    assertThat(reader.inventory(T)).extracting(InventoryEntry::uid).containsExactly(A);
    assertThat(reader.garbledFrames()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void unpluggedReaderIsDisconnectedThenReconnectsByItself(Protocol p) throws Exception {
    field.put(SimulatedTag.blank(A));
    start(p);
    assertThat(reader.inventory(T)).hasSize(1);
    sim.unplug();
    assertThatThrownBy(() -> reader.inventory(T))
        .isInstanceOfSatisfying(ReaderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.DISCONNECTED));
    sim.replug();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reader.inventory(T)).hasSize(1));
    assertThat(reader.reconnects()).isGreaterThanOrEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void silentReaderTimesOut(Protocol p) throws Exception {
    start(p);
    sim.faults().mute(true);
    assertThatThrownBy(() -> reader.inventory(Duration.ofMillis(300)))
        .isInstanceOfSatisfying(ReaderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    sim.faults().mute(false);
    assertThat(reader.inventory(T)).isEmpty();
  }
}
