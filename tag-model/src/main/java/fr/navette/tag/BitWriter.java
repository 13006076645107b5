package fr.navette.tag;

import java.io.ByteArrayOutputStream;

/** Packs codes MSB first, as ISO/IEC 15962 compaction does. */
final class BitWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int acc;
  private int bits;

  void write(int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      acc = acc << 1 | (value >> i) & 1;
      if (++bits == 8) {
        out.write(acc);
        acc = 0;
        bits = 0;
      }
    }
  }

  /** Completes the last byte with the leading bits of {@code pattern} (a {@code width}-bit code). */
  byte[] finish(int pattern, int width) {
    int i = width - 1;
    while (bits != 0) {
      write((pattern >> i) & 1, 1);
      i = i == 0 ? width - 1 : i - 1;
    }
    return out.toByteArray();
  }
}
