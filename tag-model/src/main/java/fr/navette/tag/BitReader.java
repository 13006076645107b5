package fr.navette.tag;

/** Reads codes MSB first out of compacted bytes. */
final class BitReader {
  private final byte[] data;
  private int pos;

  BitReader(byte[] data) {
    this.data = data;
  }

  int remaining() {
    return data.length * 8 - pos;
  }

  int read(int width) {
    int v = 0;
    for (int i = 0; i < width; i++, pos++) {
      v = v << 1 | (data[pos >> 3] >> (7 - (pos & 7))) & 1;
    }
    return v;
  }

  /** The next {@code width} bits, without consuming them. */
  int peek(int width) {
    int saved = pos;
    int v = read(width);
    pos = saved;
    return v;
  }

  /** True when every bit left is {@code bit} (so it is padding). */
  boolean restIs(int bit) {
    for (int p = pos; p < data.length * 8; p++) {
      if (((data[p >> 3] >> (7 - (p & 7))) & 1) != bit) {
        return false;
      }
    }
    return true;
  }
}
