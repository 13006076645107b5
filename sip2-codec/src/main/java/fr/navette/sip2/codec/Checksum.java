package fr.navette.sip2.codec;

/**
 * SIP2 error detection: the AZ checksum is the two's complement of the 16-bit sum of every byte
 * from the start of the message through the "AZ" itself, as four upper-case hex digits. It is
 * computed over the encoded bytes, so it depends on the encoding. Some printed examples in the
 * 3M guide are wrong; this follows the algorithm (DESIGN §4: {@code 941AY0AZ} → {@code FDFD}).
 */
public final class Checksum {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Checksum() {}

  /** The checksum of {@code bytes[from, to)}, which must end with "AZ". */
  public static int compute(byte[] bytes, int from, int to) {
    int sum = 0;
    for (int i = from; i < to; i++) {
      sum += bytes[i] & 0xFF;
    }
    return (-sum) & 0xFFFF;
  }

  public static String toHex(int checksum) {
    byte[] out = new byte[4];
    writeHex(checksum, out, 0);
    return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
  }

  static void writeHex(int checksum, byte[] out, int at) {
    for (int i = 3; i >= 0; i--) {
      out[at + i] = HEX[checksum & 0xF];
      checksum >>>= 4;
    }
  }

  /** Reads four hex digits (either case); -1 if they are not hex. */
  static int readHex(byte[] b, int at) {
    int v = 0;
    for (int i = at; i < at + 4; i++) {
      int d = Character.digit(b[i] & 0xFF, 16);
      if (d < 0 || (b[i] & 0xFF) > 'f') {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  /** The next AY sequence digit: 0..9, wrapping 9 → 0. */
  public static int nextSequence(int sequence) {
    return (sequence + 1) % 10;
  }
}
