package fr.navette.gpio;

/**
 * Which electrical level means "active" on a pin. Relay boards and open-collector beam sensors are often
 * active-low: the buzzer sounds, or the beam reads "broken", when the line is pulled LOW.
 */
public enum Polarity {
  ACTIVE_HIGH,
  ACTIVE_LOW;

  /** The level (true = HIGH) that puts a pin of this polarity in the given logical state. */
  public boolean levelFor(boolean active) {
    return this == ACTIVE_HIGH ? active : !active;
  }

  /** The logical state a pin of this polarity is in at the given level (true = HIGH). */
  public boolean activeAt(boolean high) {
    return this == ACTIVE_HIGH ? high : !high;
  }

  /** Reads {@code active-high} / {@code active-low} (as in config files), case-insensitive. */
  public static Polarity parse(String text) {
    return switch (text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "active-high", "high" -> ACTIVE_HIGH;
      case "active-low", "low" -> ACTIVE_LOW;
      default -> throw new GpioException("polarity must be active-high or active-low, got \"" + text + "\"");
    };
  }

  /** The config-file spelling: {@code active-high} or {@code active-low}. */
  public String configName() {
    return this == ACTIVE_HIGH ? "active-high" : "active-low";
  }
}
