package fr.navette.tag;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Arbitrary bytes give a value or our clear error (a TagDataException with a message), nothing else. */
class TagFuzzTest {

  @Property(tries = 5000)
  void decoderGivesAValueOrOurError(@ForAll("memory") byte[] memory) {
    try {
      TagData d = TagDecoder.decode(memory);
      assertThat(d.format()).isNotNull();
      assertThat(d.describe()).containsKey("format");
    } catch (TagDataException e) {
      assertThat(e.getMessage()).isNotBlank();
      assertThat(e.problem()).isNotNull();
    }
  }

  @Property(tries = 3000)
  void part2ParserGivesAValueOrOurError(@ForAll("part2ish") byte[] memory) {
    try {
      Iso28560Part2.decode(memory);
    } catch (TagDataException e) {
      assertThat(e.getMessage()).contains("ISO 28560-2");
    }
  }

  @Property(tries = 3000)
  void elementDecodersGiveAValueOrOurError(@ForAll("memory") byte[] data) {
    for (Compaction c : Compaction.values()) {
      try {
        assertThat(c.decode(data)).isNotNull();
      } catch (TagDataException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    try {
      IsilCompaction.decode(data);
    } catch (TagDataException e) {
      assertThat(e.getMessage()).contains("ISIL");
    }
  }

  @Property(tries = 2000)
  void aFlippedBitInAPart3TagIsNeverAWrongIdentifier(@ForAll("index") int bit) throws Exception {
    byte[] m = java.util.HexFormat.of().parseHex("11010131313232333334340000000000000000513e4445373035000000000000");
    m[bit / 8] ^= (byte) (1 << (bit % 8));
    try {
      TagData d = TagDecoder.decode(m);
      assertThat(d.primaryItemIdentifier()).as("decoded %s", d).isIn("11223344");
    } catch (TagDataException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 3000)
  void part3BlocksWithAGoodCrcGiveAValueOrOurError(@ForAll("part3ish") byte[] m) {
    try {
      TagData d = TagDecoder.decode(m);
      assertThat(d.format()).isIn(TagFormat.ISO28560_3, TagFormat.BLANK);
    } catch (TagDataException e) {
      assertThat(e.problem()).isIn(TagDataException.Problem.UNSUPPORTED_VERSION, TagDataException.Problem.INVALID_VALUE, TagDataException.Problem.BAD_CRC, TagDataException.Problem.TRUNCATED);
    }
  }

  /** Arbitrary basic blocks (and what follows) whose CRC is right, to reach the field decoding. */
  @Provide
  Arbitrary<byte[]> part3ish() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMinSize(34)
        .ofMaxSize(64)
        .map(
            b -> {
              int crc = Iso28560Part3.computeCrc(b, Iso28560Part3.Layout.BYTES_34);
              b[19] = (byte) crc;
              b[20] = (byte) (crc >> 8);
              return b;
            });
  }

  @Provide
  Arbitrary<Integer> index() {
    return Arbitraries.integers().between(0, 32 * 8 - 1);
  }

  @Provide
  Arbitrary<byte[]> memory() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(120);
  }

  /** Bytes that start like a part-2 tag (precursor of OID 1), to get deep into the parser. */
  @Provide
  Arbitrary<byte[]> part2ish() {
    return memory()
        .map(
            b -> {
              byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
              System.arraycopy(b, 0, out, 1, b.length);
              out[0] = (byte) (0x01 | (b.length > 0 ? b[0] & 0xF0 : 0x10));
              return out;
            });
  }
}
