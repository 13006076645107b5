package fr.navette.hub.identities;

import java.util.List;

/**
 * Where the hub serves enrolment: the HTTPS port (0: any free port, as tests want) and the host names its TLS
 * certificate names besides {@code localhost}, {@code 127.0.0.1} and {@code ::1} — devices check the host they dial.
 */
public record IdentitiesSettings(int httpsPort, List<String> hostNames) {
  public IdentitiesSettings {
    hostNames = List.copyOf(hostNames);
  }

  public static IdentitiesSettings defaults() {
    return new IdentitiesSettings(0, List.of());
  }
}
