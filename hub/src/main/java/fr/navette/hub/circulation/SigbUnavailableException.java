package fr.navette.hub.circulation;

import fr.navette.sip2.client.Sip2Exception;

/**
 * The SIGB did not answer (down, connection dropped, garbled reply, deadline passed): try again later.
 * {@link #linkUp()} says whether the SIGB answered a status request right after: then the failure belongs to this
 * request (one document the SIGB chokes on), not to the link, and counts against the request's own attempts.
 */
public final class SigbUnavailableException extends Exception {
  private final boolean linkUp;

  public SigbUnavailableException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private SigbUnavailableException(String message, Throwable cause, boolean linkUp) {
    super(message, cause);
    this.linkUp = linkUp;
  }

  /** The same failure, known to be this request's own: the SIGB answers others. */
  public SigbUnavailableException withLinkUp() {
    SigbUnavailableException own = new SigbUnavailableException(getMessage(), getCause(), true);
    own.setStackTrace(getStackTrace());
    return own;
  }

  public boolean linkUp() {
    return linkUp;
  }

  /**
   * Whether the SIGB may have received the request (and applied it): false only when the SIP2 client says it
   * failed before writing it on any session (no connection, no login, no free session).
   */
  public boolean requestMayHaveArrived() {
    return !(getCause() instanceof Sip2Exception sip2) || sip2.requestMayHaveArrived();
  }
}
