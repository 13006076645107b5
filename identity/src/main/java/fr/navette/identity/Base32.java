package fr.navette.identity;

/**
 * Crockford's base 32, written lower case: digits and letters without i, l, o, u, so that what is read off a
 * screen is typed back right. Reading forgives case and the look-alikes (o → 0, i and l → 1).
 */
final class Base32 {
  static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

  private Base32() {}

  static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /** Number of characters {@link #encode} makes of {@code byteCount} bytes. */
  static int length(int byteCount) {
    return (byteCount * 8 + 4) / 5;
  }

  /**
   * Decodes exactly {@code byteCount} bytes; the error (prefixed by {@code what}) says which character is wrong.
   */
  static byte[] decode(String what, String text, int byteCount) {
    int expected = length(byteCount);
    if (text.length() != expected) {
      throw new EnrolmentStringException(what + ": expected " + expected + " characters, got " + text.length()
          + (text.length() < expected ? " (some missing?)" : " (some extra?)"));
    }
    byte[] out = new byte[byteCount];
    int buffer = 0;
    int bits = 0;
    int index = 0;
    for (int i = 0; i < text.length(); i++) {
      int value = value(text.charAt(i));
      if (value < 0) {
        throw new EnrolmentStringException(what + ": character '" + text.charAt(i) + "' at position " + (i + 1)
            + " is not one of 0-9 a-z (without u)");
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        if (index < byteCount) {
          out[index++] = (byte) (buffer >> (bits - 8));
        }
        bits -= 8;
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      throw new EnrolmentStringException(what + ": last character '" + text.charAt(text.length() - 1)
          + "' cannot end this value (a typo?)");
    }
    return out;
  }

  /**
   * A value that is text over the alphabet (a token id, a secret), normalised: lower case, look-alikes read as
   * what they stand for.
   */
  static String normalise(String what, String text, int length) {
    if (text.length() != length) {
      throw new EnrolmentStringException(what + ": expected " + length + " characters, got " + text.length());
    }
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < text.length(); i++) {
      int value = value(text.charAt(i));
      if (value < 0) {
        throw new EnrolmentStringException(what + ": character '" + text.charAt(i) + "' at position " + (i + 1)
            + " is not one of 0-9 a-z (without u)");
      }
      out.append(ALPHABET.charAt(value));
    }
    return out.toString();
  }

  private static int value(char c) {
    char lower = Character.toLowerCase(c);
    return switch (lower) {
      case 'o' -> 0;
      case 'i', 'l' -> 1;
      default -> ALPHABET.indexOf(lower);
    };
  }
}
