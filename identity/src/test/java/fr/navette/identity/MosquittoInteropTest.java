package fr.navette.identity;

import static fr.navette.identity.Commands.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.navette.mqtt.LoopbackPorts;
import fr.navette.sim.devices.SteppedClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An enrolled device's folder works with Mosquitto as with any MQTT broker: a private broker (started here on a
 * free port, never the machine's shared one) requiring certificates from the network CA takes {@code mosquitto_pub
 * --cafile ca.crt --cert device.crt --key device.key}, and refuses a client without one or with another CA's.
 */
class MosquittoInteropTest {
  private static final DeviceIdentity GATE = new DeviceIdentity("gate-02", "BIB-NORD", DeviceKind.GATE);
  private final SteppedClock clock = CertificateClocks.nowToTheSecond();
  @TempDir Path tmp;
  private Process broker;
  private int port;

  @BeforeEach
  void startPrivateBroker() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mosquitto")) && run(null, "mosquitto_pub", "--help").exit() != -1,
        "mosquitto or mosquitto_pub is not installed: Mosquitto interop not checked");
    NetworkCa ca = NetworkCa.openOrCreate(tmp.resolve("hub-ca"), clock);
    KeyAndCertificate hub = ca.issueServer(List.of(), NetworkCa.SERVER_VALIDITY);
    Path conf = tmp.resolve("broker");
    Files.createDirectories(conf);
    Files.writeString(conf.resolve("ca.crt"), Pem.write(ca.certificate()));
    Files.writeString(conf.resolve("hub.crt"), Pem.write(hub.certificate()));
    Files.writeString(conf.resolve("hub.key"), Pem.privateKey(hub.key(), null));
    port = LoopbackPorts.belowEphemeralRange();
    Files.writeString(conf.resolve("mosquitto.conf"), String.join("\n",
        "user root", // the test's files are its own (0600); do not drop to the mosquitto user
        "persistence false",
        "listener " + port + " 127.0.0.1",
        "cafile " + conf.resolve("ca.crt"),
        "certfile " + conf.resolve("hub.crt"),
        "keyfile " + conf.resolve("hub.key"),
        "require_certificate true",
        "use_identity_as_username true",
        "allow_anonymous false", ""));
    broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(conf.resolve("mosquitto.log").toFile()).start();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::listening);
  }

  @AfterEach
  void stopPrivateBroker() throws InterruptedException {
    if (broker != null) {
      broker.destroy();
      broker.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void mosquittoTakesTheEnrolledDevicesFilesAndRefusesOthers() {
    Path device = tmp.resolve("device");
    try (TestHub hub = new TestHub(tmp.resolve("hub-ca"), clock)) {
      new EnrolmentClient(Duration.ofSeconds(10)).enrol(hub.uri(),
          hub.tokens.issue(GATE, EnrolmentTokens.DEFAULT_VALIDITY).enrolment(), device);
    }

    Commands.Result enrolled = publish(device, "--cafile", "ca.crt", "--cert", "device.crt", "--key", "device.key");
    assertThat(enrolled.exit()).as(enrolled.output()).isZero();

    Commands.Result anonymous = publish(device, "--cafile", "ca.crt");
    assertThat(anonymous.exit()).as(anonymous.output()).isNotZero();

    Path stranger = tmp.resolve("stranger");
    try (TestHub otherNetwork = new TestHub(tmp.resolve("other-ca"), clock)) {
      new EnrolmentClient(Duration.ofSeconds(10)).enrol(otherNetwork.uri(),
          otherNetwork.tokens.issue(GATE, EnrolmentTokens.DEFAULT_VALIDITY).enrolment(), stranger);
    }
    Commands.Result foreign = publish(stranger, "--cafile", device.resolve("ca.crt").toString(),
        "--cert", "device.crt", "--key", "device.key");
    assertThat(foreign.exit()).as(foreign.output()).isNotZero();
  }

  private Commands.Result publish(Path dir, String... tls) {
    List<String> command = new java.util.ArrayList<>(List.of("mosquitto_pub", "-h", "127.0.0.1",
        "-p", String.valueOf(port), "-q", "1", "-t", "navette/v1/BIB-NORD/gate-02/events", "-m", "hello"));
    command.addAll(List.of(tls));
    return run(dir, command.toArray(String[]::new));
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
