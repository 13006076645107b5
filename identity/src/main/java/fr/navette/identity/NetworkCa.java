package fr.navette.identity;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * The network's certificate authority, kept in one folder of the hub: {@code ca.key} (PKCS#8 PEM, 0600, encrypted
 * under a passphrase if one is given) and {@code ca.crt} (self-signed, 10 years). Made at first open, read at every
 * later one. It issues the hub's TLS certificate, the devices' certificates (from their CSRs, the identity given by
 * the caller — never taken from the CSR) and the CRL.
 *
 * <p>Serial numbers are 128 random bits (positive): no counter file to keep in step with the key, and a collision
 * is not a concern. Every certificate's validity starts an hour back: a Raspberry Pi has no battery clock, and one
 * whose clock lags a little behind the hub's must not see its fresh certificate as "not yet valid".
 */
public final class NetworkCa {
  public static final String KEY_FILE = "ca.key";
  public static final String CERTIFICATE_FILE = "ca.crt";
  public static final Duration CA_VALIDITY = Duration.ofDays(3650);
  public static final Duration DEVICE_VALIDITY = Duration.ofDays(90);
  public static final Duration SERVER_VALIDITY = Duration.ofDays(365);
  static final Duration BACKDATE = Duration.ofHours(1);
  /** The hub's own certificate carries this URI beside its host names. */
  public static final String HUB_URI = "urn:navette:hub";

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private NetworkCa(PrivateKey key, X509Certificate certificate, Clock clock) {
    this.key = key;
    this.certificate = certificate;
    this.clock = clock;
  }

  /** Opens the CA in this folder, or makes it there if the folder has none; the key in clear. */
  public static NetworkCa openOrCreate(Path dir, Clock clock) {
    return openOrCreate(dir, null, clock);
  }

  /**
   * Opens the CA in this folder, or makes it there. With a passphrase (null: none) the key file is encrypted under
   * it, and opening needs it: a copy of the hub's data folder alone then cannot issue certificates.
   */
  public static NetworkCa openOrCreate(Path dir, char[] passphrase, Clock clock) {
    Path keyFile = dir.resolve(KEY_FILE);
    Path certificateFile = dir.resolve(CERTIFICATE_FILE);
    boolean hasKey = Files.exists(keyFile);
    boolean hasCertificate = Files.exists(certificateFile);
    if (hasKey && hasCertificate) {
      return open(keyFile, certificateFile, passphrase, clock);
    }
    if (hasKey || hasCertificate) {
      // Never make a new CA over half of an old one: every device enrolled under it would be cut off.
      throw new IdentityException("the CA folder " + dir + " has " + (hasKey ? KEY_FILE : CERTIFICATE_FILE)
          + " but no " + (hasKey ? CERTIFICATE_FILE : KEY_FILE) + ": restore it from a backup");
    }
    return create(dir, passphrase, clock);
  }

  private static NetworkCa open(Path keyFile, Path certificateFile, char[] passphrase, Clock clock) {
    PrivateKey key = Pem.readPrivateKey(SecureFiles.read(keyFile), passphrase);
    X509Certificate certificate = Pem.readCertificate(SecureFiles.read(certificateFile));
    if (!KeyPairs.match(key, certificate.getPublicKey())) {
      throw new IdentityException(keyFile + " is not the key of " + certificateFile);
    }
    return new NetworkCa(key, certificate, clock);
  }

  private static NetworkCa create(Path dir, char[] passphrase, Clock clock) {
    KeyPair keys = Keys.generate();
    SecureRandom random = new SecureRandom();
    // A name of its own for each network, so that two networks' CAs are told apart in any tool.
    byte[] tag = new byte[4];
    random.nextBytes(tag);
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Navette")
        .addRDN(BCStyle.CN, "Navette network CA " + HexFormat.of().formatHex(tag)).build();
    Instant now = clock.instant();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
        Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), name, keys.getPublic());
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the CA certificate", e);
    }
    X509Certificate certificate = Pem.certificate(builder.build(Keys.signer(keys.getPrivate())));
    SecureFiles.folder(dir);
    // The key first: a crash between the two leaves a key without a certificate, which openOrCreate refuses to
    // overwrite, rather than a certificate whose key is lost.
    SecureFiles.writeSecret(dir.resolve(KEY_FILE), Pem.privateKey(keys.getPrivate(), passphrase));
    SecureFiles.writePublic(dir.resolve(CERTIFICATE_FILE), Pem.write(certificate));
    return new NetworkCa(keys.getPrivate(), certificate, clock);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public CaFingerprint fingerprint() {
    return CaFingerprint.of(certificate);
  }

  /**
   * The hub's TLS identity, a new key pair: SANs {@code localhost}, {@code 127.0.0.1}, {@code ::1} and these host
   * names or addresses; usable as server (HTTPS, MQTTS) and as client (the hub on a Mosquitto broker).
   */
  public KeyAndCertificate issueServer(Collection<String> hostNames, Duration validity) {
    List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
    hostNames.stream().filter(n -> !names.contains(n)).forEach(names::add);
    List<GeneralName> alternatives = new ArrayList<>();
    for (String name : names) {
      alternatives.add(IPAddress.isValid(name) ? new GeneralName(GeneralName.iPAddress, name)
          : new GeneralName(GeneralName.dNSName, name));
    }
    alternatives.add(new GeneralName(GeneralName.uniformResourceIdentifier, HUB_URI));
    KeyPair keys = Keys.generate();
    X509Certificate issued = issue(keys.getPublic(), "hub", alternatives,
        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}, validity);
    return new KeyAndCertificate(keys.getPrivate(), issued);
  }

  /**
   * A device's certificate for this public key: CN the device id, SAN URI {@link DeviceIdentity#uri()}, client
   * authentication only (a device's certificate can never pass for the hub).
   */
  public X509Certificate issueDevice(PublicKey deviceKey, DeviceIdentity identity, Duration validity) {
    if (!Keys.acceptable(deviceKey)) {
      throw new IdentityException("refused key: EC P-256/P-384 or RSA of 2048 bits or more, not "
          + deviceKey.getAlgorithm());
    }
    return issue(deviceKey, identity.id(),
        List.of(new GeneralName(GeneralName.uniformResourceIdentifier, identity.uri())),
        new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, validity);
  }

  /** Whether this CA signed the certificate (its validity dates aside). */
  public boolean signed(X509Certificate candidate) {
    try {
      candidate.verify(certificate.getPublicKey());
      return candidate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * The CRL listing these revocations, signed now, to be fetched again before {@code nextUpdateIn}. Its number is
   * the signing time in milliseconds: it grows with each new list without a counter to keep.
   */
  public X509CRL crl(Collection<Revocation> revocations, Duration nextUpdateIn) {
    Instant now = clock.instant();
    X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate, Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(nextUpdateIn)));
    for (Revocation revocation : revocations) {
      builder.addCRLEntry(revocation.serial(), Date.from(revocation.revokedAt()), CRLReason.unspecified);
    }
    try {
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
      return new JcaX509CRLConverter().getCRL(builder.build(Keys.signer(key)));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot sign the CRL", e);
    }
  }

  private X509Certificate issue(PublicKey subjectKey, String commonName, List<GeneralName> alternatives,
      KeyPurposeId[] purposes, Duration validity) {
    Instant now = clock.instant();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Navette")
        .addRDN(BCStyle.CN, commonName).build();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
        Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, subjectKey);
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(alternatives.toArray(GeneralName[]::new)))
          .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
          .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a certificate for " + commonName, e);
    }
    return Pem.certificate(builder.build(Keys.signer(key)));
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(128, random).setBit(127); // positive, and always 16 bytes long
  }
}
