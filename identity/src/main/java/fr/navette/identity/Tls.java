package fr.navette.identity;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts that trust the network CA and nothing else (not the JVM's public roots). */
public final class Tls {
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private Tls() {}

  /** Trusts only this CA; presents no certificate (a client before enrolment). */
  public static SSLContext trusting(X509Certificate ca) {
    return context(null, List.of(), ca);
  }

  /**
   * Presents this identity (chain: its certificate, then the CA's) and trusts only this CA: the hub's server side
   * (which also checks client certificates against the CA), a device's client side.
   */
  public static SSLContext identity(KeyAndCertificate identity, X509Certificate ca) {
    return context(identity, List.of(identity.certificate(), ca), ca);
  }

  private static SSLContext context(KeyAndCertificate identity, List<X509Certificate> chain, X509Certificate ca) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("navette-ca", ca);
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      KeyManagerFactory keyManagers = null;
      if (identity != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("identity", identity.key(), IN_MEMORY, chain.toArray(Certificate[]::new));
        keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, IN_MEMORY);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IdentityException("cannot build a TLS context: " + e.getMessage(), e);
    }
  }
}
