package fr.navette.identity;

/**
 * Enrolment or renewal did not happen. {@link #code()} is stable for scripts: the hub's error code
 * ({@code token-used}, {@code token-expired}, {@code certificate-revoked}…) or one of the device's own:
 * {@code ca-fingerprint-mismatch}, {@code hub-unreachable}, {@code bad-answer}.
 */
public final class EnrolmentException extends IdentityException {
  private final String code;

  public EnrolmentException(String code, String message) {
    super(message);
    this.code = code;
  }

  public EnrolmentException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
