package fr.navette.tag;

import fr.navette.tag.TagDataException.Problem;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** ISO/IEC 15962 compaction schemes, by their 3-bit code in the precursor. */
public enum Compaction {
  /** Application-defined: the content parameter (OID 2), ISIL compaction (OIDs 3, 11). */
  APPLICATION_DEFINED(0, "application-defined"),
  /** Unsigned big-endian integer; only all-digit values without a leading zero. */
  INTEGER(1, "integer"),
  /** BCD, odd length padded with nibble F. */
  NUMERIC(2, "numeric"),
  /** Low 5 bits of ASCII 0x41-0x5F. */
  FIVE_BIT(3, "5-bit"),
  /** Low 6 bits of ASCII 0x20-0x5F, padded with the leading bits of 100000. */
  SIX_BIT(4, "6-bit"),
  /** US-ASCII in 7 bits, padded with 1s. */
  SEVEN_BIT(5, "7-bit"),
  /** ISO/IEC 8859-1 bytes. */
  OCTET(6, "octet string"),
  UTF8(7, "UTF-8");

  private final int code;
  private final String label;

  Compaction(int code, String label) {
    this.code = code;
    this.label = label;
  }

  public int code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static Compaction ofCode(int code) {
    return values()[code & 7];
  }

  /** The most compact generic scheme able to carry {@code text} (ISO/IEC 15962 picks the shortest). */
  public static Compaction best(String text) {
    if (!text.isEmpty() && allIn(text, '0', '9')) {
      return text.charAt(0) != '0' && text.length() <= 38 ? INTEGER : NUMERIC;
    }
    if (allIn(text, 0x41, 0x5F)) {
      return FIVE_BIT;
    }
    // A trailing space (6-bit) or DEL (7-bit) would read back as padding: use the next scheme.
    if (allIn(text, 0x20, 0x5F) && !text.endsWith(" ")) {
      return SIX_BIT;
    }
    if (allIn(text, 0x00, 0x7F) && !text.endsWith("\u007f")) {
      return SEVEN_BIT;
    }
    if (allIn(text, 0x00, 0xFF)) {
      return OCTET;
    }
    return UTF8;
  }

  private static boolean allIn(String s, int lo, int hi) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < lo || c > hi) {
        return false;
      }
    }
    return true;
  }

  /** Compacts text; refuses characters this scheme cannot carry. Application-defined means hex. */
  public byte[] encode(String text) throws TagDataException {
    return switch (this) {
      case APPLICATION_DEFINED -> {
        try {
          yield HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
          throw cannot("'" + text + "' is not hex");
        }
      }
      case INTEGER -> {
        if (text.isEmpty() || !allIn(text, '0', '9') || (text.length() > 1 && text.charAt(0) == '0')) {
          throw cannot("'" + text + "' is not a number without leading zero");
        }
        byte[] b = new BigInteger(text).toByteArray();
        int skip = b.length > 1 && b[0] == 0 ? 1 : 0;
        byte[] r = new byte[b.length - skip];
        System.arraycopy(b, skip, r, 0, r.length);
        yield r;
      }
      case NUMERIC -> {
        if (!allIn(text, '0', '9')) {
          throw cannot("'" + text + "' is not all digits");
        }
        byte[] r = new byte[(text.length() + 1) / 2];
        for (int i = 0; i < text.length() + (text.length() & 1); i++) {
          int nibble = i < text.length() ? text.charAt(i) - '0' : 0x0F;
          r[i / 2] |= (byte) (i % 2 == 0 ? nibble << 4 : nibble);
        }
        yield r;
      }
      case FIVE_BIT -> packed(text, 0x41, 0x5F, 5, 0, 5);
      case SIX_BIT -> packed(text, 0x20, 0x5F, 6, 0b100000, 6);
      case SEVEN_BIT -> packed(text, 0x00, 0x7F, 7, 1, 1);
      case OCTET -> {
        if (!allIn(text, 0, 0xFF)) {
          throw cannot("'" + text + "' has characters outside ISO-8859-1");
        }
        yield text.getBytes(StandardCharsets.ISO_8859_1);
      }
      case UTF8 -> text.getBytes(StandardCharsets.UTF_8);
    };
  }

  private byte[] packed(String text, int lo, int hi, int width, int pad, int padWidth) throws TagDataException {
    if (!allIn(text, lo, hi)) {
      throw cannot(String.format("'%s' has characters outside 0x%02X-0x%02X", text, lo, hi));
    }
    BitWriter w = new BitWriter();
    for (int i = 0; i < text.length(); i++) {
      w.write(text.charAt(i), width);
    }
    return w.finish(pad, padWidth);
  }

  private TagDataException cannot(String why) {
    return new TagDataException(Problem.CANNOT_ENCODE, label + " compaction: " + why);
  }

  /** Expands compacted bytes to text; application-defined data comes back as hex. */
  public String decode(byte[] data) throws TagDataException {
    return switch (this) {
      case APPLICATION_DEFINED -> HexFormat.of().formatHex(data);
      case INTEGER -> {
        if (data.length == 0) {
          throw invalid("no bytes");
        }
        if (data.length < 8) {
          long v = 0;
          for (byte b : data) {
            v = v << 8 | (b & 0xFF);
          }
          yield Long.toString(v);
        }
        yield new BigInteger(1, data).toString();
      }
      case NUMERIC -> {
        StringBuilder sb = new StringBuilder(data.length * 2);
        for (int i = 0; i < data.length * 2; i++) {
          int nibble = (data[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0F;
          if (nibble == 0x0F && i == data.length * 2 - 1) {
            break;
          }
          if (nibble > 9) {
            throw invalid(String.format("nibble 0x%X at position %d is not a digit", nibble, i));
          }
          sb.append((char) ('0' + nibble));
        }
        yield sb.toString();
      }
      case FIVE_BIT -> unpack(data, 5, 0x40, 0);
      case SIX_BIT -> unpack(data, 6, 0, -1);
      case SEVEN_BIT -> unpack(data, 7, 0, 1);
      case OCTET -> new String(data, StandardCharsets.ISO_8859_1);
      case UTF8 -> {
        try {
          yield StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data))
              .toString();
        } catch (CharacterCodingException e) {
          throw invalid("malformed UTF-8");
        }
      }
    };
  }

  /**
   * Unpacks fixed-width codes. Fewer bits than a code left over are padding; so is a last whole
   * code made only of the pad bit ({@code padBit} 0 or 1; -1 = the 6-bit "100000" pattern).
   */
  private String unpack(byte[] data, int width, int base, int padBit) throws TagDataException {
    BitReader r = new BitReader(data);
    StringBuilder sb = new StringBuilder(data.length * 8 / width);
    while (r.remaining() >= width) {
      if (r.remaining() < 8 && (padBit >= 0 ? r.restIs(padBit) : r.remaining() == 6 && r.peek(6) == 0b100000)) {
        break;
      }
      int code = r.read(width);
      int c;
      if (width == 6) {
        c = code < 0x20 ? code | 0x40 : code;
      } else {
        c = base | code;
      }
      if (width == 5 && code == 0) {
        throw invalid("code 0 is not a 5-bit character");
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  private TagDataException invalid(String why) {
    return new TagDataException(Problem.INVALID_VALUE, label + " data: " + why);
  }
}
