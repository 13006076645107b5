package fr.navette.kiosk;

import fr.navette.agent.FlatSettings;
import fr.navette.tag.SecurityPolicy;
import java.util.LinkedHashMap;
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
    return d;
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
