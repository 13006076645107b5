package fr.navette.sip2.codec;

import java.util.Locale;

/**
 * What ends a message we send. The spec says CR; Koha defaults to CRLF; some servers use LF.
 * Whatever we send, we accept all three on receipt (see {@link FrameSplitter}).
 */
public enum Terminator {
  CR(new byte[] {'\r'}),
  CRLF(new byte[] {'\r', '\n'}),
  LF(new byte[] {'\n'});

  private final byte[] bytes;

  Terminator(byte[] bytes) {
    this.bytes = bytes;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  int length() {
    return bytes.length;
  }

  void copyTo(byte[] out, int at) {
    System.arraycopy(bytes, 0, out, at, bytes.length);
  }

  public static Terminator parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "cr" -> CR;
      case "crlf" -> CRLF;
      case "lf" -> LF;
      default -> throw new IllegalArgumentException("unknown SIP2 terminator '" + name + "' (expected cr, crlf or lf)");
    };
  }
}
