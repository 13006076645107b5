package fr.navette.agent;

/** The MQTT session could not do what was asked (not connected, refused, no PUBACK in time); the message says which. */
public class SessionException extends Exception {
  public SessionException(String message, Throwable cause) {
    super(message, cause);
  }

  public SessionException(String message) {
    super(message);
  }
}
