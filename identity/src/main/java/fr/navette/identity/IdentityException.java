package fr.navette.identity;

/** A key, certificate or identity folder that cannot be used; the message says which and why. */
public class IdentityException extends RuntimeException {
  public IdentityException(String message) {
    super(message);
  }

  public IdentityException(String message, Throwable cause) {
    super(message, cause);
  }
}
