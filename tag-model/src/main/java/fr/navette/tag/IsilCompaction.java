package fr.navette.tag;

import fr.navette.tag.TagDataException.Problem;

/**
 * ISO 28560-2 ISIL compaction (application-defined, OIDs 3 and 11): three character sets with
 * latch/shift codes. Upper: '-'=0, A-Z=1-26, ':'=27, 28 latch lower, 29 shift lower, 30 latch
 * numeric, 31 shift numeric. Lower: the same with a-z and '/'=27, 28/29 latch/shift upper.
 * Numeric (4 bits): 0-9, '-'=10, ':'=11, 12/13 latch/shift upper, 14/15 latch/shift lower.
 * The last byte is padded with 1s; a trailing partial code or a dangling shift/latch is ignored.
 */
public final class IsilCompaction {

  private enum Mode {
    UPPER(5),
    LOWER(5),
    NUMERIC(4);

    final int width;

    Mode(int width) {
      this.width = width;
    }
  }

  private IsilCompaction() {}

  public static boolean canEncode(String isil) {
    for (int i = 0; i < isil.length(); i++) {
      if (modeOf(isil.charAt(i), Mode.UPPER) == null) {
        return false;
      }
    }
    return true;
  }

  public static byte[] encode(String isil) throws TagDataException {
    BitWriter w = new BitWriter();
    Mode mode = Mode.UPPER;
    for (int i = 0; i < isil.length(); i++) {
      char c = isil.charAt(i);
      Mode target = modeOf(c, mode);
      if (target == null) {
        throw new TagDataException(Problem.CANNOT_ENCODE, "ISIL compaction: '" + c + "' in '" + isil + "' is not in A-Z a-z 0-9 - : /");
      }
      if (target != mode) {
        boolean latch = i + 1 < isil.length() && modeOf(isil.charAt(i + 1), target) == target;
        w.write(switchCode(mode, target, latch), mode.width);
        if (latch) {
          mode = target;
        }
      }
      w.write(code(c, target), target.width);
    }
    return w.finish(0xFF, 8);
  }

  public static String decode(byte[] data) throws TagDataException {
    BitReader r = new BitReader(data);
    StringBuilder sb = new StringBuilder();
    Mode mode = Mode.UPPER;
    Mode once = null;
    while (true) {
      Mode current = once != null ? once : mode;
      if (r.remaining() < current.width) {
        break;
      }
      int code = r.read(current.width);
      once = null;
      int c = charOf(current, code);
      if (c >= 0) {
        sb.append((char) c);
        continue;
      }
      Mode target = switchTarget(current, code);
      boolean latch = isLatch(current, code);
      if (latch) {
        mode = target;
      } else {
        once = target;
      }
    }
    if (sb.isEmpty() && data.length > 0) {
      throw new TagDataException(Problem.INVALID_VALUE, "ISIL compaction: no character in " + data.length + " bytes");
    }
    return sb.toString();
  }

  /** The mode holding {@code c}, preferring the current one ('-' and ':' are in several). */
  private static Mode modeOf(char c, Mode current) {
    if (c == '-' || (c == ':' && current != Mode.LOWER)) {
      return current;
    }
    if (c >= 'A' && c <= 'Z' || c == ':') {
      return Mode.UPPER;
    }
    if (c >= 'a' && c <= 'z' || c == '/') {
      return Mode.LOWER;
    }
    if (c >= '0' && c <= '9') {
      return Mode.NUMERIC;
    }
    return null;
  }

  private static int code(char c, Mode m) {
    return switch (m) {
      case UPPER -> c == '-' ? 0 : c == ':' ? 27 : c - 'A' + 1;
      case LOWER -> c == '-' ? 0 : c == '/' ? 27 : c - 'a' + 1;
      case NUMERIC -> c == '-' ? 10 : c == ':' ? 11 : c - '0';
    };
  }

  /** The character of {@code code} in mode {@code m}, or -1 for a shift/latch code. */
  private static int charOf(Mode m, int code) {
    return switch (m) {
      case UPPER -> code == 0 ? '-' : code <= 26 ? 'A' + code - 1 : code == 27 ? ':' : -1;
      case LOWER -> code == 0 ? '-' : code <= 26 ? 'a' + code - 1 : code == 27 ? '/' : -1;
      case NUMERIC -> code <= 9 ? '0' + code : code == 10 ? '-' : code == 11 ? ':' : -1;
    };
  }

  private static int switchCode(Mode from, Mode to, boolean latch) {
    return switch (from) {
      case UPPER -> to == Mode.LOWER ? (latch ? 28 : 29) : (latch ? 30 : 31);
      case LOWER -> to == Mode.UPPER ? (latch ? 28 : 29) : (latch ? 30 : 31);
      case NUMERIC -> to == Mode.UPPER ? (latch ? 12 : 13) : (latch ? 14 : 15);
    };
  }

  private static Mode switchTarget(Mode from, int code) {
    return switch (from) {
      case UPPER -> code <= 29 ? Mode.LOWER : Mode.NUMERIC;
      case LOWER -> code <= 29 ? Mode.UPPER : Mode.NUMERIC;
      case NUMERIC -> code <= 13 ? Mode.UPPER : Mode.LOWER;
    };
  }

  private static boolean isLatch(Mode from, int code) {
    return from == Mode.NUMERIC ? code == 12 || code == 14 : code == 28 || code == 30;
  }
}
