package fr.navette.agent;

/** The outbox's file failed: the event was not stored, and the caller must not act as if it were. */
public class OutboxException extends RuntimeException {
  public OutboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
