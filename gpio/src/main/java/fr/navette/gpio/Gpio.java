package fr.navette.gpio;

import java.time.Duration;

/**
 * The pins of one board, by name. Open one with {@link Pi4jGpio#open(GpioProvider)} on a Pi or
 * {@link MockGpio#create()} on a PC. Each BCM number and each name may be claimed once. {@link #close()} drives
 * every output inactive before releasing it, so a buzzer never outlives the agent.
 */
public interface Gpio extends AutoCloseable {
  /** Claims an output; it starts inactive (off). */
  DigitalOut output(PinSpec pin);

  /** Claims an input with the SoC's bias resistor and a debounce time ({@code Duration.ZERO}: none). */
  DigitalIn input(PinSpec pin, Pull pull, Duration debounce);

  /** Claims an input, no bias resistor, no debounce. */
  default DigitalIn input(PinSpec pin) {
    return input(pin, Pull.OFF, Duration.ZERO);
  }

  /** The output claimed under that name; {@link GpioException} if none. */
  DigitalOut output(String name);

  /** The input claimed under that name; {@link GpioException} if none. */
  DigitalIn input(String name);

  GpioProvider provider();

  @Override
  void close();
}
