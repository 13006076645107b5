package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.navette.mqtt.TlsSettings;
import fr.navette.mqtt.testkit.PrivateMosquitto;
import fr.navette.mqtt.testkit.TestCertificates;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.ReturnEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with the device's client certificate, against a private Mosquitto that requires one: a device with a
 * certificate of the network's CA connects and publishes; one with a certificate of another CA never gets in.
 * Certificates are made by openssl for the test, as provisioning will make them.
 */
class TlsClientCertificateTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  @TempDir Path dir;

  @Test
  void aDeviceWithTheNetworksCertificateGetsInAndAStrangerDoesNot() throws Exception {
    TestCertificates certificates = new TestCertificates(dir);
    Path ca = certificates.ca("ca"); // the network's CA, a PEM file as Mosquitto's cafile takes it
    certificates.localServer("server", "ca");
    certificates.signed("device", "ca", "/CN=gate-tls-1", "extendedKeyUsage=clientAuth");
    certificates.ca("stranger-ca");
    certificates.signed("stranger", "stranger-ca", "/CN=gate-tls-2", "extendedKeyUsage=clientAuth");

    try (PrivateMosquitto broker = PrivateMosquitto.start(dir, """
        cafile %s/ca.crt
        certfile %s/server.crt
        keyfile %s/server.key
        require_certificate true
        use_identity_as_username true
        allow_anonymous false
        """)) {
      int port = broker.port();
      String uri = "ssl://127.0.0.1:" + port;

      TlsSettings device = TlsSettings.trusting(ca)
          .withClientCertificate(certificates.pkcs12("device", "changeit"), PASSWORD);
      assertThat(device.toString()).doesNotContain("changeit");
      try (DeviceSession session = new DeviceSession(
          SessionSettings.of("tcp://127.0.0.1:" + port, "BR01", "gate-tls-1").withTls(uri, device), Clock.systemUTC())) {
        session.connect();
        await().atMost(Duration.ofSeconds(15)).until(session::isConnected);
        // It reached the broker over TLS and was answered: 0x10, as nobody subscribed (an outbox would keep it).
        assertThatThrownBy(() -> session.publishAndConfirm(Channel.RETURN, EventCodec.encode(new ReturnEvent(
            new EventHeader("1.0", UUID.randomUUID(), "gate-tls-1", 1, Instant.now()), "X1", Instant.now(), false)),
            Duration.ofSeconds(10))).hasMessageContaining("reason code 0x10");
      }

      TlsSettings stranger = TlsSettings.trusting(ca)
          .withClientCertificate(certificates.pkcs12("stranger", "changeit"), PASSWORD);
      try (DeviceSession session = new DeviceSession(
          SessionSettings.of("tcp://127.0.0.1:" + port, "BR01", "gate-tls-2").withTls(uri, stranger), Clock.systemUTC())) {
        session.connect();
        await().atMost(Duration.ofSeconds(15)).until(() -> !session.lastError().isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !session.isConnected());
      }
    }
  }

  @Test
  void aMissingKeyStoreIsNamedAndAPlainUriRefused() {
    TlsSettings missing = TlsSettings.jdkTrust().withClientCertificate(dir.resolve("nope.p12"), PASSWORD);
    assertThatThrownBy(missing::socketFactory).isInstanceOf(IOException.class).hasMessageContaining("nope.p12");
    assertThatThrownBy(() -> SessionSettings.of("tcp://127.0.0.1:1", "BR01", "gate-1").withTls("tcp://127.0.0.1:1",
        missing)).hasMessageContaining("ssl://");
  }
}
