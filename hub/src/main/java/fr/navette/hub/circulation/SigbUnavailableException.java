package fr.navette.hub.circulation;

/** The SIGB did not answer (down, connection dropped, garbled reply, deadline passed): try again later. */
public final class SigbUnavailableException extends Exception {
  public SigbUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
