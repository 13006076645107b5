package fr.navette.gpio;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named pin: what the agent calls it ({@code light}, {@code beam-a}), its BCM GPIO number and its polarity.
 * Validated when built, so a bad config fails at load with the pin's name in the message.
 *
 * @param name  the agent's name for the pin: letters, digits, {@code -} and {@code _}
 * @param bcm   the Broadcom GPIO number (0–27 on the 40-pin header of every Pi since the B+)
 * @param polarity which level means active
 */
public record PinSpec(String name, int bcm, Polarity polarity) {
  /** Highest BCM number brought out on the 40-pin header. */
  public static final int MAX_BCM = 27;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  public PinSpec {
    Objects.requireNonNull(polarity, "polarity");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new GpioException("pin name must be 1-40 letters, digits, - or _, got \"" + name + "\"");
    }
    if (bcm < 0 || bcm > MAX_BCM) {
      throw new GpioException("pin " + name + ": BCM number must be 0-" + MAX_BCM + ", got " + bcm);
    }
  }

  public static PinSpec activeHigh(String name, int bcm) {
    return new PinSpec(name, bcm, Polarity.ACTIVE_HIGH);
  }

  public static PinSpec activeLow(String name, int bcm) {
    return new PinSpec(name, bcm, Polarity.ACTIVE_LOW);
  }

  /**
   * Reads {@code 17} or {@code 17:active-low} (a command-line option or a config value) for the named pin;
   * active-high when the polarity is left out.
   */
  public static PinSpec parse(String name, String text) {
    if (text == null || text.isBlank()) {
      throw new GpioException("pin " + name + ": expected BCM[:active-high|active-low], got nothing");
    }
    String[] parts = text.trim().split(":", -1);
    if (parts.length > 2) {
      throw new GpioException("pin " + name + ": expected BCM[:active-high|active-low], got \"" + text + "\"");
    }
    int bcm;
    try {
      bcm = Integer.parseInt(parts[0].trim());
    } catch (NumberFormatException e) {
      throw new GpioException("pin " + name + ": BCM number expected, got \"" + parts[0] + "\"", e);
    }
    Polarity polarity;
    try {
      polarity = parts.length == 2 ? Polarity.parse(parts[1]) : Polarity.ACTIVE_HIGH;
    } catch (GpioException e) {
      throw new GpioException("pin " + name + ": " + e.getMessage(), e);
    }
    return new PinSpec(name, bcm, polarity);
  }

  /** As {@link #parse} reads it: {@code 17:active-low}. */
  public String configValue() {
    return bcm + ":" + polarity.configName();
  }
}
