package fr.navette.sip2.client;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS to the SIGB. An empty trust store means the JDK's default trust (public CAs); a key store
 * gives a client certificate to SIGBs that ask for one. Passwords never printed.
 */
public record Sip2Tls(Optional<Path> trustStore, Optional<String> trustStorePassword, Optional<Path> keyStore,
    Optional<String> keyStorePassword) {

  public static Sip2Tls defaultTrust() {
    return new Sip2Tls(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Override
  public String toString() {
    return "Sip2Tls[trustStore=" + trustStore.map(Path::toString).orElse("JDK default") + ", keyStore="
        + keyStore.map(Path::toString).orElse("none") + "]";
  }
}
