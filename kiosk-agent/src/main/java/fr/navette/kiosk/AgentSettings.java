package fr.navette.kiosk;

import fr.navette.agent.FlatSettings;
import fr.navette.tag.SecurityPolicy;
import fr.navette.printer.EscPos;
import fr.navette.printer.ReceiptPrinter;
import fr.navette.reader.serial.SerialPorts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;

/**
 * The settings both modes of the agent share (who it is, its reader, the network's security policy), with
 * their defaults, and how to read them. {@code mode} chooses the rest: {@code return-box} or {@code self-check}.
 */
public final class AgentSettings {
  private AgentSettings() {}

  /** The shared keys and their defaults, in file order. */
  public static Map<String, String> commonDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("mode", "");
    d.put("site", "");
    d.put("device-id", "");
    d.put("reader.port", "");
    d.put("reader.protocol", "feig");
    d.put("reader.timeout-ms", "500");
    d.put("security", "afi");
    d.put("security.armed-afi", "07");
    d.put("security.on-loan-afi", "C2");
    d.put("printer.port", "");
    d.put("printer.code-page", "cp858");
    d.put("printer.columns", "48");
    return d;
  }

  /**
   * The receipt printer, when {@code printer.port} names one: ESC/POS at 9600 8N1, {@code printer.code-page}
   * {@code cp858} (Epson TM and most clones) or {@code cp850}, {@code printer.columns} 48 (80 mm) or 32 (58 mm).
   */
  public static Optional<ReceiptPrinter> printer(FlatSettings s) {
    EscPos.CodePage codePage = s.parse("printer.code-page",
        value -> EscPos.CodePage.valueOf(value.toUpperCase(Locale.ROOT)));
    int columns = (int) s.number("printer.columns", 24, 64);
    return s.optional("printer.port").map(port -> new ReceiptPrinter(SerialPorts.jSerialComm(),
        ReceiptPrinter.serial(port), codePage, columns, Duration.ofSeconds(1)));
  }

  /**
   * Reads a settings file over one mode's defaults; {@code mode}, when given, must be that mode.
   *
   * @throws IllegalArgumentException naming the key at fault
   */
  public static FlatSettings read(String what, String mode, Map<String, String> defaults,
                                  Map<String, String> given) {
    FlatSettings s = FlatSettings.over(what, defaults, given);
    s.optional("mode").filter(m -> !m.equals(mode)).ifPresent(m -> {
      throw new IllegalArgumentException("mode: '" + mode + "' for a " + what + ", got '" + m + "'");
    });
    return s;
  }

  /** {@code security=afi|eas}, the armed and on-loan AFI values (hex). */
  public static SecurityPolicy security(FlatSettings s) {
    int armed = s.hexByte("security.armed-afi");
    int onLoan = s.hexByte("security.on-loan-afi");
    return s.parse("security", value -> switch (value.toLowerCase(Locale.ROOT)) {
      case "afi" -> SecurityPolicy.afi(armed, onLoan);
      case "eas" -> new SecurityPolicy(SecurityPolicy.Mechanism.EAS, armed, onLoan);
      default -> throw new IllegalArgumentException("afi or eas, got '" + value + "'");
    });
  }
}
