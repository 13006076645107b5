package fr.navette.reader.feig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.reader.ReaderException;
import fr.navette.reader.Uid;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The computed frames of ../shared/vectors/reader-protocols.md §1, byte for byte. */
class FeigFramesTest {
  static final Uid UID = Uid.parse("E004010012345678");
  final FeigProtocol feig = new FeigProtocol(FeigFrame.BROADCAST, false);

  static String hex(byte[] b) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
  }

  @Test
  void inventory() {
    // LEN=07 ADR=FF CMD=B0 | sub 01 inventory, MODE 00 new | CRC 1C 56 (LSB first)
    assertThat(hex(feig.inventory(0, false))).isEqualTo("07 FF B0 01 00 1C 56");
  }

  @Test
  void readBlocksZeroToSeven() {
    // LEN=11 FF B0 | 23 read, MODE 01 addressed, UID E0 first, DB-ADR 00, DB-N 08 | CRC
    assertThat(hex(feig.readBlocks(UID, 0, 8))).isEqualTo("11 FF B0 23 01 E0 04 01 00 12 34 56 78 00 08 07 D6");
  }

  @Test
  void writeAfi07() {
    assertThat(hex(feig.writeAfi(UID, 0x07))).isEqualTo("10 FF B0 27 01 E0 04 01 00 12 34 56 78 07 D8 DE");
  }

  @Test
  void setAndResetEasNxp() {
    // CMD B1, MFR 04, A2 set / A3 reset, MODE 01, UID
    assertThat(hex(feig.eas(UID, true))).isEqualTo("10 FF B1 04 A2 01 E0 04 01 00 12 34 56 78 FC BB");
    assertThat(hex(feig.eas(UID, false))).isEqualTo("10 FF B1 04 A3 01 E0 04 01 00 12 34 56 78 DB 97");
  }

  @Test
  void decodeReplyAndRefuseBadOnes() throws Exception {
    // STATUS 00, DATA-SETS 01, TR-TYPE 03, DSFID 00, UID
    byte[] reply = FeigFrame.encode(0x00, 0xB0, HexFormat.of().parseHex("0001030" + "0E004010012345678"));
    FeigFrame f = FeigFrame.decode(reply);
    assertThat(f.command()).isEqualTo(0xB0);
    assertThat(f.status()).isZero();
    assertThat(FeigProtocol.parseInventory(f, 0).entries()).singleElement().satisfies(e -> assertThat(e.uid()).isEqualTo(UID));

    byte[] bad = reply.clone();
    bad[5] ^= 0x40;
    assertThatThrownBy(() -> FeigFrame.decode(bad)).isInstanceOf(ReaderException.class).hasMessageContaining("CRC mismatch");
    byte[] cut = java.util.Arrays.copyOf(reply, reply.length - 1);
    assertThatThrownBy(() -> FeigFrame.decode(cut)).hasMessageContaining("length byte says");
  }

  @Test
  void longFramesUseStx() throws Exception {
    byte[] body = new byte[300];
    byte[] f = FeigFrame.encode(0xFF, 0xB0, body);
    assertThat(f[0]).isEqualTo((byte) 0x02);
    assertThat(((f[1] & 0xFF) << 8) | (f[2] & 0xFF)).isEqualTo(f.length);
    assertThat(FeigFrame.decode(f).body()).hasSize(300);
  }
}
