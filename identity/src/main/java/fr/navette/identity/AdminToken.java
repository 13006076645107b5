package fr.navette.identity;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * An administrator's bearer token that also says which CA the hub must show: {@code NAVA1-<secret>-<CA
 * fingerprint>}, 32 characters of secret (160 bits of {@link Base32}) then the whole {@link CaFingerprint} in the
 * text form enrolment strings use. With it alone, {@code navette provision} checks the hub before it sends the token
 * — no trust on first use, nothing else to type. The hub treats the whole string as an opaque token (it keeps its
 * SHA-256), so the fingerprint in it changes nothing there.
 *
 * <p>{@link #text()} is the token exactly as issued: it is sent as it is, never normalised, since the hub compares
 * hashes. {@link #toString()} hides the secret.
 */
public record AdminToken(String text, CaFingerprint caFingerprint) {
  public static final String PREFIX = "NAVA1-";
  static final int SECRET_LENGTH = 32;

  /** A new admin token for the CA of this fingerprint. */
  public static AdminToken generate(SecureRandom random, CaFingerprint caFingerprint) {
    StringBuilder secret = new StringBuilder(SECRET_LENGTH);
    for (int i = 0; i < SECRET_LENGTH; i++) {
      secret.append(Base32.ALPHABET.charAt(random.nextInt(32)));
    }
    return new AdminToken(PREFIX + secret + "-" + caFingerprint.text(), caFingerprint);
  }

  /** Whether {@code token} is meant to be one ({@code NAVA1-…}): any other token is opaque, with no fingerprint. */
  public static boolean isOne(String token) {
    return token != null && token.strip().toUpperCase(Locale.ROOT).startsWith(PREFIX);
  }

  /** Parses a {@code NAVA1-} token (empty for any other token); the error says what is wrong, never the secret. */
  public static Optional<AdminToken> parse(String token) {
    if (!isOne(token)) {
      return Optional.empty();
    }
    String text = token.strip();
    String rest = text.substring(PREFIX.length());
    int dash = rest.lastIndexOf('-');
    if (dash < 0) {
      throw new EnrolmentStringException("admin token lacks the '-' before the CA fingerprint: expected "
          + PREFIX + "<secret>-<CA fingerprint>");
    }
    if (dash < SECRET_LENGTH / 2) {
      throw new EnrolmentStringException("admin token's secret is too short (" + dash + " characters)");
    }
    return Optional.of(new AdminToken(text, CaFingerprint.parse(rest.substring(dash + 1))));
  }

  @Override
  public String toString() {
    return PREFIX + "****-" + caFingerprint.text();
  }
}
