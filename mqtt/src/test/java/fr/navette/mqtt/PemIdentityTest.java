package fr.navette.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.navette.mqtt.testkit.PrivateMosquitto;
import fr.navette.mqtt.testkit.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client identity as the PEM files an enrolled device holds (PKCS#8 key, certificate), against a private
 * Mosquitto that requires a client certificate: the files are read with the JDK alone, and read again at each
 * connection attempt — after {@link MqttSession#reconnect} the session presents what the files hold then.
 */
class PemIdentityTest {
  @TempDir Path dir;

  @Test
  void aPemIdentityGetsInAndIsReadAgainAtReconnect() throws Exception {
    TestCertificates certificates = new TestCertificates(dir);
    Path ca = certificates.ca("ca");
    certificates.localServer("server", "ca");
    certificates.signedEc("device", "ca", "/CN=gate-pem-1", "extendedKeyUsage=clientAuth");
    certificates.signed("device-rsa", "ca", "/CN=gate-pem-2", "extendedKeyUsage=clientAuth");
    certificates.ca("stranger-ca");
    certificates.signedEc("stranger", "stranger-ca", "/CN=gate-pem-1", "extendedKeyUsage=clientAuth");
    assertThat(Files.readString(dir.resolve("device.key"))).contains("BEGIN PRIVATE KEY");
    // the device's folder, as navette enrol writes it
    Path identity = Files.createDirectory(dir.resolve("identity"));
    Files.copy(dir.resolve("device.key"), identity.resolve("device.key"));
    Files.copy(dir.resolve("device.crt"), identity.resolve("device.crt"));

    try (PrivateMosquitto broker = PrivateMosquitto.start(dir, """
        cafile %s/ca.crt
        certfile %s/server.crt
        keyfile %s/server.key
        require_certificate true
        use_identity_as_username true
        allow_anonymous false
        """)) {
      String uri = "ssl://127.0.0.1:" + broker.port();
      TlsSettings tls = TlsSettings.trusting(ca).withClientPem(identity.resolve("device.key"),
          identity.resolve("device.crt"));
      List<String> heard = new ArrayList<>();
      try (MqttSession session = MqttSession.paho(MqttSettings.of(uri, "gate-pem-1").withTls(uri, tls)
          .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(1)))) {
        session.listen(new SessionListener() {
          @Override
          public void connected() {
            heard.add("connected");
          }

          @Override
          public void lost(String reason) {
            heard.add("lost");
          }
        });
        session.start();
        await().atMost(Duration.ofSeconds(15)).until(session::isConnected);
        assertThat(session.publishAndWait(OutboundMessage.of("navette/v1/BR01/gate-pem-1/count", "1".getBytes(UTF_8),
            1), Duration.ofSeconds(10))).isInstanceOf(PublishResult.Accepted.class);

        // Another CA's certificate now in the files: the next connection presents it and is refused, which only
        // happens if the files are read again.
        replace(identity, "stranger");
        session.reconnect("certificate renewed");
        await().atMost(Duration.ofSeconds(15)).until(() -> !session.lastError().isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !session.isConnected());

        replace(identity, "device-rsa"); // an RSA key is read as well
        await().atMost(Duration.ofSeconds(15)).until(session::isConnected);
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() >= 3);
        assertThat(heard).startsWith("connected", "lost", "connected");
      }
    }
  }

  @Test
  void aKeyThatIsNotTheCertificatesOrNotPkcs8IsNamed() throws Exception {
    TestCertificates certificates = new TestCertificates(dir);
    certificates.ca("ca");
    certificates.signedEc("one", "ca", "/CN=one", "extendedKeyUsage=clientAuth");
    certificates.signedEc("two", "ca", "/CN=two", "extendedKeyUsage=clientAuth");
    TlsSettings mixed = TlsSettings.trusting(dir.resolve("ca.crt")).withClientPem(dir.resolve("one.key"),
        dir.resolve("two.crt"));
    assertThatThrownBy(mixed::socketFactory).isInstanceOf(IOException.class)
        .hasMessageContaining("one.key is not the key of").hasMessageContaining("two.crt");
    Files.writeString(dir.resolve("old.key"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    TlsSettings old = TlsSettings.trusting(dir.resolve("ca.crt")).withClientPem(dir.resolve("old.key"),
        dir.resolve("one.crt"));
    assertThatThrownBy(old::socketFactory).isInstanceOf(IOException.class).hasMessageContaining("PKCS#8")
        .hasMessageContaining("old.key");
    assertThat(mixed.toString()).contains("two.crt");
  }

  private void replace(Path identity, String name) throws IOException {
    // key first, then certificate, as a renewal renames them
    Files.copy(dir.resolve(name + ".key"), identity.resolve("device.key"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(dir.resolve(name + ".crt"), identity.resolve("device.crt"), StandardCopyOption.REPLACE_EXISTING);
  }
}
