package fr.navette.gpio;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.Objects;

/**
 * {@link Gpio} on Pi4J's mock platform, driven like hardware: a test, a simulator or the demo moves an
 * input's <em>line</em> ({@link #setLevel}, or {@link #setActive} through the pin's polarity) and reads an
 * output's line ({@link #isHigh}) or watches its edges ({@link #watchOutput}) like a logic analyser would.
 * The code under test sees only {@link Gpio}; the listeners it registered run on the thread that moved the line.
 */
public final class MockGpio extends Pi4jGpio {
  private MockGpio() {
    super(mockContext(), GpioProvider.MOCK, mockInputProviderId(), mockOutputProviderId());
  }

  public static MockGpio create() {
    return new MockGpio();
  }

  /**
   * Claims the input with its line at the inactive level, as a sensor at rest drives it (Pi4J's mock starts every
   * line LOW, which an active-low input would read as active without any edge).
   */
  @Override
  public synchronized DigitalIn input(PinSpec pin, Pull pull, java.time.Duration debounce) {
    DigitalIn in = super.input(pin, pull, debounce);
    ((MockDigitalInput) inputLine(pin.name())).mockState(Pi4jGpio.state(pin.polarity().levelFor(false)));
    return in;
  }

  /** Puts the named input's line at HIGH (true) or LOW; listeners are told if that changes the state. */
  public void setLevel(String input, boolean high) {
    DigitalState state = Pi4jGpio.state(high);
    ((MockDigitalInput) inputLine(input)).mockState(state);
  }

  /** Puts the named input in the logical state given, at the level its polarity says. */
  public void setActive(String input, boolean active) {
    setLevel(input, input(input).pin().polarity().levelFor(active));
  }

  /** The level (true = HIGH) the named output drives its line at. */
  public boolean isHigh(String output) {
    return outputLine(output).state() == DigitalState.HIGH;
  }

  /** Whether the named output's line is at its active level (the light lit, the buzzer sounding). */
  public boolean isActive(String output) {
    return output(output).pin().polarity().activeAt(isHigh(output));
  }

  /**
   * Calls the watcher at each level change of the named output's line, on the thread that set it, with the
   * {@link System#nanoTime()} of the change: what a logic analyser on the pin would record.
   */
  public void watchOutput(String output, OutputWatcher watcher) {
    Objects.requireNonNull(watcher, "watcher");
    PinSpec pin = output(output).pin();
    outputLine(output).addListener(event -> {
      boolean high = event.state() == DigitalState.HIGH;
      watcher.changed(pin, high, pin.polarity().activeAt(high), System.nanoTime());
    });
  }

  /** Told of each level change of a watched output. */
  @FunctionalInterface
  public interface OutputWatcher {
    void changed(PinSpec pin, boolean high, boolean active, long nanoTime);
  }
}
