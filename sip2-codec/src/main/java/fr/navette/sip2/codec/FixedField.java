package fr.navette.sip2.codec;

/** One fixed-length field of a message layout, named as tools print it. */
public record FixedField(String name, int length, FixedKind kind) {

  static FixedField yesNo(String name) {
    return new FixedField(name, 1, FixedKind.YES_NO);
  }

  static FixedField yesNoUnknown(String name) {
    return new FixedField(name, 1, FixedKind.YES_NO_UNKNOWN);
  }

  static FixedField zeroOne(String name) {
    return new FixedField(name, 1, FixedKind.ZERO_ONE);
  }

  static FixedField date(String name) {
    return new FixedField(name, 18, FixedKind.DATE);
  }

  static FixedField digits(String name, int length) {
    return new FixedField(name, length, FixedKind.DIGITS);
  }

  static FixedField text(String name, int length) {
    return new FixedField(name, length, FixedKind.TEXT);
  }
}
