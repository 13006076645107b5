package fr.navette.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the records' constructors and the decoders share, so that a bad value is refused where it is made or
 * read, naming the field and the {@link Limits limit}: "itemId: 100000 characters, at most 64". A refusal never
 * repeats more than a few characters of what it refuses.
 */
final class Fields {
  private static final Pattern NAME = Pattern.compile(Limits.NAME_PATTERN);
  private static final Pattern HEX = Pattern.compile("[0-9A-F]+");
  private static final int QUOTED = 40;

  private Fields() {}

  /** A text that must be there, not blank, within {@code maxLength} characters (Unicode code points). */
  static String requireText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new SchemaException(field, "missing");
    }
    return requireLength(field, value, maxLength);
  }

  /**
   * A text of at most {@code maxLength} characters, counted as JSON Schema's {@code maxLength} counts them (code
   * points, so "📚" is one), that can be stored: no lone surrogate (it has no UTF-8 form), no control character
   * but tab, line feed and carriage return (PostgreSQL refuses NUL in text, at every retry; ESC would reach a
   * receipt printer as a command).
   */
  static String requireLength(String field, String value, int maxLength) {
    if (value == null) {
      throw new SchemaException(field, "missing");
    }
    if (value.length() > maxLength) { // cheap first: a code point is one or two chars
      int count = value.codePointCount(0, value.length());
      if (count > maxLength) {
        throw new SchemaException(field, count + " characters, at most " + maxLength);
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (!storable(c)) {
        throw new SchemaException(field, (Character.isSurrogate(c) ? "lone surrogate" : "control character")
            + " U+" + String.format("%04X", (int) c) + " at " + i);
      }
    }
    return value;
  }

  static Optional<String> requireLength(String field, Optional<String> value, int maxLength) {
    return Objects.requireNonNull(value, field).map(text -> requireLength(field, text, maxLength));
  }

  /**
   * Words for people made by code (an exception's message, a SIGB's screen text or title) made storable rather
   * than refused — a long message must not stop the report that carries it: cut to {@code maxLength} characters,
   * the last one an ellipsis, and what {@link #requireLength} refuses replaced by U+FFFD. Decoders refuse such
   * text instead: no producer of ours sends it.
   */
  static String cut(String value, int maxLength) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), 2 * maxLength));
    int count = 0;
    for (int i = 0; i < value.length(); count++) {
      int codePoint = value.codePointAt(i); // a lone surrogate comes back as itself
      i += Character.charCount(codePoint);
      if (count == maxLength - 1 && i < value.length()) {
        return out.append('…').toString();
      }
      out.appendCodePoint(codePoint > 0xFFFF || storable((char) codePoint) ? codePoint : 0xFFFD);
    }
    return out.toString();
  }

  static Optional<String> cut(Optional<String> value, int maxLength) {
    return Objects.requireNonNull(value).map(text -> cut(text, maxLength));
  }

  private static boolean storable(char c) {
    return !Character.isSurrogate(c) && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && c != 0x7F;
  }

  /** A device id, site or topic segment: {@link Limits#NAME_PATTERN}. */
  static String requireName(String field, String value) {
    requireText(field, value, Limits.IDENTIFIER);
    if (!NAME.matcher(value).matches()) {
      throw new SchemaException(field, "must be 1-64 letters, digits, '.', '_' or '-' (no MQTT wildcard), got "
          + quote(value));
    }
    return value;
  }

  /** A tag UID: upper-case hex, {@code minLength} to {@link Limits#TAG_UID} digits. */
  static String requireHex(String field, String value, int minLength) {
    requireText(field, value, Limits.TAG_UID);
    if (value.length() < minLength || !HEX.matcher(value).matches()) {
      throw new SchemaException(field, "expected " + minLength + "-" + Limits.TAG_UID + " upper-case hex digits, got "
          + quote(value));
    }
    return value;
  }

  static long requireRange(String field, long value, long min, long max) {
    if (value < min) {
      throw new SchemaException(field, value + ", at least " + min);
    }
    if (value > max) {
      throw new SchemaException(field, value + ", at most " + max);
    }
    return value;
  }

  /** An instant within {@link Limits#EARLIEST} and {@link Limits#LATEST}: Java, JavaScript and the store hold it. */
  static Instant requireInstant(String field, Instant value) {
    if (value == null) {
      throw new SchemaException(field, "missing");
    }
    if (value.isBefore(Limits.EARLIEST) || value.isAfter(Limits.LATEST)) {
      throw new SchemaException(field, value + " is outside " + Limits.EARLIEST + " to " + Limits.LATEST);
    }
    return value;
  }

  static Optional<Instant> requireInstant(String field, Optional<Instant> value) {
    return Objects.requireNonNull(value, field).map(instant -> requireInstant(field, instant));
  }

  static Optional<LocalDate> requireDate(String field, Optional<LocalDate> value) {
    Objects.requireNonNull(value, field).ifPresent(date -> {
      if (date.isBefore(Limits.EARLIEST_DATE) || date.isAfter(Limits.LATEST_DATE)) {
        throw new SchemaException(field, date + " is outside " + Limits.EARLIEST_DATE + " to " + Limits.LATEST_DATE);
      }
    });
    return value;
  }

  /** A list or map of at most {@code max} entries. */
  static void requireSize(String field, int size, int max) {
    if (size > max) {
      throw new SchemaException(field, size + " entries, at most " + max);
    }
  }

  /** Settings or command arguments: few, named as fields are, each value a short text. */
  static Map<String, String> requireScalars(String field, Map<String, String> values) {
    requireSize(field, values.size(), Limits.SETTINGS);
    values.forEach((name, value) -> {
      requireText(field, name, Limits.NAME_CHARS);
      requireLength(field + "." + name, value, Limits.SETTING_VALUE);
    });
    return Map.copyOf(values);
  }

  /** A value for an error message: itself when short, else only its length. */
  static String quote(String value) {
    return value.length() <= QUOTED ? "'" + value + "'" : "<" + value.length() + " characters>";
  }
}
