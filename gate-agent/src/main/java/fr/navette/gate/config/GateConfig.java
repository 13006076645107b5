package fr.navette.gate.config;

import fr.navette.agent.FlatSettings;
import fr.navette.gate.alarm.AlarmPattern;
import fr.navette.gate.alarm.ArmedRule;
import fr.navette.gpio.GpioException;
import fr.navette.gpio.GpioProvider;
import fr.navette.gpio.PinSpec;
import fr.navette.tag.SecurityPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A gate's configuration, parsed once from flat settings (a properties file, command-line options, or the hub's
 * retained {@code config}, which use the same keys — see {@link #DEFAULTS}) and validated whole: an unknown key,
 * a bad pin or a pattern that cannot sound is refused with the key named. The unknown keys and the defaults are
 * {@link FlatSettings}' (as for the kiosk and the return box); the gate's own readings keep their messages.
 *
 * <p>Hardware settings ({@link #HARDWARE_KEYS}: pins, GPIO provider, reader port and protocol) are read at start;
 * the others may change while the gate runs.
 */
public record GateConfig(String site, String deviceId, GpioProvider gpioProvider, PinSpec light, PinSpec buzzer,
                         PinSpec beamA, PinSpec beamB, Duration beamDebounce, Optional<String> readerPort,
                         String readerProtocol, int antenna, Duration readerTimeout, Duration readerPause,
                         ArmedRule security, AlarmPattern pattern, Duration holdOff, Duration countInterval,
                         Duration directionWindow) {

  /** Every key a gate understands, with its default ({@code ""}: none). */
  public static final Map<String, String> DEFAULTS;
  /** Keys that only take effect at start: a running gate refuses a remote config that changes them. */
  public static final Set<String> HARDWARE_KEYS = Set.of("gpio.provider", "pin.light", "pin.buzzer", "pin.beam-a",
      "pin.beam-b", "beam.debounce-ms", "reader.port", "reader.protocol");

  static {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("site", "");
    d.put("device-id", "");
    d.put("gpio.provider", "gpiod");
    d.put("pin.light", "17:active-high");
    d.put("pin.buzzer", "27:active-high");
    d.put("pin.beam-a", "5:active-low");
    d.put("pin.beam-b", "6:active-low");
    d.put("beam.debounce-ms", "2");
    d.put("reader.port", "");
    d.put("reader.protocol", "feig");
    d.put("reader.antenna", "1");
    d.put("reader.timeout-ms", "300");
    d.put("reader.pause-ms", "0");
    d.put("security", "afi");
    d.put("security.armed-afi", "07");
    d.put("security.on-loan-afi", "C2");
    d.put("alarm.pattern", "250/250x6 3000");
    d.put("alarm.hold-off-ms", "5000");
    d.put("count.interval-s", "900");
    d.put("direction.window-ms", "3000");
    DEFAULTS = java.util.Collections.unmodifiableMap(d);
  }

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Parses the given settings over {@link #DEFAULTS}. */
  public static GateConfig parse(Map<String, String> settings) {
    FlatSettings s;
    try {
      s = FlatSettings.over("gate", DEFAULTS, settings);
    } catch (IllegalArgumentException e) {
      throw new GateConfigException(e.getMessage(), e);
    }
    String site = id(s, "site");
    String deviceId = id(s, "device-id");
    GpioProvider provider;
    try {
      provider = GpioProvider.parse(s.text("gpio.provider"));
    } catch (GpioException e) {
      throw new GateConfigException("gpio.provider: " + e.getMessage(), e);
    }
    PinSpec light = pin(s, "light");
    PinSpec buzzer = pin(s, "buzzer");
    PinSpec beamA = pin(s, "beam-a");
    PinSpec beamB = pin(s, "beam-b");
    Set<Integer> bcm = new HashSet<>();
    for (PinSpec pin : List.of(light, buzzer, beamA, beamB)) {
      if (!bcm.add(pin.bcm())) {
        throw new GateConfigException("pin." + pin.name() + ": BCM " + pin.bcm() + " is already used by another pin");
      }
    }
    String protocol = s.text("reader.protocol").toLowerCase(Locale.ROOT);
    if (!protocol.equals("feig") && !protocol.equals("3m")) {
      throw new GateConfigException("reader.protocol: feig or 3m, got '" + s.text("reader.protocol") + "'");
    }
    Optional<String> port = s.optional("reader.port");
    return new GateConfig(site, deviceId, provider, light, buzzer, beamA, beamB,
        millis(s, "beam.debounce-ms", 0, 1000), port, protocol, (int) number(s, "reader.antenna", 1, 64),
        millis(s, "reader.timeout-ms", 10, 10_000), millis(s, "reader.pause-ms", 0, 10_000), security(s),
        pattern(s), millis(s, "alarm.hold-off-ms", 0, 3_600_000),
        Duration.ofSeconds(number(s, "count.interval-s", 1, 86_400)), millis(s, "direction.window-ms", 0, 60_000));
  }

  /** The settings this config was parsed from, as a properties file or the hub would write them. */
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("site", site);
    s.put("device-id", deviceId);
    s.put("gpio.provider", gpioProvider.configName());
    s.put("pin.light", light.configValue());
    s.put("pin.buzzer", buzzer.configValue());
    s.put("pin.beam-a", beamA.configValue());
    s.put("pin.beam-b", beamB.configValue());
    s.put("beam.debounce-ms", Long.toString(beamDebounce.toMillis()));
    s.put("reader.port", readerPort.orElse(""));
    s.put("reader.protocol", readerProtocol);
    s.put("reader.antenna", Integer.toString(antenna));
    s.put("reader.timeout-ms", Long.toString(readerTimeout.toMillis()));
    s.put("reader.pause-ms", Long.toString(readerPause.toMillis()));
    s.put("security", security.usesEas() ? "eas" : "afi");
    s.put("security.armed-afi", String.join(",", security.armedAfis().stream().sorted()
        .map(afi -> String.format("%02X", afi)).toList()));
    s.put("security.on-loan-afi", String.format("%02X", security.policy().onLoanAfi()));
    s.put("alarm.pattern", pattern.configValue());
    s.put("alarm.hold-off-ms", Long.toString(holdOff.toMillis()));
    s.put("count.interval-s", Long.toString(countInterval.toSeconds()));
    s.put("direction.window-ms", Long.toString(directionWindow.toMillis()));
    return s;
  }

  /** This config with other settings laid over it (a remote config over the local file), parsed again. */
  public GateConfig with(Map<String, String> overrides) {
    Map<String, String> s = new LinkedHashMap<>(settings());
    s.putAll(overrides);
    return parse(s);
  }

  /** The hardware keys whose value differs in {@code other} (a running gate cannot take those). */
  public List<String> hardwareChanges(GateConfig other) {
    Map<String, String> mine = settings();
    Map<String, String> theirs = other.settings();
    return HARDWARE_KEYS.stream().sorted().filter(k -> !mine.get(k).equals(theirs.get(k))).toList();
  }

  /** One line for the log: the values in force. */
  public String describe() {
    return "gate " + deviceId + " at " + site + ": " + settings();
  }

  private static String id(FlatSettings s, String key) {
    String v = s.text(key);
    if (!ID.matcher(v).matches()) {
      throw new GateConfigException(key + ": 1-64 letters, digits, - or _ required, got '" + v + "'");
    }
    return v;
  }

  private static PinSpec pin(FlatSettings s, String name) {
    try {
      return PinSpec.parse(name, s.text("pin." + name));
    } catch (GpioException e) {
      throw new GateConfigException("pin." + name + ": " + e.getMessage(), e);
    }
  }

  private static long number(FlatSettings s, String key, long min, long max) {
    long v;
    try {
      v = Long.parseLong(s.text(key));
    } catch (NumberFormatException e) {
      throw new GateConfigException(key + ": a whole number is required, got '" + s.text(key) + "'", e);
    }
    if (v < min || v > max) {
      throw new GateConfigException(key + ": must be " + min + "-" + max + ", got " + v);
    }
    return v;
  }

  private static Duration millis(FlatSettings s, String key, long min, long max) {
    return Duration.ofMillis(number(s, key, min, max));
  }

  private static ArmedRule security(FlatSettings s) {
    String mechanism = s.text("security").toLowerCase(Locale.ROOT);
    int onLoan = afi("security.on-loan-afi", s.text("security.on-loan-afi"));
    Set<Integer> armed = new HashSet<>();
    for (String part : s.text("security.armed-afi").split(",")) {
      armed.add(afi("security.armed-afi", part));
    }
    int first = armed.stream().sorted().findFirst()
        .orElseThrow(() -> new GateConfigException("security.armed-afi: at least one AFI required"));
    try {
      return switch (mechanism) {
        case "afi" -> new ArmedRule(SecurityPolicy.afi(first, onLoan), armed);
        case "eas" -> new ArmedRule(new SecurityPolicy(SecurityPolicy.Mechanism.EAS, first, onLoan), Set.of());
        default -> throw new GateConfigException("security: afi or eas, got '" + s.text("security") + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new GateConfigException("security: " + e.getMessage(), e);
    }
  }

  private static int afi(String key, String hex) {
    String h = hex.trim().toUpperCase(Locale.ROOT).replaceFirst("^0X", "");
    try {
      int v = Integer.parseInt(h, 16);
      if (h.isEmpty() || h.length() > 2 || v == 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new GateConfigException(key + ": AFI as two hex digits 01-FF required, got '" + hex + "'", e);
    }
  }

  private static AlarmPattern pattern(FlatSettings s) {
    try {
      return AlarmPattern.parse("alarm.pattern", s.text("alarm.pattern"));
    } catch (IllegalArgumentException e) {
      throw new GateConfigException(e.getMessage(), e);
    }
  }
}
