package fr.navette.identity;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * What the administrator hands to whoever installs a device: {@code NAV1-<token id>.<secret>-<CA fingerprint>},
 * 81 characters, e.g. {@code NAV1-k3v9qa.7w2m4rb8x0cd5n6p-<52 characters>}.
 *
 * <ul>
 *   <li>{@code NAV1-}: the format's version;
 *   <li>token id: 6 characters of {@link Base32} (30 bits) — names the token on the hub, not secret;
 *   <li>secret: 16 characters (80 bits) — the hub keeps only its SHA-256;
 *   <li>CA fingerprint: 52 characters, the whole {@link CaFingerprint} (256 bits).
 * </ul>
 *
 * Reading forgives case, white space anywhere (a string copied from a wrapped terminal) and the look-alikes
 * o/0, i/l/1. {@link #toString()} hides the secret; {@link #text()} is the whole string.
 */
public record EnrolmentString(String tokenId, String secret, CaFingerprint caFingerprint) {
  public static final String PREFIX = "NAV1-";
  static final int TOKEN_ID_LENGTH = 6;
  static final int SECRET_LENGTH = 16;
  private static final String GRAMMAR = "NAV1-<token id>.<secret>-<CA fingerprint>";

  public EnrolmentString {
    tokenId = Base32.normalise("token id", tokenId, TOKEN_ID_LENGTH);
    secret = Base32.normalise("secret", secret, SECRET_LENGTH);
    if (caFingerprint == null) {
      throw new EnrolmentStringException("CA fingerprint is missing");
    }
  }

  /** A new token for the CA of this fingerprint. */
  static EnrolmentString generate(SecureRandom random, CaFingerprint caFingerprint) {
    return new EnrolmentString(randomText(random, TOKEN_ID_LENGTH), randomText(random, SECRET_LENGTH),
        caFingerprint);
  }

  /** Parses the string the installer typed; the error names what is wrong and where. */
  public static EnrolmentString parse(String typed) {
    if (typed == null || typed.isBlank()) {
      throw new EnrolmentStringException("enrolment string is empty: expected " + GRAMMAR);
    }
    String text = typed.replaceAll("\\s+", "");
    if (!text.toUpperCase(Locale.ROOT).startsWith(PREFIX)) {
      int dash = text.indexOf('-');
      throw new EnrolmentStringException("enrolment string must start with " + PREFIX + " (got '"
          + (dash >= 0 && dash < 8 ? text.substring(0, dash + 1) : text.substring(0, Math.min(5, text.length())))
          + "'): expected " + GRAMMAR);
    }
    String rest = text.substring(PREFIX.length());
    int dot = rest.indexOf('.');
    int dash = rest.indexOf('-', Math.max(dot, 0));
    if (dot < 0 || dash < 0) {
      throw new EnrolmentStringException("enrolment string lacks the " + (dot < 0 ? "'.' after the token id"
          : "'-' before the CA fingerprint") + ": expected " + GRAMMAR);
    }
    return new EnrolmentString(rest.substring(0, dot), rest.substring(dot + 1, dash),
        CaFingerprint.parse(rest.substring(dash + 1)));
  }

  /** The whole string, secret included: for the administrator's screen, never for a log. */
  public String text() {
    return PREFIX + tokenId + "." + secret + "-" + caFingerprint.text();
  }

  /** {@code <token id>.<secret>}: what the device sends over the pinned TLS connection. */
  public String token() {
    return tokenId + "." + secret;
  }

  @Override
  public String toString() {
    return PREFIX + tokenId + ".****************-" + caFingerprint.text();
  }

  private static String randomText(SecureRandom random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(Base32.ALPHABET.charAt(random.nextInt(32)));
    }
    return out.toString();
  }
}
