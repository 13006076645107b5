package fr.navette.identity;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Keys are EC P-256 signed with ECDSA-SHA256: a key pair is made in milliseconds on a Raspberry Pi (RSA-3072 takes
 * seconds), certificates stay small, and every party reads them — OpenSSL and Mosquitto, the JDK's TLS, Paho,
 * HiveMQ. (Ed25519 certificates are not yet accepted by every TLS stack a library network may run.)
 */
public final class Keys {
  static final String SIGNATURE = "SHA256withECDSA";

  private Keys() {}

  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has EC P-256", e);
    }
  }

  /**
   * A PKCS#10 request for this key pair. Its subject is only a courtesy: the hub takes the identity from the token
   * (or from the certificate being renewed), never from what the request claims.
   */
  public static PKCS10CertificationRequest csr(KeyPair keys, String commonName) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    return new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic()).build(signer(keys.getPrivate()));
  }

  static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder(key instanceof java.security.interfaces.RSAPrivateKey
          ? "SHA256withRSA" : SIGNATURE).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign with a " + key.getAlgorithm() + " key", e);
    }
  }

  /**
   * Whether the hub signs a certificate for this key: EC on P-256 or P-384, or RSA of at least 2048 bits (a
   * device made with other tools), nothing weaker.
   */
  static boolean acceptable(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits == 256 || bits == 384;
    }
    return key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048;
  }
}
