package fr.navette.hub.identities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.navette.hub.HubFixture;
import fr.navette.identity.DeviceFiles;
import fr.navette.identity.EnrolmentClient;
import fr.navette.identity.EnrolmentString;
import fr.navette.identity.KeyAndCertificate;
import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import fr.navette.mqtt.TlsSettings;
import fr.navette.mqtt.testkit.TestMqttClient;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's embedded broker as an intruder on the library's network finds it (issue: device identities): no
 * certificate, no connection; a device publishes only under its own subtree and reads only its own config, commands
 * and responses; a monitor reads events and never requests; a revoked device is cut off within a second and stays
 * out. Each device here enrolled through the real path (admin API, enrolment string, HTTPS, CSR).
 */
class BrokerSecurityTest {
  private static final char[] PASSWORD = "device-store".toCharArray();
  private static final EnrolmentClient ENROL = new EnrolmentClient(Duration.ofSeconds(10));

  @TempDir static Path dir;
  private static HubFixture hub;

  @BeforeAll
  static void start() throws Exception {
    hub = HubFixture.securedOnSmallSigb(dir, c -> c, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    hub.close();
  }

  @Test
  void theBrokerHasNoPlainListenerAndRefusesAClientWithoutCertificate() {
    assertThat(hub.hub.mqttUri()).startsWith("ssl://");
    assertThat(hub.hub.mqttsUri()).startsWith("mqtts://127.0.0.1:");
    MqttSettings anonymous = MqttSettings.of(hub.hub.mqttUri(), "intruder")
        .withTls(hub.hub.mqttUri(), TlsSettings.trusting(caFile())).withConnectTimeout(Duration.ofSeconds(5));
    assertThatThrownBy(() -> TestMqttClient.connect(anonymous)).isInstanceOf(Throwable.class);
    String plain = hub.hub.mqttUri().replace("ssl://", "tcp://");
    assertThatThrownBy(() -> TestMqttClient.connect(MqttSettings.of(plain, "intruder")
        .withConnectTimeout(Duration.ofSeconds(5)))).isInstanceOf(Throwable.class);
  }

  @Test
  void aDevicePublishingUnderAnotherDevicesTopicGets0x87AndNothingIsStored() throws Exception {
    Path boxA = enrolled("box-sec-a", "BR01", "return-box");
    enrolled("box-sec-b", "BR02", "return-box");
    long before = hub.hub.brokerRefusals().counts().get("publish");
    try (TestMqttClient a = device(boxA, "box-sec-a")) {
      byte[] forged = hub.returnPayload("box-sec-b", "TEST-FORGED-1");
      PublishResult result = a.publish(OutboundMessage.of("navette/v1/BR02/box-sec-b/return", forged, 1));
      assertThat(result).isInstanceOfSatisfying(PublishResult.Refused.class,
          refused -> assertThat(refused.reasonCode()).isEqualTo(0x87));
      // Its own subtree, but a channel a return box never publishes on.
      assertThat(a.publish(OutboundMessage.of("navette/v1/BR01/box-sec-a/alarm", forged, 1)))
          .isInstanceOf(PublishResult.Refused.class);
      // Its own return is stored as usual: the refusal above was the forgery's, not the connection's.
      byte[] own = hub.returnPayload("box-sec-a", "TEST-OWN-1");
      assertThat(a.publish(OutboundMessage.of("navette/v1/BR01/box-sec-a/return", own, 1)))
          .isInstanceOf(PublishResult.Accepted.class);
    }
    assertThat(hub.hub.events().recent(100)).noneMatch(e -> e.deviceId().equals("box-sec-b"))
        .anyMatch(e -> e.deviceId().equals("box-sec-a"));
    assertThat(hub.hub.brokerRefusals().counts().get("publish")).isEqualTo(before + 2);
    assertThat(hub.hub.brokerRefusals().latest()).anyMatch(r -> r.identity().equals("box-sec-a")
        && r.topic().equals("navette/v1/BR02/box-sec-b/return"));
  }

  @Test
  void aDeviceSubscribesToItsOwnConfigCommandsAndResponsesOnly() throws Exception {
    Path kiosk = enrolled("kiosk-sec-1", "BR03", "self-check");
    try (TestMqttClient k = device(kiosk, "kiosk-sec-1")) {
      k.subscribe("navette/v1/BR03/kiosk-sec-1/response");
      k.subscribe("navette/v1/BR03/kiosk-sec-1/config");
      for (String filter : new String[] {"navette/v1/+/+/request", "navette/v1/BR03/kiosk-other/response",
          "navette/v1/BR03/kiosk-sec-1/#", "#", "$share/g/navette/v1/BR03/kiosk-sec-1/response"}) {
        assertThatThrownBy(() -> k.subscribe(filter)).as(filter).hasMessageContaining("0x87");
      }
    }
  }

  @Test
  void aMonitorSeesEventsAndNeverARequestAndPublishesNothing() throws Exception {
    Path monitorFolder = enrolled("monitor-sec", "BR01", "monitor");
    Path kioskFolder = enrolled("kiosk-sec-2", "BR01", "self-check");
    Path gateFolder = enrolled("gate-sec-1", "BR01", "gate");
    try (TestMqttClient monitor = device(monitorFolder, "monitor-sec");
         TestMqttClient kiosk = device(kioskFolder, "kiosk-sec-2");
         TestMqttClient gate = device(gateFolder, "gate-sec-1")) {
      monitor.subscribe("navette/v1/+/+/state");
      assertThatThrownBy(() -> monitor.subscribe("navette/v1/+/+/request")).hasMessageContaining("0x87");
      assertThatThrownBy(() -> monitor.subscribe("navette/v1/+/+/+")).hasMessageContaining("0x87");
      assertThatThrownBy(() -> monitor.subscribe("navette/#")).hasMessageContaining("0x87");
      kiosk.publish(OutboundMessage.of("navette/v1/BR01/kiosk-sec-2/request", bytes("{\"pin\":\"1234\"}"), 1));
      gate.publish(OutboundMessage.of("navette/v1/BR01/gate-sec-1/state", bytes("{\"online\":true}"), 1));
      monitor.awaitMessageOn("navette/v1/BR01/gate-sec-1/state");
      assertThat(monitor.received()).noneMatch(m -> m.topic().endsWith("/request"));
      assertThat(monitor.publish(OutboundMessage.of("navette/v1/BR01/gate-sec-1/command", bytes("{}"), 1)))
          .isInstanceOf(PublishResult.Refused.class);
    }
  }

  @Test
  void revocationCutsAConnectedDeviceWithinASecondAndKeepsItOut() throws Exception {
    Path gateFolder = enrolled("gate-sec-9", "BR02", "gate");
    try (TestMqttClient gate = device(gateFolder, "gate-sec-9")) {
      assertThat(gate.isConnected()).isTrue();
      Instant asked = Instant.now();
      hub.hub.identities().revoke("gate-sec-9", "admin");
      await().atMost(Duration.ofSeconds(1)).until(() -> !gate.isConnected());
      assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }
    assertThatThrownBy(() -> device(gateFolder, "gate-sec-9")).isInstanceOf(Throwable.class);
    assertThat(hub.hub.brokerRefusals().latest()).anyMatch(r -> r.action().equals("connect")
        && r.reason().contains("revoked"));
    assertThat(hub.hub.crlPem()).startsWith("-----BEGIN X509 CRL-----");
  }

  @Test
  void aDeviceMayNotConnectUnderAnotherClientId() throws Exception {
    Path gateFolder = enrolled("gate-sec-5", "BR02", "gate");
    assertThatThrownBy(() -> device(gateFolder, "gate-sec-6")).isInstanceOf(Throwable.class);
  }

  /** A device added by the administrator and enrolled over HTTPS, its key and certificate in a PKCS#12 store. */
  private static Path enrolled(String id, String site, String kind) throws Exception {
    Identities.Enrolment added = hub.hub.identities().add(id, site, kind, "admin");
    Path folder = dir.resolve(id);
    ENROL.enrol(URI.create("https://127.0.0.1:" + hub.hub.httpsPort()), EnrolmentString.parse(added.enrolment()),
        folder);
    KeyAndCertificate identity = DeviceFiles.load(folder).keyAndCertificate();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("device", identity.key(), PASSWORD, new Certificate[] {identity.certificate()});
    try (OutputStream out = Files.newOutputStream(folder.resolve("device.p12"))) {
      store.store(out, PASSWORD);
    }
    return folder;
  }

  private static TestMqttClient device(Path folder, String clientId) {
    return TestMqttClient.connect(MqttSettings.of(hub.hub.mqttUri(), clientId)
        .withTls(hub.hub.mqttUri(), TlsSettings.trusting(folder.resolve("ca.crt"))
            .withClientCertificate(folder.resolve("device.p12"), PASSWORD))
        .withConnectTimeout(Duration.ofSeconds(5)));
  }

  private static Path caFile() {
    return dir.resolve("hub").resolve("ca").resolve("ca.crt");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
