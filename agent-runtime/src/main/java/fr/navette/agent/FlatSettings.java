package fr.navette.agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An agent's settings as flat {@code key=value} pairs (a properties file on the device, the hub's retained
 * config), read over the agent's defaults. Every value is read through a method that names its key in what it
 * refuses, so a wrong config says which line is wrong and what was expected; an unknown key is refused too
 * (a typo must not silently leave a default in force).
 */
public final class FlatSettings {
  private final String what;
  private final Map<String, String> values;

  private FlatSettings(String what, Map<String, String> values) {
    this.what = what;
    this.values = values;
  }

  /**
   * @param what the kind of device, for messages, e.g. "return box"
   * @param defaults every key the device understands, with its default ({@code ""}: none)
   * @throws IllegalArgumentException on an unknown key, listing the known ones
   */
  public static FlatSettings over(String what, Map<String, String> defaults, Map<String, String> given) {
    for (String key : given.keySet()) {
      if (!defaults.containsKey(key)) {
        throw new IllegalArgumentException("unknown " + what + " setting '" + key + "' (known: "
            + String.join(", ", defaults.keySet()) + ")");
      }
    }
    Map<String, String> values = new TreeMap<>(defaults);
    given.forEach((k, v) -> values.put(k, v == null ? "" : v.trim()));
    return new FlatSettings(what, values);
  }

  /** Reads a properties file (UTF-8), keeping its keys in file order. */
  public static Map<String, String> load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
    return Collections.unmodifiableMap(settings);
  }

  public String text(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalStateException(what + " setting '" + key + "' has no default: a bug in the defaults");
    }
    return value;
  }

  public Optional<String> optional(String key) {
    return Optional.of(text(key)).filter(v -> !v.isEmpty());
  }

  public String required(String key) {
    return optional(key).orElseThrow(() -> new IllegalArgumentException(key + ": required"));
  }

  /** Parses the key's value with {@code parser}; whatever it refuses comes back naming the key. */
  public <T> T parse(String key, Function<String, T> parser) {
    return named(key, () -> parser.apply(text(key)));
  }

  public Duration millis(String key, long min, long max) {
    return Duration.ofMillis(number(key, min, max));
  }

  public long number(String key, long min, long max) {
    return named(key, () -> {
      long value;
      try {
        value = Long.parseLong(text(key));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("a whole number " + min + "-" + max + ", got '" + text(key) + "'");
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException("a whole number " + min + "-" + max + ", got " + value);
      }
      return value;
    });
  }

  /** One byte written in hex, e.g. an AFI value {@code 07} or {@code C2}. */
  public int hexByte(String key) {
    return named(key, () -> {
      try {
        int value = Integer.parseInt(text(key), 16);
        if (value >= 0 && value <= 0xFF) {
          return value;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      throw new IllegalArgumentException("one byte in hex (00-FF), got '" + text(key) + "'");
    });
  }

  /** Runs one value's reading and names {@code key} in whatever it refuses. */
  public static <T> T named(String key, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new IllegalArgumentException(message.startsWith(key + ":") ? message : key + ": " + message, e);
    }
  }
}
