package fr.navette.sip2.codec;

import java.util.Arrays;

/**
 * Writes a frame's bytes in one pass. ASCII text, nearly all of a SIP2 message, is copied byte for
 * byte (it is the same in every encoding we support); a piece of text with anything else goes
 * through {@link Sip2Encoding#encode} whole, so that normalisation and folding see it entire.
 */
final class FrameWriter {
  private final Sip2Encoding encoding;
  /** Characters from U+0080 below this are written by {@link #direct}; the rest go through the encoding. */
  private final char directLimit;
  private byte[] buf;
  private int len;

  FrameWriter(Sip2Encoding encoding, int capacity) {
    this.encoding = encoding;
    this.directLimit = switch (encoding) {
      case UTF_8 -> 0x300;
      case ISO_8859_1 -> 0x100;
      case ASCII, CP850 -> 0x80;
    };
    this.buf = new byte[capacity];
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  void ascii(char c) {
    ensure(1);
    buf[len++] = (byte) c;
  }

  /** Text; with {@code escape}, '|' becomes {@code &#124;} and CR/LF a space (they would end the field or frame). */
  void text(String s, boolean escape) {
    int start = len;
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < directLimit) {
          direct(c, s.length() - i);
          continue;
        }
        len = start;
        slow(s, escape);
        return;
      }
      if (escape && (c == '|' || c == '\r' || c == '\n')) {
        if (c == '|') {
          ensure(Sip2Format.PIPE_ENTITY.length() + s.length() - i);
          for (int k = 0; k < Sip2Format.PIPE_ENTITY.length(); k++) {
            buf[len++] = (byte) Sip2Format.PIPE_ENTITY.charAt(k);
          }
          continue;
        }
        c = ' ';
      }
      buf[len++] = (byte) c;
    }
  }

  /**
   * A Latin letter with its accent (é, à, ç: French titles) written straight into the frame. Below U+0300 a
   * character is its own NFC form and needs no folding in UTF-8 or ISO-8859-1 — unless a combining mark
   * comes later in the same text, and then {@link #text} starts the whole text again through the slow path.
   */
  private void direct(char c, int remaining) {
    if (encoding == Sip2Encoding.UTF_8) {
      ensure(remaining + 1);
      buf[len++] = (byte) (0xC0 | (c >> 6));
      buf[len++] = (byte) (0x80 | (c & 0x3F));
    } else {
      buf[len++] = (byte) c;
    }
  }

  private void slow(String s, boolean escape) {
    String text = s;
    if (escape && (s.indexOf('|') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0)) {
      StringBuilder sb = new StringBuilder(s.length() + 8);
      Sip2Format.appendEscaped(sb, s);
      text = sb.toString();
    }
    byte[] b = encoding.encode(text);
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  /** Appends the four hex digits of the checksum of everything written so far. */
  void checksum() {
    int sum = Checksum.compute(buf, 0, len);
    ensure(4);
    Checksum.writeHex(sum, buf, len);
    len += 4;
  }

  byte[] finish(Terminator terminator) {
    byte[] out = Arrays.copyOf(buf, len + terminator.length());
    terminator.copyTo(out, len);
    return out;
  }
}
