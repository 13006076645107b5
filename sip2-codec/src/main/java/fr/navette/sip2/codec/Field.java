package fr.navette.sip2.codec;

import java.util.Objects;

/**
 * One variable field: a two-character tag and its value, as in {@code AOMain Library|}.
 * {@link #toString()} masks secrets and patron identifiers (see {@link FieldTag#sensitivity}).
 */
public record Field(String tag, String value) {
  public Field {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(value, "value");
    if (tag.length() != 2) {
      throw new IllegalArgumentException("a SIP2 field tag has two characters, got '" + tag + "'");
    }
  }

  /** The value as it may appear in a log line. */
  public String loggableValue() {
    return FieldTag.sensitivityOf(tag).mask(value);
  }

  @Override
  public String toString() {
    return tag + loggableValue();
  }
}
