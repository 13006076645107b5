package fr.navette.hub.identities;

import java.util.List;
import java.util.Optional;

/**
 * Where the hub serves enrolment: the HTTPS port (0: any free port, as tests want) and the host names its TLS
 * certificate names besides {@code localhost}, {@code 127.0.0.1} and {@code ::1} — devices check the host they dial;
 * and, optionally, the passphrase the network CA's key is kept under ({@code ca.key} encrypted, PBES2).
 */
public record IdentitiesSettings(int httpsPort, List<String> hostNames, Optional<char[]> caPassphrase) {
  public IdentitiesSettings {
    hostNames = List.copyOf(hostNames);
    caPassphrase = caPassphrase.map(char[]::clone);
  }

  /** The CA's key unencrypted in its 0600 file. */
  public IdentitiesSettings(int httpsPort, List<String> hostNames) {
    this(httpsPort, hostNames, Optional.empty());
  }

  public static IdentitiesSettings defaults() {
    return new IdentitiesSettings(0, List.of());
  }

  @Override
  public Optional<char[]> caPassphrase() {
    return caPassphrase.map(char[]::clone);
  }

  /** Never the passphrase. */
  @Override
  public String toString() {
    return "IdentitiesSettings[httpsPort=" + httpsPort + ", hostNames=" + hostNames + ", CA key "
        + (caPassphrase.isPresent() ? "under a passphrase" : "unencrypted (0600)") + "]";
  }
}
