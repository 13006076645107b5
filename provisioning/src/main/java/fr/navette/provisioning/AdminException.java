package fr.navette.provisioning;

/**
 * An admin call that did not happen, or that the hub refused. {@link #code()} is stable for scripts:
 * {@code token-refused} (401), {@code not-admin} (403), {@code unknown-device} (404), {@code refused} (another 4xx),
 * {@code hub-fault} (5xx), {@code hub-unreachable}, {@code tls-untrusted}, {@code no-trust},
 * {@code ca-fingerprint-mismatch}, {@code bad-answer}.
 */
public final class AdminException extends RuntimeException {
  private final String code;

  public AdminException(String code, String message) {
    super(message);
    this.code = code;
  }

  public AdminException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
