package fr.navette.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS towards the broker with the device's own client certificate (provisioning issues it): a PKCS#12 key
 * store holding the device key and certificate chain, and optionally a PKCS#12 trust store with the network's
 * CA (else the JDK's). Passwords are copied, never shown.
 */
public record TlsSettings(Path keyStore, char[] keyStorePassword, Optional<Path> trustStore,
                          char[] trustStorePassword) {
  public TlsSettings {
    keyStorePassword = keyStorePassword.clone();
    trustStorePassword = trustStorePassword.clone();
  }

  /** Builds the socket factory once, at connect; a missing or unreadable store names the file. */
  public SSLSocketFactory socketFactory() throws SessionException {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(keyStore, keyStorePassword), keyStorePassword);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore.isPresent() ? load(trustStore.get(), trustStorePassword) : null);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new SessionException("TLS settings unusable (key store " + keyStore + "): " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Path file, char[] password) throws SessionException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return store;
    } catch (IOException e) {
      throw new SessionException("cannot read the PKCS#12 store " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TlsSettings t && keyStore.equals(t.keyStore) && trustStore.equals(t.trustStore)
        && Arrays.equals(keyStorePassword, t.keyStorePassword) && Arrays.equals(trustStorePassword, t.trustStorePassword);
  }

  @Override
  public int hashCode() {
    return keyStore.hashCode() * 31 + trustStore.hashCode();
  }

  @Override
  public String toString() {
    return "TlsSettings[keyStore=" + keyStore + ", trustStore=" + trustStore.map(Path::toString).orElse("JDK default")
        + ", passwords=<hidden>]";
  }
}
