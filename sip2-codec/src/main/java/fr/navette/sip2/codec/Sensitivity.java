package fr.navette.sip2.codec;

/** How much of a field's value may appear in logs and {@code toString()}. */
public enum Sensitivity {
  /** Shown as is. */
  PLAIN,
  /** Patron identifiers and personal data: only the last two characters are shown. */
  PERSONAL,
  /** PINs and passwords: never shown, not even their length. */
  SECRET;

  public String mask(String value) {
    return switch (this) {
      case PLAIN -> value;
      case SECRET -> "***";
      case PERSONAL -> value.length() <= 2 ? "***" : "***" + value.substring(value.length() - 2);
    };
  }
}
