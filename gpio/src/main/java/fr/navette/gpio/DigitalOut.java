package fr.navette.gpio;

/**
 * A named digital output (light, buzzer, diverter). Logical: {@code on()} drives the level its polarity says.
 * Setting the state it already has is cheap and does nothing on the line.
 */
public interface DigitalOut {
  PinSpec pin();

  default String name() {
    return pin().name();
  }

  /** Drives the output active (on) or inactive; throws {@link GpioException} if the line refuses. */
  void set(boolean active);

  default void on() {
    set(true);
  }

  default void off() {
    set(false);
  }

  /** The logical state last set. */
  boolean isOn();
}
