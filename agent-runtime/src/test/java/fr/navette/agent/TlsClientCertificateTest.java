package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.navette.mqtt.TlsSettings;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.ReturnEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
    Path mosquitto = Path.of("/usr/sbin/mosquitto");
    assumeTrue(Files.isExecutable(mosquitto), "no /usr/sbin/mosquitto: install mosquitto to run this test");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "no /usr/bin/openssl to make test certificates");
    ca("ca");
    signed("server", "ca", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1");
    signed("device", "ca", "/CN=gate-tls-1", "extendedKeyUsage=clientAuth");
    ca("stranger-ca");
    signed("stranger", "stranger-ca", "/CN=gate-tls-2", "extendedKeyUsage=clientAuth");
    Path ca = dir.resolve("ca.crt"); // the network's CA, as Mosquitto's cafile takes it

    int port = freePort();
    Files.writeString(dir.resolve("mosquitto.conf"), """
        listener %d 127.0.0.1
        cafile %s/ca.crt
        certfile %s/server.crt
        keyfile %s/server.key
        require_certificate true
        use_identity_as_username true
        allow_anonymous false
        user %s
        """.formatted(port, dir, dir, dir, System.getProperty("user.name")));
    Process broker = new ProcessBuilder(mosquitto.toString(), "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> Brokers.listening("127.0.0.1", port));
      String uri = "ssl://127.0.0.1:" + port;

      TlsSettings device = TlsSettings.trusting(ca).withClientCertificate(pkcs12("device"), PASSWORD);
      assertThat(device.toString()).doesNotContain("changeit");
      try (DeviceSession session = new DeviceSession(
          SessionSettings.of("tcp://127.0.0.1:" + port, "BR01", "gate-tls-1").withTls(uri, device), Clock.systemUTC())) {
        session.connect();
        await().atMost(Duration.ofSeconds(15)).until(session::isConnected);
        session.publishAndConfirm(Channel.RETURN, EventCodec.encode(new ReturnEvent(
            new EventHeader("1.0", UUID.randomUUID(), "gate-tls-1", 1, Instant.now()), "X1", Instant.now(), false)),
            Duration.ofSeconds(10));
      }

      TlsSettings stranger = TlsSettings.trusting(ca).withClientCertificate(pkcs12("stranger"), PASSWORD);
      try (DeviceSession session = new DeviceSession(
          SessionSettings.of("tcp://127.0.0.1:" + port, "BR01", "gate-tls-2").withTls(uri, stranger), Clock.systemUTC())) {
        session.connect();
        await().atMost(Duration.ofSeconds(15)).until(() -> !session.lastError().isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !session.isConnected());
      }
    } finally {
      broker.destroy();
      broker.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMissingKeyStoreIsNamedAndAPlainUriRefused() {
    TlsSettings missing = TlsSettings.jdkTrust().withClientCertificate(dir.resolve("nope.p12"), PASSWORD);
    assertThatThrownBy(missing::socketFactory).isInstanceOf(IOException.class).hasMessageContaining("nope.p12");
    assertThatThrownBy(() -> SessionSettings.of("tcp://127.0.0.1:1", "BR01", "gate-1").withTls("tcp://127.0.0.1:1",
        missing)).hasMessageContaining("ssl://");
  }

  private void ca(String name) throws Exception {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
        "-keyout", name + ".key", "-out", name + ".crt");
  }

  private void signed(String name, String ca, String subject, String extension) throws Exception {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + ".key", "-out", name + ".csr");
    Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
    openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
        "-days", "2", "-extfile", name + ".ext", "-out", name + ".crt");
  }

  private Path pkcs12(String name) throws Exception {
    openssl("pkcs12", "-export", "-in", name + ".crt", "-inkey", name + ".key", "-passout", "pass:changeit",
        "-out", name + ".p12");
    return dir.resolve(name + ".p12");
  }

  private void openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
    }
  }

  private static int freePort() throws IOException {
    return TestPorts.freePortOutsideEphemeralRange();
  }
}
