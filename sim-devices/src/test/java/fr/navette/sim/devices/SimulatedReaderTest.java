package fr.navette.sim.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.reader.EasState;
import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.Uid;
import fr.navette.tag.SecurityPolicy;
import fr.navette.tag.TagData;
import fr.navette.tag.TagDecoder;
import fr.navette.tag.TagFormat;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatedReaderTest {
  static final Duration T = Duration.ofSeconds(1);
  static final Uid A = Uid.parse("E004010012345678");
  static final Uid B = Uid.parse("E0040100ABCDEF01");

  @Test
  void inventoryReadDecodeAndSecure() throws Exception {
    VirtualField field = new VirtualField();
    field.put(SimulatedTag.forItem(A, "30001234", "FR-751131015", SecurityPolicy.ISO_ARMED_AFI));
    field.put(SimulatedTag.forItem(B, TagData.builder(TagFormat.ISO28560_2, "0042").ownerIsil("FR-751131015").build(), 0xC2));
    try (SimulatedReader reader = new SimulatedReader(field)) {
      assertThat(reader.inventory(T)).extracting(InventoryEntry::uid).containsExactly(A, B);
      assertThat(reader.inventory(0x07, T)).extracting(InventoryEntry::uid).containsExactly(A);

      TagData a = TagDecoder.decode(reader.readUserMemory(A, T));
      assertThat(a.format()).isEqualTo(TagFormat.ISO28560_3);
      assertThat(a.primaryItemIdentifier()).isEqualTo("30001234");
      assertThat(a.ownerIsil()).contains("FR-751131015");
      TagData b = TagDecoder.decode(reader.readUserMemory(B, T));
      assertThat(b.format()).isEqualTo(TagFormat.ISO28560_2);
      assertThat(b.primaryItemIdentifier()).isEqualTo("0042");

      SecurityPolicy policy = SecurityPolicy.isoDefault();
      reader.writeAfi(A, policy.afiToDisarm(), T);
      reader.setEas(A, true, T);
      InventoryEntry seen = reader.inventory(T).get(0);
      assertThat(policy.isArmed(seen.afi().orElseThrow(), seen.eas() == EasState.SET)).isFalse();
      assertThat(reader.readEas(A, T)).isEqualTo(EasState.SET);

      reader.writeBlocks(A, 0, 4, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, T);
      assertThat(reader.readBlocks(A, 0, 2, T)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

      field.remove(A);
      assertThatThrownBy(() -> reader.readBlocks(A, 0, 1, T))
          .isInstanceOfSatisfying(ReaderException.class, e -> assertThat(e.kind()).isEqualTo(ReaderException.Kind.NO_TAG));
    }
  }

  @Test
  void outOfRangeBlocksAreATagError() {
    VirtualField field = new VirtualField().put(SimulatedTag.blank(A));
    SimulatedReader reader = new SimulatedReader(field);
    assertThatThrownBy(() -> reader.readBlocks(A, 27, 2, T))
        .isInstanceOfSatisfying(ReaderException.class, e -> assertThat(e.kind()).isEqualTo(ReaderException.Kind.TAG_ERROR));
  }
}
