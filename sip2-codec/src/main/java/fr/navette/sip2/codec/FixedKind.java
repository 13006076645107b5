package fr.navette.sip2.codec;

/** What a fixed-length field may hold; the decoder checks it so typed records can trust it. */
public enum FixedKind {
  /** {@code Y} or {@code N}. */
  YES_NO,
  /** {@code Y}, {@code N} or {@code U} (unknown). */
  YES_NO_UNKNOWN,
  /** {@code 0} or {@code 1} (the "ok" flags). */
  ZERO_ONE,
  /** {@code YYYYMMDDZZZZHHMMSS}, or 18 spaces where the spec allows no date. */
  DATE,
  /** Decimal digits; leading or trailing spaces are tolerated because some servers pad counts with them. */
  DIGITS,
  /** Any characters of the given length (codes, languages, the 14 patron status flags). */
  TEXT;

  boolean accepts(String v) {
    return switch (this) {
      case YES_NO -> v.length() == 1 && (v.charAt(0) == 'Y' || v.charAt(0) == 'N');
      case YES_NO_UNKNOWN -> v.length() == 1 && (v.charAt(0) == 'Y' || v.charAt(0) == 'N' || v.charAt(0) == 'U');
      case ZERO_ONE -> v.length() == 1 && (v.charAt(0) == '0' || v.charAt(0) == '1');
      case DATE -> Sip2Timestamp.isWellFormed(v);
      case DIGITS -> isPaddedNumber(v);
      case TEXT -> true;
    };
  }

  String expectation() {
    return switch (this) {
      case YES_NO -> "Y or N";
      case YES_NO_UNKNOWN -> "Y, N or U";
      case ZERO_ONE -> "0 or 1";
      case DATE -> "a date YYYYMMDDZZZZHHMMSS or 18 spaces";
      case DIGITS -> "digits";
      case TEXT -> "text";
    };
  }

  /** Spaces, digits, spaces: no space between digits, nothing else. */
  private static boolean isPaddedNumber(String v) {
    int n = v.length();
    int i = 0;
    while (i < n && v.charAt(i) == ' ') {
      i++;
    }
    while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    while (i < n && v.charAt(i) == ' ') {
      i++;
    }
    return i == n;
  }
}
