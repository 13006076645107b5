package fr.navette.gpio;

/** The one error of the GPIO layer: a bad pin description, an unknown pin name, or Pi4J refusing a pin. */
public final class GpioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GpioException(String message) {
    super(message);
  }

  public GpioException(String message, Throwable cause) {
    super(message, cause);
  }
}
