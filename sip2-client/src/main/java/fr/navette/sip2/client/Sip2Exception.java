package fr.navette.sip2.client;

/**
 * The one error type of the SIP2 client (unchecked): the SIGB could not be reached or stopped
 * answering ({@link Sip2ConnectionException}), did not answer in time ({@link Sip2TimeoutException}),
 * or answered something we cannot use ({@link Sip2ProtocolException}, {@link Sip2LoginException}).
 * The session that failed is closed; the next call opens a new one by itself.
 */
public abstract class Sip2Exception extends RuntimeException {
  protected Sip2Exception(String message, Throwable cause) {
    super(message, cause);
  }
}
