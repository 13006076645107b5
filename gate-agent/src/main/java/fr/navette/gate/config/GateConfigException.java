package fr.navette.gate.config;

/** A gate setting that cannot be used; the message names the key and says what was expected. */
public final class GateConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GateConfigException(String message) {
    super(message);
  }

  public GateConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
