package fr.navette.sip2.codec;

/** A {@code Y}/{@code N}/{@code U} fixed field, e.g. magnetic media. */
public enum YesNoUnknown {
  YES("Y"),
  NO("N"),
  UNKNOWN("U");

  private final String code;

  YesNoUnknown(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static YesNoUnknown ofCode(String code) {
    return switch (code) {
      case "Y", "y" -> YES;
      case "N", "n" -> NO;
      case "U", "u" -> UNKNOWN;
      default -> throw new IllegalArgumentException("expected Y, N or U, got '" + code + "'");
    };
  }
}
