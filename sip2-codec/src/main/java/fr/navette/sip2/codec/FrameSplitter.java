package fr.navette.sip2.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a byte stream into frames at CR, LF or CRLF, whichever the peer uses (empty lines, such
 * as the LF of a CRLF, are skipped). Pure: the caller reads the socket and feeds the bytes.
 * A frame longer than the limit is an error rather than a memory leak.
 */
public final class FrameSplitter {
  private final int maxFrameLength;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);

  public FrameSplitter(int maxFrameLength) {
    if (maxFrameLength < 2) {
      throw new IllegalArgumentException("maxFrameLength must be at least 2, got " + maxFrameLength);
    }
    this.maxFrameLength = maxFrameLength;
  }

  /** The frames these bytes complete, without their terminators; the rest waits for more bytes. */
  public List<byte[]> feed(byte[] data, int offset, int length) throws Sip2ParseException {
    List<byte[]> frames = new ArrayList<>(1);
    for (int i = offset; i < offset + length; i++) {
      byte b = data[i];
      if (b == '\r' || b == '\n') {
        if (pending.size() > 0) {
          frames.add(pending.toByteArray());
          pending.reset();
        }
      } else {
        if (pending.size() >= maxFrameLength) {
          pending.reset();
          throw new Sip2ParseException(null, null, "no terminator within " + maxFrameLength + " bytes");
        }
        pending.write(b);
      }
    }
    return frames;
  }

  /** Bytes received since the last terminator. */
  public int pendingLength() {
    return pending.size();
  }

  public void reset() {
    pending.reset();
  }
}
