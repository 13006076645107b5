package fr.navette.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.sim.devices.SteppedClock;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkCaTest {
  private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
  private final SteppedClock clock = new SteppedClock(START);
  @TempDir Path dir;

  @Test
  void isMadeAtFirstOpenWithItsKeyOwnerOnlyAndReadAtTheNext() throws Exception {
    Path caDir = dir.resolve("ca");
    NetworkCa made = NetworkCa.openOrCreate(caDir, clock);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir.resolve("ca.key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir))).isEqualTo("rwx------");
    assertThat(Files.readString(caDir.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    X509Certificate ca = made.certificate();
    assertThat(ca.getBasicConstraints()).isZero();
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
    ca.verify(ca.getPublicKey());

    NetworkCa reopened = NetworkCa.openOrCreate(caDir, clock);
    assertThat(reopened.certificate()).isEqualTo(ca);
    assertThat(reopened.fingerprint()).isEqualTo(made.fingerprint());
  }

  @Test
  void aPassphraseEncryptsTheKeyAndOpeningNeedsIt() throws Exception {
    NetworkCa.openOrCreate(dir, "correct horse".toCharArray(), clock);
    assertThat(Files.readString(dir.resolve("ca.key"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

    assertThat(NetworkCa.openOrCreate(dir, "correct horse".toCharArray(), clock).certificate()).isNotNull();
    assertThatThrownBy(() -> NetworkCa.openOrCreate(dir, "wrong".toCharArray(), clock))
        .isInstanceOf(IdentityException.class).hasMessageContaining("wrong passphrase");
    assertThatThrownBy(() -> NetworkCa.openOrCreate(dir, clock))
        .hasMessageContaining("a passphrase is needed");
  }

  @Test
  void neverMakesANewCaOverHalfOfAnOldOne() throws Exception {
    NetworkCa.openOrCreate(dir, clock);
    Files.delete(dir.resolve("ca.crt"));
    assertThatThrownBy(() -> NetworkCa.openOrCreate(dir, clock))
        .hasMessageContaining("has ca.key but no ca.crt");
  }

  @Test
  void aDeviceCertificateCarriesTheGivenIdentityNotTheCsrs() throws Exception {
    NetworkCa ca = NetworkCa.openOrCreate(dir, clock);
    var keys = Keys.generate();
    DeviceIdentity identity = new DeviceIdentity("gate-01", "BIB-NORD", DeviceKind.GATE);

    X509Certificate issued = ca.issueDevice(keys.getPublic(), identity, NetworkCa.DEVICE_VALIDITY);

    issued.verify(ca.certificate().getPublicKey());
    assertThat(issued.getSubjectX500Principal().getName()).isEqualTo("CN=gate-01,O=Navette");
    assertThat(DeviceIdentity.fromCertificate(issued)).isEqualTo(identity);
    assertThat(issued.getSubjectAlternativeNames()).containsExactly(
        List.of(6, "urn:navette:device:BIB-NORD:gate:gate-01"));
    assertThat(issued.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth only
    assertThat(issued.getBasicConstraints()).isEqualTo(-1);
    assertThat(issued.getNotAfter().toInstant()).isEqualTo(START.plus(Duration.ofDays(90)));
    assertThat(issued.getNotBefore().toInstant()).isEqualTo(START.minus(Duration.ofHours(1)));
    assertThat(issued.getSerialNumber().bitLength()).isEqualTo(128);
    assertThat(ca.issueDevice(keys.getPublic(), identity, NetworkCa.DEVICE_VALIDITY).getSerialNumber())
        .isNotEqualTo(issued.getSerialNumber());
  }

  @Test
  void theHubsCertificateNamesLocalhostAndTheConfiguredHosts() throws Exception {
    NetworkCa ca = NetworkCa.openOrCreate(dir, clock);
    X509Certificate server = ca.issueServer(List.of("hub.reseau.example", "192.168.1.10"),
        NetworkCa.SERVER_VALIDITY).certificate();
    assertThat(server.getSubjectAlternativeNames()).contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"),
        List.of(2, "hub.reseau.example"), List.of(7, "192.168.1.10"), List.of(6, NetworkCa.HUB_URI));
    assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
  }

  @Test
  void theCrlListsTheRevokedSerialsSignedByTheCa() throws Exception {
    NetworkCa ca = NetworkCa.openOrCreate(dir, clock);
    BigInteger revoked = new BigInteger("1234567890abcdef", 16);
    X509CRL crl = ca.crl(List.of(new Revocation(revoked, START, "gate-01")), Duration.ofDays(7));

    crl.verify(ca.certificate().getPublicKey());
    assertThat(crl.getRevokedCertificate(revoked).getRevocationDate().toInstant()).isEqualTo(START);
    assertThat(crl.getRevokedCertificates()).hasSize(1);
    assertThat(crl.getNextUpdate().toInstant()).isEqualTo(START.plus(Duration.ofDays(7)));
    assertThat(Pem.write(crl)).startsWith("-----BEGIN X509 CRL-----");
  }

  @Test
  void refusesAWeakKey() throws Exception {
    NetworkCa ca = NetworkCa.openOrCreate(dir, clock);
    var generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    assertThatThrownBy(() -> ca.issueDevice(generator.generateKeyPair().getPublic(),
        new DeviceIdentity("k1", "S", DeviceKind.SELF_CHECK), NetworkCa.DEVICE_VALIDITY))
        .hasMessageContaining("refused key");
  }
}
