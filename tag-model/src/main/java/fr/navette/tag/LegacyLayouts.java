package fr.navette.tag;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Proprietary layouts still found in European collections, read well enough to get the item
 * identifier. Neither carries a checksum we can verify, so recognition is strict about shape.
 */
final class LegacyLayouts {

  private LegacyLayouts() {}

  /**
   * 3M "RFID501" alphanumeric (Biblio-RFID's reverse engineering): byte 0 = 0x04, byte 1 = set
   * (high nibble part, low nibble total), byte 2 = 0x00, byte 3 = item type, bytes 4-19 a
   * NUL-terminated barcode, then branch/library and a custom integer.
   */
  static Optional<TagData> rfid501(byte[] m) {
    if (m.length < 24 || m[0] != 0x04 || m[2] != 0x00) {
      return Optional.empty();
    }
    int part = (m[1] >> 4) & 0x0F;
    int total = m[1] & 0x0F;
    if (part == 0 || total == 0 || part > total) {
      return Optional.empty();
    }
    int end = 4;
    while (end < 20 && m[end] != 0) {
      if (m[end] < 0x21 || m[end] > 0x7E) {
        return Optional.empty();
      }
      end++;
    }
    for (int i = end; i < 20; i++) {
      if (m[i] != 0) {
        return Optional.empty();
      }
    }
    if (end == 4) {
      return Optional.empty();
    }
    String barcode = new String(m, 4, end - 4, StandardCharsets.US_ASCII);
    return Optional.of(TagData.builder(TagFormat.RFID501_3M, barcode).set(new SetInfo(part, total)).build());
  }

  /**
   * Bibliotheca DM11 (libdanrfid): byte 0 = 0x0B, an 8-digit barcode spread over nibbles and
   * half-nibbles of bytes 1-7, a CRC of unknown algorithm at bytes 14-15.
   */
  static Optional<TagData> dm11(byte[] m) {
    if (m.length < 16 || m[0] != 0x0B) {
      return Optional.empty();
    }
    int[] digits = {
      halves(lo(m, 2), hi(m, 1)),
      hi(m, 2),
      halves(hi(m, 3), lo(m, 3)),
      lo(m, 4),
      halves(lo(m, 5), hi(m, 4)),
      hi(m, 5),
      halves(hi(m, 6), lo(m, 6)),
      lo(m, 7)
    };
    StringBuilder sb = new StringBuilder(8);
    for (int d : digits) {
      if (d > 9) {
        return Optional.empty();
      }
      sb.append((char) ('0' + d));
    }
    return Optional.of(TagData.builder(TagFormat.BIBLIOTHECA_DM11, sb.toString()).build());
  }

  private static int hi(byte[] m, int i) {
    return (m[i] >> 4) & 0x0F;
  }

  private static int lo(byte[] m, int i) {
    return m[i] & 0x0F;
  }

  /** Low two bits of {@code h} then the upper two bits of the low nibble {@code l}. */
  private static int halves(int h, int l) {
    return (h & 0x3) << 2 | (l & 0xC) >> 2;
  }

  /** All 0x00, or the 3M factory pattern (0x55 blocks, possibly followed by 0x00). */
  static boolean isBlank(byte[] m) {
    int i = 0;
    while (i < m.length && m[i] == 0x55) {
      i++;
    }
    while (i < m.length && m[i] == 0x00) {
      i++;
    }
    return i == m.length;
  }
}
