package fr.navette.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc16Test {
  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void checkValuesOfTheThreeVariants() {
    assertThat(Crc16.CCITT_FALSE.compute(CHECK)).isEqualTo(0x29B1);
    assertThat(Crc16.MCRF4XX.compute(CHECK)).isEqualTo(0x6F91);
    assertThat(Crc16.GENIBUS.compute(CHECK)).isEqualTo(0xD64E);
  }

  @Test
  void danishReferenceString() {
    assertThat(Crc16.CCITT_FALSE.compute("RFID tag data model".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x1AEE);
  }

  @Test
  void allZeroBasicBlock() {
    assertThat(Iso28560Part3.computeCrc(new byte[32], Iso28560Part3.Layout.BYTES_32)).isEqualTo(0xF14C);
  }
}
