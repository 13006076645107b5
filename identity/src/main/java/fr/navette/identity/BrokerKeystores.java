package fr.navette.identity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * The hub's identity and the network CA as PKCS#12 stores, for what reads stores rather than PEM: the embedded
 * broker's MQTTS listener (HiveMQ's keystore and truststore) and the hub's own MQTT sessions (Paho). Written again at
 * each start under a new random password (nothing to keep or configure), owner-only.
 *
 * @param keystore the hub's key and certificate chain (hub, CA)
 * @param truststore the network CA only: the one issuer whose client certificates count
 */
public record BrokerKeystores(Path keystore, Path truststore, char[] password) {
  public static final String KEYSTORE_FILE = "hub.p12";
  public static final String TRUSTSTORE_FILE = "trust.p12";

  public BrokerKeystores {
    password = password.clone();
  }

  @Override
  public char[] password() {
    return password.clone();
  }

  /** Writes both stores in {@code dir} (the CA's folder, 0700). */
  public static BrokerKeystores write(Path dir, KeyAndCertificate hub, X509Certificate ca) {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    try {
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      identity.setKeyEntry("hub", hub.key(), password, new Certificate[] {hub.certificate(), ca});
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("network-ca", ca);
      SecureFiles.folder(dir);
      Path keystore = dir.resolve(KEYSTORE_FILE);
      Path truststore = dir.resolve(TRUSTSTORE_FILE);
      SecureFiles.writeSecret(keystore, bytes(identity, password));
      SecureFiles.writeSecret(truststore, bytes(trust, password));
      return new BrokerKeystores(keystore, truststore, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new IdentityException("cannot write the hub's PKCS#12 stores in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(KeyStore store, char[] password) throws GeneralSecurityException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, password);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "BrokerKeystores[keystore=" + keystore + ", truststore=" + truststore + "]";
  }
}
