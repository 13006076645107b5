package fr.navette.identity;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * PEM in and out, in the forms OpenSSL and Mosquitto read: certificates ({@code CERTIFICATE}), keys as PKCS#8
 * ({@code PRIVATE KEY}, or {@code ENCRYPTED PRIVATE KEY}: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC), requests
 * ({@code CERTIFICATE REQUEST}), CRLs ({@code X509 CRL}).
 */
public final class Pem {
  /**
   * BouncyCastle's provider, handed to the calls that need its algorithms (password-based encryption) and never
   * registered in the JVM: the rest of the process keeps the JDK's providers.
   */
  static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final int PBKDF2_ITERATIONS = 600_000;

  private Pem() {}

  public static String write(Object certificateCsrOrCrl) {
    if (certificateCsrOrCrl instanceof PrivateKey) {
      throw new IllegalArgumentException("write a private key with privateKey(), never by accident");
    }
    return pem(certificateCsrOrCrl);
  }

  /** The key as PKCS#8; encrypted under the passphrase if one is given (null or empty: in clear). */
  public static String privateKey(PrivateKey key, char[] passphrase) {
    try {
      if (passphrase == null || passphrase.length == 0) {
        return pem(new JcaPKCS8Generator(key, null));
      }
      var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
          .setPRF(JcaPKCS8Generator.PRF_HMACSHA256).setIterationCount(PBKDF2_ITERATIONS)
          .setProvider(BC).setPasssword(passphrase).build();
      return pem(new JcaPKCS8Generator(key, encryptor));
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot encode the private key", e);
    }
  }

  /** Reads a PKCS#8 (or OpenSSL "EC PRIVATE KEY") key; an encrypted one needs its passphrase. */
  public static PrivateKey readPrivateKey(String pem, char[] passphrase) {
    Object object = readObject(pem, "private key");
    try {
      PrivateKeyInfo info;
      if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
        if (passphrase == null || passphrase.length == 0) {
          throw new IdentityException("the private key is encrypted: a passphrase is needed");
        }
        info = encrypted.decryptPrivateKeyInfo(
            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(passphrase));
      } else if (object instanceof PrivateKeyInfo plain) {
        info = plain;
      } else if (object instanceof PEMKeyPair pair) {
        info = pair.getPrivateKeyInfo();
      } else {
        throw new IdentityException("expected a private key, found " + describe(object));
      }
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (PKCSException e) {
      throw new IdentityException("cannot decrypt the private key: wrong passphrase?", e);
    } catch (OperatorCreationException | IOException e) {
      throw new IdentityException("cannot read the private key: " + e.getMessage(), e);
    }
  }

  public static X509Certificate readCertificate(String pem) {
    Object object = readObject(pem, "certificate");
    if (!(object instanceof X509CertificateHolder holder)) {
      throw new IdentityException("expected a certificate, found " + describe(object));
    }
    return certificate(holder);
  }

  public static PKCS10CertificationRequest readCsr(String pem) {
    Object object = readObject(pem, "certificate request");
    if (!(object instanceof PKCS10CertificationRequest csr)) {
      throw new IdentityException("expected a certificate request, found " + describe(object));
    }
    return csr;
  }

  static X509Certificate certificate(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new IdentityException("unreadable certificate: " + e.getMessage(), e);
    }
  }

  private static Object readObject(String pem, String what) {
    if (pem == null || pem.isBlank()) {
      throw new IdentityException("no PEM " + what + " (empty)");
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (object == null) {
        throw new IdentityException("no PEM " + what + " found (no -----BEGIN line)");
      }
      return object;
    } catch (IOException e) {
      throw new IdentityException("malformed PEM " + what + ": " + e.getMessage(), e);
    }
  }

  private static String describe(Object object) {
    return object instanceof X509CRL ? "a CRL" : object.getClass().getSimpleName();
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
