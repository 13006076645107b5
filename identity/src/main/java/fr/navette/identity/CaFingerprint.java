package fr.navette.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 of the CA certificate's SubjectPublicKeyInfo (DER) — the hash {@code kubeadm join
 * --discovery-token-ca-cert-hash sha256:…} checks. Hashing the key rather than the whole certificate keeps the
 * fingerprint valid when the CA certificate is re-issued with the same key. All 256 bits are kept: a prefix would
 * let an intruder on the LAN search for a key whose hash starts the same.
 *
 * <p>Written in {@link Base32} (52 characters); {@link #hex()} is what {@code openssl x509 -pubkey | openssl pkey
 * -pubin -outform der | sha256sum} prints, for an administrator who checks by hand.
 */
public final class CaFingerprint {
  static final int BYTES = 32;
  private final byte[] sha256;

  private CaFingerprint(byte[] sha256) {
    this.sha256 = sha256.clone();
  }

  public static CaFingerprint of(X509Certificate ca) {
    try {
      return new CaFingerprint(MessageDigest.getInstance("SHA-256").digest(ca.getPublicKey().getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Reads the {@link #text()} form; the error says which character is wrong. */
  public static CaFingerprint parse(String text) {
    return new CaFingerprint(Base32.decode("CA fingerprint", text, BYTES));
  }

  /** Reads the {@link #hex()} form (64 hexadecimal digits, as {@code sha256sum} prints them). */
  public static CaFingerprint parseHex(String hex) {
    if (hex == null || !hex.strip().matches("[0-9a-fA-F]{64}")) {
      throw new EnrolmentStringException("CA fingerprint: expected 64 hexadecimal digits");
    }
    return new CaFingerprint(HexFormat.of().parseHex(hex.strip().toLowerCase(java.util.Locale.ROOT)));
  }

  /** 52 characters of Crockford base 32, lower case. */
  public String text() {
    return Base32.encode(sha256);
  }

  /** 64 hexadecimal digits, as {@code sha256sum} prints them. */
  public String hex() {
    return HexFormat.of().formatHex(sha256);
  }

  /** Compares in constant time: how much of a forged hash matches is not told by how long the answer takes. */
  public boolean matches(CaFingerprint other) {
    return MessageDigest.isEqual(sha256, other.sha256);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CaFingerprint other && matches(other);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sha256);
  }

  @Override
  public String toString() {
    return "sha256:" + hex();
  }
}
