package fr.navette.sip2.client;

/** The SIGB is down, refused the connection, or dropped it (reset, end of stream). */
public final class Sip2ConnectionException extends Sip2Exception {
  public Sip2ConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
