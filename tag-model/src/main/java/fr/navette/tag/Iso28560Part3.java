package fr.navette.tag;

import fr.navette.tag.TagDataException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * ISO 28560-3, the Danish fixed basic block: version/type of usage, set, a 16-byte primary item
 * identifier, a CRC-16/CCITT-FALSE stored low byte first, then the owner library ISIL.
 * Optional extension blocks after byte 34 are checked (XOR sum 0) but not interpreted.
 */
public final class Iso28560Part3 {

  /** The basic block's two sizes: 32-byte tags drop the last two ISIL bytes. */
  public enum Layout {
    BYTES_32(32),
    BYTES_34(34);

    private final int length;

    Layout(int length) {
      this.length = length;
    }

    public int length() {
      return length;
    }
  }

  static final int PII_FROM = 3;
  static final int PII_LENGTH = 16;
  static final int CRC_AT = 19;
  static final int COUNTRY_AT = 21;
  static final int LIBRARY_AT = 23;
  static final int SUPPORTED_VERSION = 1;

  private Iso28560Part3() {}

  /** The CRC the basic block should carry: bytes 0-18 and 21-33 (two 0x00 stand in for 32-33 on 32-byte tags). */
  public static int computeCrc(byte[] memory, Layout layout) {
    Crc16 c = Crc16.CCITT_FALSE;
    int crc = c.update(c.init(), memory, 0, CRC_AT);
    crc = c.update(crc, memory, COUNTRY_AT, 32);
    crc = c.update(crc, layout == Layout.BYTES_34 ? memory : new byte[34], 32, 34);
    return c.finish(crc);
  }

  public static int storedCrc(byte[] memory) {
    return (memory[CRC_AT] & 0xFF) | (memory[CRC_AT + 1] & 0xFF) << 8;
  }

  /** The layout whose CRC matches, if any (34 first: on 32-byte data with 00 00 after, both agree). */
  static Optional<Layout> matchingLayout(byte[] memory) {
    if (memory.length < 32) {
      return Optional.empty();
    }
    Crc16 c = Crc16.CCITT_FALSE;
    int common = c.update(c.update(c.init(), memory, 0, CRC_AT), memory, COUNTRY_AT, 32);
    int stored = storedCrc(memory);
    if (memory.length >= 34 && c.finish(c.update(common, memory, 32, 34)) == stored) {
      return Optional.of(Layout.BYTES_34);
    }
    if (c.finish(c.update(common, TWO_ZEROS, 0, 2)) == stored) {
      return Optional.of(Layout.BYTES_32);
    }
    return Optional.empty();
  }

  private static final byte[] TWO_ZEROS = new byte[2];

  /** Decodes a basic block, refusing a bad CRC, an unknown version or an unreadable field. */
  public static TagData decode(byte[] memory) throws TagDataException {
    if (memory.length < 32) {
      throw new TagDataException(Problem.TRUNCATED, "ISO 28560-3 basic block cut short: " + memory.length + " bytes, need 32");
    }
    Layout layout = matchingLayout(memory).orElseThrow(() -> badCrc(memory));
    return decodeTrusted(memory, layout);
  }

  static TagDataException badCrc(byte[] memory) {
    return new TagDataException(
        Problem.BAD_CRC,
        String.format(
            "ISO 28560-3 CRC mismatch: stored 0x%04X, computed 0x%04X",
            storedCrc(memory), computeCrc(memory, memory.length >= 34 ? Layout.BYTES_34 : Layout.BYTES_32)));
  }

  private static TagData decodeTrusted(byte[] m, Layout layout) throws TagDataException {
    int version = (m[0] >> 4) & 0x0F;
    if (version > SUPPORTED_VERSION) {
      throw new TagDataException(Problem.UNSUPPORTED_VERSION, "ISO 28560-3 data model version " + version + " is not supported (known: 0, 1)");
    }
    if (layout == Layout.BYTES_34) {
      checkExtensionBlocks(m);
    }
    String pii = text(m, PII_FROM, PII_LENGTH, "primary item identifier");
    String country = text(m, COUNTRY_AT, 2, "owner library country");
    String library = text(m, LIBRARY_AT, layout.length() - LIBRARY_AT, "owner library");
    TagData.Builder b =
        TagData.builder(TagFormat.ISO28560_3, pii)
            .typeOfUsage(TypeOfUsage.of(m[0] & 0x0F))
            .set(new SetInfo(m[2] & 0xFF, m[1] & 0xFF));
    if (!country.isEmpty() || !library.isEmpty()) {
      b.ownerIsil(library.isEmpty() ? country : country + "-" + library);
    }
    return b.build();
  }

  /** Extension blocks: [length][id, 2 bytes][data][xor]; XOR of the whole block is 0; 0x00 ends. */
  private static void checkExtensionBlocks(byte[] m) throws TagDataException {
    int at = 34;
    while (at < m.length && m[at] != 0) {
      int len = m[at] & 0xFF;
      if (len < 4) {
        throw new TagDataException(Problem.INVALID_VALUE, "ISO 28560-3 extension block at byte " + at + " has length " + len + " (min 4)");
      }
      if (at + len > m.length) {
        throw new TagDataException(Problem.TRUNCATED, "ISO 28560-3 extension block at byte " + at + " cut short: length " + len + ", " + (m.length - at) + " bytes left");
      }
      int xor = 0;
      for (int i = at; i < at + len; i++) {
        xor ^= m[i];
      }
      if (xor != 0) {
        throw new TagDataException(Problem.BAD_CRC, "ISO 28560-3 extension block at byte " + at + " fails its XOR checksum");
      }
      at += len;
    }
  }

  /** A NUL-padded ISO-8859-1 field; control characters mean the bytes are not a text field. */
  private static String text(byte[] m, int from, int len, String field) throws TagDataException {
    int end = from;
    while (end < from + len && m[end] != 0) {
      int c = m[end] & 0xFF;
      if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
        throw new TagDataException(Problem.INVALID_VALUE, String.format("ISO 28560-3 %s holds control byte 0x%02X at byte %d", field, c, end));
      }
      end++;
    }
    return new String(m, from, end - from, StandardCharsets.ISO_8859_1);
  }

  /** Encodes the basic block (no extension blocks). Fields that do not fit are refused, never cut. */
  public static byte[] encode(TagData data, Layout layout) throws TagDataException {
    byte[] m = new byte[layout.length()];
    int usage = data.typeOfUsage().map(TypeOfUsage::main).orElse(TypeOfUsage.CIRCULATION);
    m[0] = (byte) (SUPPORTED_VERSION << 4 | usage);
    SetInfo set = data.set().orElse(SetInfo.single());
    m[1] = (byte) checkedByte("parts in item", set.partsInItem());
    m[2] = (byte) checkedByte("part number", set.partNumber());
    put(m, PII_FROM, PII_LENGTH, data.primaryItemIdentifier(), "primary item identifier");
    if (data.ownerIsil().isPresent()) {
      String isil = data.ownerIsil().get();
      int dash = isil.indexOf('-');
      String country = dash < 0 ? isil : isil.substring(0, dash);
      String library = dash < 0 ? "" : isil.substring(dash + 1);
      if (country.length() != 2) {
        throw new TagDataException(Problem.CANNOT_ENCODE, "ISIL '" + isil + "': ISO 28560-3 needs a 2-letter country prefix");
      }
      put(m, COUNTRY_AT, 2, country, "owner library country");
      put(m, LIBRARY_AT, layout.length() - LIBRARY_AT, library, "owner library");
    }
    int crc = computeCrc(m, layout);
    m[CRC_AT] = (byte) crc;
    m[CRC_AT + 1] = (byte) (crc >> 8);
    return m;
  }

  private static int checkedByte(String what, int v) throws TagDataException {
    if (v > 255) {
      throw new TagDataException(Problem.CANNOT_ENCODE, what + " " + v + " does not fit in one byte");
    }
    return v;
  }

  private static void put(byte[] m, int at, int max, String s, String field) throws TagDataException {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    if (b.length > max || !new String(b, StandardCharsets.ISO_8859_1).equals(s)) {
      throw new TagDataException(Problem.CANNOT_ENCODE, "ISO 28560-3 " + field + " '" + s + "' does not fit " + max + " ISO-8859-1 bytes");
    }
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        throw new TagDataException(Problem.CANNOT_ENCODE, "ISO 28560-3 " + field + " must not contain NUL");
      }
    }
    System.arraycopy(b, 0, m, at, b.length);
  }
}
