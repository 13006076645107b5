package fr.navette.mqtt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEM key and certificate as a key store, with the JDK alone (no BouncyCastle here: this module goes on every
 * device). The key must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), as {@code navette enrol} and OpenSSL 3
 * write it; its algorithm (EC, RSA, Ed25519) is found by trying the JDK's key factories.
 */
final class PemKeys {
  static final char[] IN_MEMORY = "in-memory".toCharArray();
  private static final Pattern PKCS8 = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final List<String> ALGORITHMS = List.of("EC", "RSA", "Ed25519");

  private PemKeys() {}

  static KeyStore keyStore(Path keyFile, Path certificateFile) throws IOException, GeneralSecurityException {
    return keyStore(keyFile, certificateFile, IN_MEMORY);
  }

  static KeyStore keyStore(Path keyFile, Path certificateFile, char[] password)
      throws IOException, GeneralSecurityException {
    PrivateKey key = privateKey(keyFile);
    List<X509Certificate> chain = certificates(certificateFile);
    // Read between two renames of a renewal, the key may be the new one and the certificate the old: refuse here,
    // by name, rather than let the broker refuse a handshake with no reason given; the next attempt reads both again.
    if (!matches(key, chain.getFirst())) {
      throw new IOException(keyFile + " is not the key of " + certificateFile
          + " (a renewal writing them right now? the next attempt reads them again)");
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
    return store;
  }

  static PrivateKey privateKey(Path file) throws IOException {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IOException("no key file " + file, e);
    } catch (IOException e) {
      throw new IOException("cannot read the key file " + file + ": " + e.getMessage(), e);
    }
    Matcher block = PKCS8.matcher(pem);
    if (!block.find()) {
      String found = pem.contains("ENCRYPTED PRIVATE KEY") ? "an encrypted key"
          : pem.contains("EC PRIVATE KEY") || pem.contains("RSA PRIVATE KEY") ? "a key in OpenSSL's older form"
          : "no PEM private key";
      throw new IOException(file + " holds " + found + ": an unencrypted PKCS#8 key (BEGIN PRIVATE KEY) is needed"
          + " (openssl pkcs8 -topk8 -nocrypt converts one)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(block.group(1));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": the key's base 64 is damaged", e);
    }
    for (String algorithm : ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
        // not this algorithm: try the next
      }
    }
    throw new IOException(file + ": a PKCS#8 key of none of " + ALGORITHMS);
  }

  private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> read;
    try {
      read = CertificateFactory.getInstance("X.509").generateCertificates(
          new ByteArrayInputStream(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      throw new IOException("no certificate file " + file, e);
    } catch (IOException e) {
      throw new IOException("cannot read the certificate file " + file + ": " + e.getMessage(), e);
    }
    if (read.isEmpty()) {
      throw new IOException("the certificate file " + file + " holds no certificate");
    }
    return read.stream().map(X509Certificate.class::cast).toList();
  }

  /** Whether the key signs what the certificate's public key verifies: true only for the certificate's own key. */
  private static boolean matches(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> key.getAlgorithm();
    };
    byte[] probe = "navette key check".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    try {
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // e.g. an EC key against an RSA certificate
    }
  }
}
