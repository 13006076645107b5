package fr.navette.kiosk.returnbox;

import fr.navette.gpio.GpioProvider;
import fr.navette.gpio.PinSpec;
import fr.navette.reader.ReaderProtocol;
import fr.navette.tag.SecurityPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A return box's settings file (flat {@code key=value}, the keys of {@link #DEFAULTS}), parsed once and
 * validated whole: an unknown key or a bad value is refused with the key named and what was expected.
 *
 * @param readerPort the reader's serial port; empty runs the box on a simulated reader (demo)
 */
public record ReturnBoxSettings(ReturnBoxConfig box, GpioProvider gpioProvider, BinPlan bins, Optional<PinSpec> slot,
                                Optional<String> readerPort, ReaderProtocol readerProtocol) {

  /** Every key a return box understands, with its default ({@code ""}: none). */
  public static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("site", "");
    d.put("device-id", "");
    d.put("gpio.provider", "gpiod");
    d.put("pin.slot", "16:active-low");
    for (Bin bin : Bin.values()) {
      d.put("bin." + bin.configName(), BinPlan.fiveBins().diverter(bin).orElseThrow().configValue());
    }
    d.put("reader.port", "");
    d.put("reader.protocol", "feig");
    d.put("reader.timeout-ms", "500");
    d.put("poll-ms", "200");
    d.put("security", "afi");
    d.put("security.armed-afi", "07");
    d.put("security.on-loan-afi", "C2");
    d.put("network.isils", "");
    d.put("answer-wait-ms", "3000");
    d.put("read-window-ms", "2000");
    DEFAULTS = Collections.unmodifiableMap(d);
  }

  /** @throws IllegalArgumentException naming the key at fault */
  public static ReturnBoxSettings parse(Map<String, String> settings) {
    for (String key : settings.keySet()) {
      if (!DEFAULTS.containsKey(key)) {
        throw new IllegalArgumentException("unknown return box setting '" + key + "' (known: "
            + String.join(", ", DEFAULTS.keySet()) + ")");
      }
    }
    Map<String, String> s = new TreeMap<>(DEFAULTS);
    settings.forEach((k, v) -> s.put(k, v == null ? "" : v.trim()));
    String site = required(s, "site");
    String deviceId = required(s, "device-id");
    Map<Bin, PinSpec> diverters = new EnumMap<>(Bin.class);
    for (Bin bin : Bin.values()) {
      String key = "bin." + bin.configName();
      if (!s.get(key).isEmpty()) {
        diverters.put(bin, keyed(key, () -> PinSpec.parse("bin-" + bin.configName(), s.get(key))));
      }
    }
    BinPlan bins = keyed("bin.to-sort", () -> new BinPlan(diverters));
    Optional<PinSpec> slot = s.get("pin.slot").isEmpty() ? Optional.empty()
        : Optional.of(keyed("pin.slot", () -> PinSpec.parse("slot", s.get("pin.slot"))));
    ReturnBoxConfig box = new ReturnBoxConfig(site, deviceId, security(s), millis(s, "reader.timeout-ms"),
        millis(s, "poll-ms"), isils(s.get("network.isils")), millis(s, "answer-wait-ms"), millis(s, "read-window-ms"));
    return new ReturnBoxSettings(box, keyed("gpio.provider", () -> GpioProvider.parse(s.get("gpio.provider"))), bins,
        slot, Optional.of(s.get("reader.port")).filter(p -> !p.isEmpty()),
        keyed("reader.protocol", () -> ReaderProtocol.parse(s.get("reader.protocol"))));
  }

  private static SecurityPolicy security(Map<String, String> s) {
    int armed = afi(s, "security.armed-afi");
    int onLoan = afi(s, "security.on-loan-afi");
    return keyed("security", () -> switch (s.get("security").toLowerCase(Locale.ROOT)) {
      case "afi" -> SecurityPolicy.afi(armed, onLoan);
      case "eas" -> new SecurityPolicy(SecurityPolicy.Mechanism.EAS, armed, onLoan);
      default -> throw new IllegalArgumentException("afi or eas, got '" + s.get("security") + "'");
    });
  }

  private static int afi(Map<String, String> s, String key) {
    return keyed(key, () -> {
      int value = Integer.parseInt(s.get(key), 16);
      if (value < 0 || value > 0xFF) {
        throw new IllegalArgumentException("one byte in hex, got '" + s.get(key) + "'");
      }
      return value;
    });
  }

  private static Duration millis(Map<String, String> s, String key) {
    return keyed(key, () -> {
      long value = Long.parseLong(s.get(key));
      if (value < 1 || value > 600_000) {
        throw new IllegalArgumentException("milliseconds 1-600000, got " + value);
      }
      return Duration.ofMillis(value);
    });
  }

  private static List<String> isils(String value) {
    return value.isEmpty() ? List.of()
        : Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  private static String required(Map<String, String> s, String key) {
    if (s.get(key).isEmpty()) {
      throw new IllegalArgumentException(key + ": required");
    }
    return s.get(key);
  }

  private interface Parse<T> {
    T get();
  }

  /** Runs one value's parsing and names the key in whatever it refuses. */
  private static <T> T keyed(String key, Parse<T> parse) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }
}
