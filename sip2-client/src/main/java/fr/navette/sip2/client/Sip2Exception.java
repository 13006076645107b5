package fr.navette.sip2.client;

/**
 * The one error type of the SIP2 client (unchecked): the SIGB could not be reached or stopped
 * answering ({@link Sip2ConnectionException}), did not answer in time ({@link Sip2TimeoutException}),
 * or answered something we cannot use ({@link Sip2ProtocolException}, {@link Sip2LoginException}).
 * The session that failed is closed; the next call opens a new one by itself.
 *
 * <p>{@link #requestMayHaveArrived()} tells a failure before the request was written on any session (no free
 * session, no connection, no login) from one after: only the second may have been applied by the SIGB.
 */
public abstract class Sip2Exception extends RuntimeException {
  private volatile boolean requestMayHaveArrived = true;

  protected Sip2Exception(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * False when the pool failed before writing the request on any session: the SIGB cannot have applied it. True
   * otherwise, whatever came after (no reply, a reset, a garbled reply: it may have been applied).
   */
  public boolean requestMayHaveArrived() {
    return requestMayHaveArrived;
  }

  /** This failure, known to have come before the request was written anywhere. */
  Sip2Exception beforeTheRequestWent() {
    requestMayHaveArrived = false;
    return this;
  }
}
