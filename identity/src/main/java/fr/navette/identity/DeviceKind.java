package fr.navette.identity;

import java.util.Arrays;

/** What an identity is allowed to be on the network; its wire name goes into the certificate and the CLI. */
public enum DeviceKind {
  GATE("gate"),
  SELF_CHECK("self-check"),
  RETURN_BOX("return-box"),
  /** An administrator's tool: reads events, state and health of every device, never requests; publishes nothing. */
  MONITOR("monitor");

  private final String wireName;

  DeviceKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Parses a wire name; the error lists the kinds there are. */
  public static DeviceKind fromWireName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown device kind '" + name + "': expected one of "
            + Arrays.stream(values()).map(DeviceKind::wireName).toList()));
  }
}
