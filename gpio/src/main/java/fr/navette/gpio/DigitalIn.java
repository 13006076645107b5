package fr.navette.gpio;

/** A named digital input (light beam, slot sensor). Logical: {@code isActive()} applies the pin's polarity. */
public interface DigitalIn {
  PinSpec pin();

  default String name() {
    return pin().name();
  }

  boolean isActive();

  /**
   * Calls the listener on each change of the logical state, on the provider's thread (Pi4J's event thread
   * on a Pi; the thread that moved the line on the mock platform). Keep it short: hand work to a loop.
   */
  void onChange(InputListener listener);
}
