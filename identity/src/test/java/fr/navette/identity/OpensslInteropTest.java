package fr.navette.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static fr.navette.identity.Commands.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.navette.sim.devices.SteppedClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What we write is read by OpenSSL (and so by Mosquitto, which uses it): the device folder verifies, the CRL
 * verifies and revokes, the encrypted CA key opens with its passphrase, and our fingerprint is the one an
 * administrator computes by hand. Skipped, saying so, where openssl is not installed.
 */
class OpensslInteropTest {
  private static final DeviceIdentity KIOSK = new DeviceIdentity("kiosk-7", "BIB-SUD", DeviceKind.SELF_CHECK);
  private final SteppedClock clock = CertificateClocks.nowToTheSecond();
  @TempDir Path tmp;

  @BeforeAll
  static void opensslIsThere() {
    assumeTrue(run(null, "openssl", "version").exit() == 0, "openssl is not installed: interop not checked");
  }

  @Test
  void opensslVerifiesTheDeviceFolderAndReadsItsIdentity() {
    Path device = enrolledDevice();

    Commands.Result verify = run(device, "openssl", "verify", "-CAfile", "ca.crt", "device.crt");
    assertThat(verify.exit()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("device.crt: OK");
    Commands.Result text = run(device, "openssl", "x509", "-in", "device.crt", "-noout", "-text");
    assertThat(text.output()).containsPattern("Subject: O ?= ?Navette, CN ?= ?kiosk-7") // spacing varies by version
        .contains("URI:urn:navette:device:BIB-SUD:self-check:kiosk-7")
        .contains("TLS Web Client Authentication").contains("prime256v1");
    Commands.Result key = run(device, "openssl", "pkey", "-in", "device.key", "-noout", "-check");
    assertThat(key.exit()).as(key.output()).isZero();
  }

  @Test
  void opensslComputesTheSameFingerprint() {
    NetworkCa ca = NetworkCa.openOrCreate(tmp.resolve("ca"), clock);
    Commands.Result hash = run(tmp.resolve("ca"), "sh", "-c",
        "openssl x509 -in ca.crt -noout -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -r");
    assertThat(hash.output()).startsWith(ca.fingerprint().hex());
  }

  @Test
  void opensslOpensThePassphraseEncryptedCaKey() {
    NetworkCa.openOrCreate(tmp.resolve("ca"), "s3cret phrase".toCharArray(), clock);
    Commands.Result open = run(tmp.resolve("ca"), "openssl", "pkey", "-in", "ca.key", "-passin", "pass:s3cret phrase",
        "-noout", "-check");
    assertThat(open.exit()).as(open.output()).isZero();
  }

  @Test
  void opensslRejectsARevokedDeviceWithTheCrl() throws IOException {
    Path device = enrolledDevice();
    NetworkCa ca = NetworkCa.openOrCreate(tmp.resolve("hub-ca"), clock);
    var serial = DeviceFiles.load(device).keyAndCertificate().certificate().getSerialNumber();
    Files.writeString(device.resolve("crl.pem"),
        Pem.write(ca.crl(List.of(new Revocation(serial, clock.instant(), "kiosk-7")), Duration.ofDays(7))));

    Commands.Result crl = run(device, "openssl", "crl", "-in", "crl.pem", "-CAfile", "ca.crt", "-noout");
    assertThat(crl.output()).contains("verify OK");
    Commands.Result verify = run(device, "openssl", "verify", "-crl_check", "-CAfile", "ca.crt", "-CRLfile", "crl.pem",
        "device.crt");
    assertThat(verify.exit()).isNotZero();
    assertThat(verify.output()).contains("certificate revoked");
  }

  private Path enrolledDevice() {
    try (TestHub hub = new TestHub(tmp.resolve("hub-ca"), clock)) {
      Path device = tmp.resolve("device");
      new EnrolmentClient(Duration.ofSeconds(10)).enrol(hub.uri(),
          hub.tokens.issue(KIOSK, EnrolmentTokens.DEFAULT_VALIDITY).enrolment(), device);
      return device;
    }
  }
}
