package fr.navette.sip2.client;

/** The request's deadline passed: no free session, no connection, or no reply in time. */
public final class Sip2TimeoutException extends Sip2Exception {
  public Sip2TimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
