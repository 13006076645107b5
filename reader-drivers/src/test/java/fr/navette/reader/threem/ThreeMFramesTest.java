package fr.navette.reader.threem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.reader.Uid;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The worked and computed frames of ../shared/vectors/reader-protocols.md §2, byte for byte. */
class ThreeMFramesTest {
  static final Uid UID = Uid.parse("E004010012345678");

  static String hex(byte[] b) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
  }

  static byte[] bytes(String h) {
    return HexFormat.ofDelimiter(" ").parseHex(h);
  }

  @Test
  void specWorkedExample() {
    // D6 | LEN 00 09 | CMD 03 | 00 02 00 00 00 03 | BCC 12 E6 (GENIBUS, MSB first)
    assertThat(hex(ThreeMFrame.encode(0x03, bytes("00 02 00 00 00 03")))).isEqualTo("D6 00 09 03 00 02 00 00 00 03 12 E6");
  }

  @Test
  void biblioRfidProbeAndReply() throws Exception {
    assertThat(hex(ThreeMFrame.encode(ThreeMFrame.START_PROBE, 0x04, bytes("00 11")))).isEqualTo("D5 00 05 04 00 11 8C 66");
    ThreeMFrame reply = ThreeMFrame.decode(bytes("D5 00 09 04 00 11 0A 05 00 02 72 50"));
    assertThat(reply.command()).isEqualTo(0x04);
    assertThat(reply.fields()).containsExactly(0x00, 0x11, 0x0A, 0x05, 0x00, 0x02);
  }

  @Test
  void inventory() {
    // D6 | 00 05 | FE inventory, AFI 00 = all, options 05 | FA 40
    assertThat(hex(ThreeMProtocol.inventory(0))).isEqualTo("D6 00 05 FE 00 05 FA 40");
  }

  @Test
  void readBlocksZeroToSeven() {
    assertThat(hex(ThreeMProtocol.readBlocks(UID, 0, 8))).isEqualTo("D6 00 0D 02 E0 04 01 00 12 34 56 78 00 08 A0 79");
  }

  @Test
  void writeAfiC2() {
    assertThat(hex(ThreeMProtocol.writeAfi(UID, 0xC2))).isEqualTo("D6 00 0C 09 E0 04 01 00 12 34 56 78 C2 6F 0B");
  }

  @Test
  void easOn() {
    assertThat(hex(ThreeMProtocol.easControl(UID, true))).isEqualTo("D6 00 0C 0C E0 04 01 00 12 34 56 78 01 44 54");
  }

  @Test
  void inventoryReplyWithTheSameUidTwice() throws Exception {
    byte[] reply = ThreeMFrame.encode(0xFE, ThreeMProtocol.concat(bytes("00 00 05 02"), ThreeMProtocol.concat(UID.bytes(), UID.bytes())));
    assertThat(ThreeMProtocol.parseInventory(ThreeMFrame.decode(reply), 0)).hasSize(2);
  }

  @Test
  void badBccIsNamed() {
    byte[] f = bytes("D6 00 05 FE 00 05 FA 41");
    assertThatThrownBy(() -> ThreeMFrame.decode(f)).hasMessageContaining("BCC mismatch");
  }
}
