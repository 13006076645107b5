package fr.navette.kiosk.returnbox;

import fr.navette.agent.FlatSettings;
import fr.navette.gpio.GpioProvider;
import fr.navette.gpio.PinSpec;
import fr.navette.kiosk.AgentSettings;
import fr.navette.printer.ReceiptPrinter;
import fr.navette.reader.protocol.ReaderProtocol;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A return box's settings file ({@code mode=return-box}; the keys of {@link #DEFAULTS}), parsed once and
 * validated whole: an unknown key or a bad value is refused with the key named and what was expected.
 *
 * @param readerPort the reader's serial port; empty only where the box runs on a simulated reader (demo)
 */
public record ReturnBoxSettings(ReturnBoxConfig box, GpioProvider gpioProvider, BinPlan bins, Optional<PinSpec> slot,
                                Optional<PinSpec> receiptButton, Optional<ReceiptPrinter> printer,
                                Optional<String> readerPort, ReaderProtocol readerProtocol) {

  /** The value of {@code mode} that makes the agent a return box. */
  public static final String MODE = "return-box";

  /** Every key a return box understands, with its default ({@code ""}: none). */
  public static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> d = AgentSettings.commonDefaults();
    d.put("gpio.provider", "gpiod");
    d.put("pin.slot", "16:active-low");
    d.put("pin.receipt-button", "");
    for (Bin bin : Bin.values()) {
      d.put("bin." + bin.configName(), BinPlan.fiveBins().diverter(bin).orElseThrow().configValue());
    }
    d.put("poll-ms", "200");
    d.put("network.isils", "");
    d.put("answer-wait-ms", "3000");
    d.put("read-window-ms", "2000");
    DEFAULTS = Collections.unmodifiableMap(d);
  }

  /** @throws IllegalArgumentException naming the key at fault */
  public static ReturnBoxSettings parse(Map<String, String> settings) {
    FlatSettings s = AgentSettings.read("return box", MODE, DEFAULTS, settings);
    Map<Bin, PinSpec> diverters = new EnumMap<>(Bin.class);
    for (Bin bin : Bin.values()) {
      String key = "bin." + bin.configName();
      s.optional(key).ifPresent(v -> diverters.put(bin, s.parse(key, p -> PinSpec.parse("bin-" + bin.configName(), p))));
    }
    BinPlan bins = FlatSettings.named("bin.to-sort", () -> new BinPlan(diverters));
    Optional<PinSpec> slot = s.optional("pin.slot").map(v -> s.parse("pin.slot", p -> PinSpec.parse("slot", p)));
    Optional<PinSpec> button = s.optional("pin.receipt-button")
        .map(v -> s.parse("pin.receipt-button", p -> PinSpec.parse("receipt-button", p)));
    ReturnBoxConfig box = new ReturnBoxConfig(s.required("site"), s.required("device-id"), AgentSettings.security(s),
        s.millis("reader.timeout-ms", 10, 60_000), s.millis("poll-ms", 1, 60_000),
        isils(s.text("network.isils")), s.millis("answer-wait-ms", 1, 60_000), s.millis("read-window-ms", 1, 60_000));
    return new ReturnBoxSettings(box, s.parse("gpio.provider", GpioProvider::parse), bins, slot, button,
        AgentSettings.printer(s), s.optional("reader.port"), s.parse("reader.protocol", ReaderProtocol::parse));
  }

  private static List<String> isils(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }
}
