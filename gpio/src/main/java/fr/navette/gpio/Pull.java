package fr.navette.gpio;

/** The SoC's internal bias resistor on an input; {@code OFF} when the board has its own. */
public enum Pull {
  OFF,
  UP,
  DOWN
}
