package fr.navette.reader;

import java.util.HexFormat;

/**
 * An ISO 15693 tag UID: 8 bytes, written most significant first (E0 first), as FEIG and 3M
 * readers report it. On air the tag sends it least significant byte first.
 */
public record Uid(long value) implements Comparable<Uid> {

  public static final int LENGTH = 8;

  public Uid {
    if ((value >>> 56) != 0xE0) {
      throw new IllegalArgumentException(String.format("an ISO 15693 UID starts with E0, not %02X (%016X)", value >>> 56, value));
    }
  }

  /** From 8 bytes, E0 first. */
  public static Uid fromBytes(byte[] b, int offset) {
    if (offset < 0 || offset + LENGTH > b.length) {
      throw new IllegalArgumentException("a UID needs 8 bytes at offset " + offset + ", have " + (b.length - offset));
    }
    long v = 0;
    for (int i = 0; i < LENGTH; i++) {
      v = v << 8 | (b[offset + i] & 0xFF);
    }
    return new Uid(v);
  }

  public static Uid fromBytes(byte[] b) {
    if (b.length != LENGTH) {
      throw new IllegalArgumentException("a UID is 8 bytes, not " + b.length);
    }
    return fromBytes(b, 0);
  }

  /** From 16 hex digits, E0 first, e.g. {@code E004010012345678}. */
  public static Uid parse(String hex) {
    String h = hex.strip();
    if (h.length() != 16) {
      throw new IllegalArgumentException("a UID is 16 hex digits, not '" + hex + "'");
    }
    return fromBytes(HexFormat.of().parseHex(h));
  }

  /** 8 bytes, E0 first. */
  public byte[] bytes() {
    byte[] b = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      b[i] = (byte) (value >>> (56 - 8 * i));
    }
    return b;
  }

  @Override
  public int compareTo(Uid o) {
    return Long.compareUnsigned(value, o.value);
  }

  @Override
  public String toString() {
    return String.format("%016X", value);
  }
}
