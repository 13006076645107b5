package fr.navette.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;

/** Whether a private key and a public key are one pair: a signature made with one checks with the other. */
final class KeyPairs {
  private KeyPairs() {}

  static boolean match(PrivateKey key, PublicKey publicKey) {
    String algorithm = key instanceof RSAPrivateKey ? "SHA256withRSA" : Keys.SIGNATURE;
    try {
      byte[] probe = "navette key pair probe".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
