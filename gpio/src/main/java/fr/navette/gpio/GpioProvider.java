package fr.navette.gpio;

import java.util.Locale;

/**
 * Which Pi4J provider drives the pins. {@code gpiod} (the kernel's character device, every Pi OS since
 * Bullseye, and the Pi 5) is the one to use on a Pi; {@code linuxfs} (the deprecated sysfs interface) is the
 * fallback for older kernels; {@code mock} is Pi4J's mock platform, for a PC (demo, tests, benchmarks).
 */
public enum GpioProvider {
  MOCK,
  GPIOD,
  LINUXFS;

  public static GpioProvider parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new GpioException("GPIO provider must be mock, gpiod or linuxfs, got \"" + text + "\"", e);
    }
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
