package fr.navette.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.identity.EnrolmentClient.Enrolled;
import fr.navette.sim.devices.SteppedClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device's client against a real HTTPS server serving {@link EnrolmentService}. */
class EnrolmentOverHttpsTest {
  private static final DeviceIdentity GATE = new DeviceIdentity("gate-01", "BIB-NORD", DeviceKind.GATE);
  private final SteppedClock clock = CertificateClocks.nowToTheSecond();
  private final EnrolmentClient client = new EnrolmentClient(Duration.ofSeconds(10));
  @TempDir Path tmp;
  private TestHub hub;
  private Path device;

  @BeforeEach
  void startHub() {
    hub = new TestHub(tmp.resolve("hub-ca"), clock);
    device = tmp.resolve("device");
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }

  @Test
  void enrolsAndWritesTheThreeFilesTheKeyOwnerOnly() throws Exception {
    EnrolmentString enrolment = hub.tokens.issue(GATE, EnrolmentTokens.DEFAULT_VALIDITY).enrolment();

    Enrolled enrolled = client.enrol(hub.uri(), EnrolmentString.parse(enrolment.text()), device);

    assertThat(enrolled.identity()).isEqualTo(GATE);
    assertThat(enrolled.broker()).isEqualTo(URI.create("mqtts://127.0.0.1:8883"));
    assertThat(enrolled.configuration()).isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(device.resolve("device.key"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(device.resolve("device.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(device.resolve("ca.crt"))).isEqualTo(Pem.write(hub.ca.certificate()));
    assertThat(Files.list(device).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("device.key", "device.crt", "ca.crt", DeviceEnrolment.FILE);
    DeviceEnrolment saved = DeviceEnrolment.read(device); // what the device runs and renews with
    assertThat(saved.broker()).isEqualTo(URI.create("mqtts://127.0.0.1:8883"));
    assertThat(saved.identity()).isEqualTo(GATE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(device.resolve(DeviceEnrolment.FILE))))
        .isEqualTo("rw-r--r--");
    DeviceFiles files = DeviceFiles.load(device);
    assertThat(files.identity()).isEqualTo(GATE);
    X509Certificate certificate = files.keyAndCertificate().certificate();
    certificate.verify(hub.ca.certificate().getPublicKey());
    assertThat(enrolled.notAfter()).isEqualTo(certificate.getNotAfter().toInstant());

    // The private key never left the device: no request carried it.
    String keyBody = Files.readString(device.resolve("device.key")).lines()
        .filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    assertThat(hub.seen).noneMatch(request -> request.contains(keyBody.substring(0, 40)));
    assertThat(hub.seen).hasSize(2).first().isEqualTo("GET " + EnrolmentProtocol.CA_PATH);
    assertThat(hub.seen.get(1)).startsWith("POST " + EnrolmentProtocol.ENROL_PATH + " {\"token\":");
    assertThat(hub.audit).singleElement().satisfies(event -> {
      assertThat(event.action()).isEqualTo(AuditEvent.Action.ENROLLED);
      assertThat(event.deviceId()).isEqualTo("gate-01");
      assertThat(event.serial()).isEqualTo(certificate.getSerialNumber().toString(16));
      assertThat(event.toString()).doesNotContain(enrolment.secret());
    });
  }

  @Test
  void aCaFingerprintThatDoesNotMatchStopsBeforeTheTokenIsSent() {
    EnrolmentString real = hub.tokens.issue(GATE, EnrolmentTokens.DEFAULT_VALIDITY).enrolment();
    // The string the installer holds carries another network's CA: the hub it reached is not the one expected.
    CaFingerprint other = NetworkCa.openOrCreate(tmp.resolve("other-ca"), clock).fingerprint();
    EnrolmentString forOtherCa = new EnrolmentString(real.tokenId(), real.secret(), other);

    assertThatThrownBy(() -> client.enrol(hub.uri(), forOtherCa, device))
        .isInstanceOfSatisfying(EnrolmentException.class,
            e -> assertThat(e.code()).isEqualTo("ca-fingerprint-mismatch"))
        .hasMessageContaining("nothing was sent");

    assertThat(hub.seen).containsExactly("GET " + EnrolmentProtocol.CA_PATH);
    assertThat(hub.seen).noneMatch(request -> request.contains(real.secret()));
    assertThat(hub.tokens.stored()).singleElement().satisfies(t -> assertThat(t.usedAt()).isEmpty());
    assertThat(device).doesNotExist();
  }

  @Test
  void aForgedHubWithItsOwnCaNeverSeesTheToken() {
    EnrolmentString real = hub.tokens.issue(GATE, EnrolmentTokens.DEFAULT_VALIDITY).enrolment();
    try (TestHub forger = new TestHub(tmp.resolve("forger-ca"), clock)) {
      assertThatThrownBy(() -> client.enrol(forger.uri(), real, device))
          .isInstanceOfSatisfying(EnrolmentException.class,
              e -> assertThat(e.code()).isEqualTo("ca-fingerprint-mismatch"));
      assertThat(forger.seen).containsExactly("GET " + EnrolmentProtocol.CA_PATH);
    }
  }

  @Test
  void aStringWorksOnce() {
    EnrolmentString enrolment = hub.tokens.issue(GATE, EnrolmentTokens.DEFAULT_VALIDITY).enrolment();
    client.enrol(hub.uri(), enrolment, device);

    assertThatThrownBy(() -> client.enrol(hub.uri(), enrolment, tmp.resolve("second")))
        .isInstanceOfSatisfying(EnrolmentException.class, e -> assertThat(e.code()).isEqualTo("token-used"))
        .hasMessageContaining("already used");
    assertThat(tmp.resolve("second")).doesNotExist();
  }

  @Test
  void anExpiredStringIsRefused() {
    EnrolmentString enrolment = hub.tokens.issue(GATE, EnrolmentTokens.DEFAULT_VALIDITY).enrolment();
    clock.advance(Duration.ofHours(24));

    assertThatThrownBy(() -> client.enrol(hub.uri(), enrolment, device))
        .isInstanceOfSatisfying(EnrolmentException.class, e -> assertThat(e.code()).isEqualTo("token-expired"));
    assertThat(device).doesNotExist();
  }

  @Test
  void aWrongSecretIsRefusedWithoutSayingMore() {
    EnrolmentString enrolment = hub.tokens.issue(GATE, EnrolmentTokens.DEFAULT_VALIDITY).enrolment();
    clock.advance(Duration.ofHours(25));
    EnrolmentString guessed = new EnrolmentString(enrolment.tokenId(), "0000000000000000",
        enrolment.caFingerprint());

    assertThatThrownBy(() -> client.enrol(hub.uri(), guessed, device))
        .isInstanceOfSatisfying(EnrolmentException.class, e -> assertThat(e.code()).isEqualTo("token-invalid"));
  }

  @Test
  void renewsWithANewKeyAndTheSameIdentityWithoutAToken() throws Exception {
    client.enrol(hub.uri(), hub.tokens.issue(GATE, EnrolmentTokens.DEFAULT_VALIDITY).enrolment(), device);
    DeviceFiles before = DeviceFiles.load(device);
    clock.advance(Duration.ofDays(80));

    Enrolled renewed = client.renew(hub.uri(), device);

    DeviceFiles after = DeviceFiles.load(device);
    assertThat(renewed.identity()).isEqualTo(GATE);
    assertThat(after.identity()).isEqualTo(GATE);
    assertThat(after.keyAndCertificate().certificate().getSerialNumber())
        .isNotEqualTo(before.keyAndCertificate().certificate().getSerialNumber());
    assertThat(after.keyAndCertificate().key()).isNotEqualTo(before.keyAndCertificate().key());
    assertThat(renewed.notAfter()).isEqualTo(clock.instant().plus(NetworkCa.DEVICE_VALIDITY));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(device.resolve("device.key"))))
        .isEqualTo("rw-------");
    assertThat(hub.audit).extracting(AuditEvent::action)
        .containsExactly(AuditEvent.Action.ENROLLED, AuditEvent.Action.RENEWED);
    assertThat(Files.list(device)).hasSize(4); // the three PEM files and enrolment.json, no *.new left
  }

  @Test
  void aRevokedOrExpiredCertificateIsNotRenewed() {
    client.enrol(hub.uri(), hub.tokens.issue(GATE, EnrolmentTokens.DEFAULT_VALIDITY).enrolment(), device);
    var serial = DeviceFiles.load(device).keyAndCertificate().certificate().getSerialNumber();

    hub.revoked.add(serial);
    assertThatThrownBy(() -> client.renew(hub.uri(), device))
        .isInstanceOfSatisfying(EnrolmentException.class,
            e -> assertThat(e.code()).isEqualTo("certificate-revoked"));

    hub.revoked.clear();
    clock.advance(NetworkCa.DEVICE_VALIDITY.plusSeconds(1));
    assertThatThrownBy(() -> client.renew(hub.uri(), device))
        .isInstanceOfSatisfying(EnrolmentException.class,
            e -> assertThat(e.code()).isEqualTo("certificate-expired"));
    assertThat(DeviceFiles.load(device).keyAndCertificate().certificate().getSerialNumber()).isEqualTo(serial);
  }
}
