package fr.navette.reader.serial;

import java.util.Arrays;
import java.util.Optional;

/**
 * Accumulates bytes from a serial line and cuts them into frames. Bytes that cannot start a good
 * frame are discarded; each run of them counts as one garbled frame.
 */
public final class FrameBuffer {
  private final FrameCodec codec;
  private byte[] buf = new byte[512];
  private int len;
  private long garbled;
  private boolean inGarbage;

  public FrameBuffer(FrameCodec codec) {
    this.codec = codec;
  }

  public void append(byte[] data, int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
    System.arraycopy(data, 0, buf, len, n);
    len += n;
  }

  /** The next complete good frame, dropping garbage before it. */
  public Optional<byte[]> next() {
    while (len > 0) {
      FrameCodec.Scan s = codec.scan(buf, 0, len);
      switch (s) {
        case FrameCodec.NeedMore n -> {
          return Optional.empty();
        }
        case FrameCodec.Frame f -> {
          byte[] frame = Arrays.copyOf(buf, f.length());
          drop(f.length());
          inGarbage = false;
          return Optional.of(frame);
        }
        case FrameCodec.Garbage g -> {
          if (!inGarbage) {
            garbled++;
            inGarbage = true;
          }
          drop(Math.max(1, Math.min(g.skip(), len)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The line went quiet with bytes held that do not make a frame (e.g. a noise byte read as a
   * long length): they are not the start of a frame after all. Drops the first one, counted.
   */
  public void resync() {
    if (len > 0) {
      if (!inGarbage) {
        garbled++;
        inGarbage = true;
      }
      drop(1);
    }
  }

  /** Bytes held that do not yet make a frame. */
  public int pending() {
    return len;
  }

  /** Drops everything held; a partial frame counts as garbled (it was cut short). */
  public void clear() {
    if (len > 0 && !inGarbage) {
      garbled++;
    }
    reset();
  }

  /** Drops everything held without counting it (stale bytes before a new request). */
  public void reset() {
    len = 0;
    inGarbage = false;
  }

  /** How many garbled frames (runs of undecodable bytes) were discarded so far. */
  public long garbledFrames() {
    return garbled;
  }

  private void drop(int n) {
    System.arraycopy(buf, n, buf, 0, len - n);
    len -= n;
  }
}
