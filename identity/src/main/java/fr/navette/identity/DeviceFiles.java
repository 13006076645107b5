package fr.navette.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;

/**
 * A device's identity folder: {@code device.key} (PKCS#8 PEM, 0600, made on the device and never sent),
 * {@code device.crt} and {@code ca.crt} (PEM) — the three files {@code mosquitto_pub --key --cert --cafile} and
 * {@code openssl verify -CAfile ca.crt device.crt} take.
 *
 * <p>Written so that a power cut never leaves a key with another key's certificate: the new files are written
 * beside the old ones ({@code *.new}), then renamed, the certificate last; {@link #load} finishes or undoes a
 * renaming that a cut interrupted.
 */
public final class DeviceFiles {
  public static final String KEY_FILE = "device.key";
  public static final String CERTIFICATE_FILE = "device.crt";
  public static final String CA_FILE = "ca.crt";

  private final DeviceIdentity identity;
  private final KeyAndCertificate keyAndCertificate;
  private final X509Certificate ca;

  private DeviceFiles(DeviceIdentity identity, KeyAndCertificate keyAndCertificate, X509Certificate ca) {
    this.identity = identity;
    this.keyAndCertificate = keyAndCertificate;
    this.ca = ca;
  }

  /** Writes (or replaces) the folder's three files. */
  public static void write(Path dir, PrivateKey key, X509Certificate certificate, X509Certificate ca) {
    SecureFiles.folder(dir);
    Path stagedKey = SecureFiles.stage(dir.resolve(KEY_FILE), Pem.privateKey(key, null), SecureFiles.OWNER_ONLY);
    Path stagedCa = SecureFiles.stage(dir.resolve(CA_FILE), Pem.write(ca), SecureFiles.PUBLIC);
    Path stagedCertificate = SecureFiles.stage(dir.resolve(CERTIFICATE_FILE), Pem.write(certificate), SecureFiles.PUBLIC);
    SecureFiles.commit(stagedKey, dir.resolve(KEY_FILE));
    SecureFiles.commit(stagedCa, dir.resolve(CA_FILE));
    SecureFiles.commit(stagedCertificate, dir.resolve(CERTIFICATE_FILE));
  }

  /** Reads the folder, checking that the key is the certificate's and the certificate the CA's. */
  public static DeviceFiles load(Path dir) {
    recover(dir);
    for (String name : new String[] {KEY_FILE, CERTIFICATE_FILE, CA_FILE}) {
      if (!Files.exists(dir.resolve(name))) {
        throw new IdentityException(dir + " has no " + name + ": enrol this device first (navette enrol)");
      }
    }
    PrivateKey key = Pem.readPrivateKey(SecureFiles.read(dir.resolve(KEY_FILE)), null);
    X509Certificate certificate = Pem.readCertificate(SecureFiles.read(dir.resolve(CERTIFICATE_FILE)));
    X509Certificate ca = Pem.readCertificate(SecureFiles.read(dir.resolve(CA_FILE)));
    if (!KeyPairs.match(key, certificate.getPublicKey())) {
      throw new IdentityException(dir.resolve(KEY_FILE) + " is not the key of " + dir.resolve(CERTIFICATE_FILE));
    }
    try {
      certificate.verify(ca.getPublicKey());
    } catch (java.security.GeneralSecurityException e) {
      throw new IdentityException(dir.resolve(CERTIFICATE_FILE) + " was not issued by " + dir.resolve(CA_FILE), e);
    }
    return new DeviceFiles(DeviceIdentity.fromCertificate(certificate), new KeyAndCertificate(key, certificate), ca);
  }

  public DeviceIdentity identity() {
    return identity;
  }

  public KeyAndCertificate keyAndCertificate() {
    return keyAndCertificate;
  }

  public X509Certificate ca() {
    return ca;
  }

  /** TLS as this device: presents its certificate, trusts only the network CA (for MQTTS and renewal). */
  public SSLContext sslContext() {
    return Tls.identity(keyAndCertificate, ca);
  }

  /**
   * After a cut during {@link #write}: if a complete new certificate is waiting and matches the new key (or, if
   * that was already renamed, the current one), finish; otherwise the new files are partial and go.
   */
  private static void recover(Path dir) {
    Path certificateNew = staged(dir, CERTIFICATE_FILE);
    Path keyNew = staged(dir, KEY_FILE);
    Path caNew = staged(dir, CA_FILE);
    if (!Files.exists(certificateNew)) {
      deleteIfExists(keyNew);
      deleteIfExists(caNew);
      return;
    }
    boolean complete;
    try {
      X509Certificate certificate = Pem.readCertificate(SecureFiles.read(certificateNew));
      Path key = Files.exists(keyNew) ? keyNew : dir.resolve(KEY_FILE);
      complete = KeyPairs.match(Pem.readPrivateKey(SecureFiles.read(key), null), certificate.getPublicKey());
    } catch (IdentityException | UncheckedIOException e) {
      complete = false;
    }
    if (complete) {
      if (Files.exists(keyNew)) {
        SecureFiles.commit(keyNew, dir.resolve(KEY_FILE));
      }
      if (Files.exists(caNew)) {
        SecureFiles.commit(caNew, dir.resolve(CA_FILE));
      }
      SecureFiles.commit(certificateNew, dir.resolve(CERTIFICATE_FILE));
    } else {
      deleteIfExists(keyNew);
      deleteIfExists(caNew);
      deleteIfExists(certificateNew);
    }
  }

  private static Path staged(Path dir, String name) {
    return dir.resolve(name + ".new");
  }

  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file, e);
    }
  }
}
