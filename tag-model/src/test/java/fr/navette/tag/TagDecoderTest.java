package fr.navette.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.tag.TagDataException.Problem;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TagDecoderTest {
  private static final String DANISH = "11010131313232333334340000000000000000513e4445373035000000000000";
  private static final String ANNEX = "9100051cbe991a140201d0140204b34607441cb6e2e335d6830207acc09ebaa06f6b0000";

  static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  @Test
  void danishTagWithOneBitFlippedIsRefusedNamingTheCrc() {
    byte[] m = hex(DANISH);
    m[6] ^= 0x01; // '2' becomes '3': a wrong identifier that must not come out
    assertThatThrownBy(() -> TagDecoder.decode(m))
        .isInstanceOfSatisfying(TagDataException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_CRC))
        .hasMessageContaining("CRC")
        .hasMessageContaining("0x3E51");
  }

  @Test
  void danishTagWithoutIsilAndBadCrcIsStillACrcError() {
    byte[] m = hex(DANISH);
    for (int i = 21; i < 32; i++) {
      m[i] = 0;
    }
    assertThatThrownBy(() -> TagDecoder.decode(m)).hasMessageContaining("CRC");
  }

  @Test
  void unknownPart3VersionIsNamed() throws Exception {
    TagData d = TagData.builder(TagFormat.ISO28560_3, "123").build();
    byte[] m = Iso28560Part3.encode(d, Iso28560Part3.Layout.BYTES_32);
    m[0] = 0x21;
    int crc = Iso28560Part3.computeCrc(m, Iso28560Part3.Layout.BYTES_32);
    m[19] = (byte) crc;
    m[20] = (byte) (crc >> 8);
    assertThatThrownBy(() -> TagDecoder.decode(m))
        .isInstanceOfSatisfying(TagDataException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_VERSION))
        .hasMessageContaining("version 2");
  }

  @Test
  void part2ElementCutShortIsNamed() {
    byte[] full = hex(ANNEX);
    byte[] cut = java.util.Arrays.copyOf(full, 20); // inside the 6-bit shelf location
    assertThatThrownBy(() -> TagDecoder.decode(cut))
        .isInstanceOfSatisfying(TagDataException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TRUNCATED))
        .hasMessageContaining("OID 6")
        .hasMessageContaining("cut short");
  }

  @Test
  void part2DetailsOfTheAnnexExample() throws Exception {
    var elements = Iso28560Part2.parse(hex(ANNEX));
    assertThat(elements).extracting(DataElement::oid).containsExactly(1, 2, 4, 6, 3);
    assertThat(elements.get(0).offset()).isTrue();
    assertThat(elements.get(0).padBytes()).isZero();
    assertThat(elements.get(4).padBytes()).isEqualTo(2);
    TagData d = TagDecoder.decode(hex(ANNEX));
    assertThat(d.otherElements()).containsEntry(2, "d0");
  }

  @Test
  void blankPatterns() throws Exception {
    assertThat(TagDecoder.decode(new byte[112]).format()).isEqualTo(TagFormat.BLANK);
    byte[] threeM = new byte[28];
    java.util.Arrays.fill(threeM, 0, 24, (byte) 0x55);
    assertThat(TagDecoder.decode(threeM).format()).isEqualTo(TagFormat.BLANK);
  }

  @Test
  void emptyMemoryIsAnError() {
    assertThatThrownBy(() -> TagDecoder.decode(new byte[0])).hasMessageContaining("0 bytes");
  }

  @Test
  void garbageIsUnrecognised() {
    assertThatThrownBy(() -> TagDecoder.decode(hex("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100")))
        .isInstanceOfSatisfying(TagDataException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNRECOGNISED));
  }

  @Test
  void oidsFromFifteenUseTheExtensionByte() throws Exception {
    TagData d = TagData.builder(TagFormat.ISO28560_2, "ABC123").title("Le Petit Prince").otherElement(26, "local C").build();
    byte[] m = Iso28560Part2.encode(d);
    var elements = Iso28560Part2.parse(m);
    DataElement title = elements.stream().filter(e -> e.oid() == 17).findFirst().orElseThrow();
    assertThat(m[title.start()] & 0x0F).isEqualTo(0x0F);
    assertThat(m[title.start() + 1]).isEqualTo((byte) 2);
    TagData back = TagDecoder.decode(m);
    assertThat(back.title()).contains("Le Petit Prince");
    assertThat(back.otherElements()).containsEntry(26, "local C");
    // content parameter: OID 17 and 26 -> bits 14 and 23
    assertThat(back.otherElements().get(2)).isEqualTo("000201");
  }

  @Test
  void encodedDanishTagMatchesTheVector() throws Exception {
    TagData d = TagData.builder(TagFormat.ISO28560_3, "11223344").ownerIsil("DE-705").set(1, 1).typeOfUsage(TypeOfUsage.of(1)).build();
    assertThat(HexFormat.of().formatHex(Iso28560Part3.encode(d, Iso28560Part3.Layout.BYTES_32))).isEqualTo(DANISH);
  }

  @Test
  void thirtyFourByteLayoutCarriesLongerLibraryIds() throws Exception {
    TagData d = TagData.builder(TagFormat.ISO28560_3, "0123456789ABCDEF").ownerIsil("FR-75123456789").build();
    byte[] m = Iso28560Part3.encode(d, Iso28560Part3.Layout.BYTES_34);
    assertThat(m).hasSize(34);
    assertThat(TagDecoder.decode(m).ownerIsil()).contains("FR-75123456789");
    assertThatThrownBy(() -> Iso28560Part3.encode(d, Iso28560Part3.Layout.BYTES_32)).hasMessageContaining("owner library");
  }

  @Test
  void securityPolicyDecidesArmed() {
    SecurityPolicy iso = SecurityPolicy.isoDefault();
    assertThat(iso.isArmed(0x07, false)).isTrue();
    assertThat(iso.isArmed(0xC2, true)).isFalse();
    assertThat(iso.isArmed(0x00, false)).isFalse();
    SecurityPolicy legacy = SecurityPolicy.afi(0xD7, 0xDA);
    assertThat(legacy.isArmed(0xD7, false)).isTrue();
    assertThat(legacy.isArmed(0x07, false)).isFalse();
    assertThat(legacy.afiToDisarm()).isEqualTo(0xDA);
    SecurityPolicy eas = SecurityPolicy.eas();
    assertThat(eas.isArmed(0xC2, true)).isTrue();
    assertThat(eas.isArmed(0x07, false)).isFalse();
    assertThatThrownBy(() -> SecurityPolicy.afi(0x07, 0x07)).hasMessageContaining("differ");
  }
}
