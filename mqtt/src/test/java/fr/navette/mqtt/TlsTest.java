package fr.navette.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.mqtt.testkit.PrivateMosquitto;
import fr.navette.mqtt.testkit.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-only TLS against a Mosquitto of the test's own: a session trusting the network's CA (a PEM file) gets in;
 * one trusting another CA never does, and says why.
 */
class TlsTest {
  @TempDir Path dir;

  @Test
  void aSessionTrustingTheBrokersCaConnectsAndOneTrustingAnotherNever() throws Exception {
    TestCertificates certificates = new TestCertificates(dir);
    Path ca = certificates.ca("ca");
    certificates.localServer("server", "ca");
    Path otherCa = certificates.ca("other-ca");
    try (PrivateMosquitto broker = PrivateMosquitto.start(dir, """
        cafile %s/ca.crt
        certfile %s/server.crt
        keyfile %s/server.key
        """)) {
      String uri = "ssl://127.0.0.1:" + broker.port();
      try (MqttSession trusting = MqttSession.paho(MqttSettings.of(uri, "gate-tls").withTls(uri,
          TlsSettings.trusting(ca)))) {
        trusting.start();
        await().atMost(Duration.ofSeconds(15)).until(trusting::isConnected);
        assertThat(trusting.publishAndWait(OutboundMessage.of("navette/v1/BR01/gate-tls/count", "1".getBytes(UTF_8),
            1), Duration.ofSeconds(10))).isInstanceOf(PublishResult.Accepted.class);
      }
      try (MqttSession stranger = MqttSession.paho(MqttSettings.of(uri, "gate-stranger").withTls(uri,
          TlsSettings.trusting(otherCa)))) {
        stranger.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> !stranger.lastError().isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !stranger.isConnected());
      }
      try (MqttSession missing = MqttSession.paho(MqttSettings.of(uri, "gate-missing").withTls(uri,
          TlsSettings.trusting(dir.resolve("nope.crt"))))) {
        missing.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> missing.lastError().contains("nope.crt"));
      }
    }
  }

  @Test
  void passwordsAreNeverShown() {
    TlsSettings settings = TlsSettings.jdkTrust().withClientCertificate(dir.resolve("device.p12"),
        "changeit".toCharArray());
    assertThat(settings.toString()).contains("device.p12").doesNotContain("changeit");
    assertThat(settings.clientCertificate().orElseThrow().toString()).doesNotContain("changeit");
  }
}
