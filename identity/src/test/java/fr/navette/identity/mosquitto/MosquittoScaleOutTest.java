package fr.navette.identity.mosquitto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.DeviceKind;
import fr.navette.identity.KeyAndCertificate;
import fr.navette.identity.Keys;
import fr.navette.identity.NetworkCa;
import fr.navette.identity.Revocation;
import fr.navette.mqtt.InboundMessage;
import fr.navette.mqtt.MqttSession;
import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import fr.navette.mqtt.SessionListener;
import fr.navette.mqtt.TlsSettings;
import fr.navette.mqtt.testkit.PrivateMosquitto;
import fr.navette.mqtt.testkit.TestMqttClient;
import fr.navette.sim.devices.SteppedClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Navette on a real Mosquitto 2.0 (a private one, on a free port) configured by {@link MosquittoFiles}, with
 * certificates of a real {@link NetworkCa}: the same permissions as the embedded broker, and revocation. The
 * measured facts are written down in identity/README.md ("Mosquitto, the scale-out path").
 */
class MosquittoScaleOutTest {
  private static final char[] STORE_PASSWORD = "test-store".toCharArray();
  private static final int NOT_AUTHORIZED = 0x87;
  private static final DeviceIdentity GATE = new DeviceIdentity("gate-02", "BIB-NORD", DeviceKind.GATE);
  private static final DeviceIdentity OTHER = new DeviceIdentity("gate-07", "BIB-SUD", DeviceKind.GATE);
  private static final DeviceIdentity MONITOR = new DeviceIdentity("mon-01", "BIB-NORD", DeviceKind.MONITOR);
  private static final String GATE_ALARM = "navette/v1/BIB-NORD/gate-02/alarm";
  private static final String GATE_CONFIG = "navette/v1/BIB-NORD/gate-02/config";

  @TempDir Path tmp;
  /**
   * Two minutes back, so that the CRL signed after the clock is moved on is still not "not yet valid" for OpenSSL,
   * and is newer, to the second, than the one it replaces.
   */
  private final SteppedClock clock = new SteppedClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)
      .minus(Duration.ofMinutes(2)));
  private NetworkCa ca;
  private KeyAndCertificate hub;
  private final Map<DeviceIdentity, X509Certificate> issued = new HashMap<>();
  private Path out;
  private PrivateMosquitto broker;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeEach
  void network() throws Exception {
    ca = NetworkCa.openOrCreate(tmp.resolve("ca"), clock);
    hub = ca.issueServer(List.of(), NetworkCa.SERVER_VALIDITY);
    store("hub", hub.key(), hub.certificate());
    for (DeviceIdentity identity : List.of(GATE, OTHER, MONITOR)) {
      KeyPair keys = Keys.generate();
      X509Certificate certificate = ca.issueDevice(keys.getPublic(), identity, NetworkCa.DEVICE_VALIDITY);
      issued.put(identity, certificate);
      store(identity.id(), keys.getPrivate(), certificate);
    }
    out = tmp.resolve("mosquitto");
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void devicesMonitorsAndTheHubHaveTheEmbeddedBrokersPermissions() throws Exception {
    startBroker(List.of(GATE, OTHER, MONITOR), List.of());
    TestMqttClient hubClient = client("hub", "navette-hub").subscribe("navette/#");
    TestMqttClient gate = client(GATE.id(), GATE.id());
    TestMqttClient monitor = client(MONITOR.id(), MONITOR.id());

    // A device: its own device-to-hub channels, nothing else.
    assertThat(gate.publish(GATE_ALARM, bytes("own")).accepted()).isTrue();
    assertThat(gate.publishRetained("navette/v1/BIB-NORD/gate-02/state", bytes("online")).accepted()).isTrue();
    assertRefused(gate.publish("navette/v1/BIB-SUD/gate-07/alarm", bytes("forged")));
    assertRefused(gate.publish(GATE_CONFIG, bytes("its own config: the hub's to send")));
    assertRefused(gate.publish("navette/v1/BIB-NORD/gate-02/response", bytes("its own response")));
    gate.publishAccepted(OutboundMessage.of(GATE_ALARM, bytes("marker"), 1));
    // One sender, one subscriber: the broker delivers in order, so the marker's arrival closes the window.
    hubClient.awaitMessage(m -> new String(m.payload(), UTF_8).equals("marker"));
    assertThat(hubClient.received()).extracting(InboundMessage::topic)
        .containsExactly(GATE_ALARM, "navette/v1/BIB-NORD/gate-02/state", GATE_ALARM);

    // Mosquitto 2.0's acl_file does not check SUBSCRIBE at all (security_default.c: "FIXME - implement ACL
    // subscription strings"): the SUBACK grants anything, and the read permission is checked at each delivery,
    // retained messages included. So: granted, and nothing arrives.
    hubClient.publishAccepted(OutboundMessage.retained("navette/v1/BIB-SUD/gate-07/config", bytes("theirs")));
    gate.subscribe("navette/v1/BIB-SUD/gate-07/config").subscribe("navette/#")
        .subscribe("navette/v1/BIB-NORD/+/config");
    hubClient.publishAccepted(OutboundMessage.of("navette/v1/BIB-SUD/gate-07/command", bytes("theirs too"), 1));
    hubClient.publishAccepted(OutboundMessage.retained(GATE_CONFIG, bytes("{\"version\":1}")));
    // Its own config, sent after the others by the same sender: once it is here, the others would be too.
    assertThat(new String(gate.awaitMessageOn(GATE_CONFIG).payload(), UTF_8)).isEqualTo("{\"version\":1}");
    // Not another device's, nor even its own alarm and state (write, not read).
    assertThat(gate.received()).extracting(InboundMessage::topic).containsOnly(GATE_CONFIG);

    // A monitor: every device's events, state and health; never requests or responses; publishes nothing.
    monitor.subscribe("navette/v1/+/+/alarm").subscribe("navette/v1/+/+/state").subscribe("navette/v1/+/+/health");
    monitor.subscribe("navette/v1/+/+/request").subscribe("navette/v1/+/+/response"); // granted, see above
    assertRefused(monitor.publish("navette/v1/BIB-NORD/mon-01/state", bytes("online")));
    assertRefused(monitor.publish("navette/v1/BIB-NORD/gate-02/command", bytes("silence")));
    gate.publishAccepted(OutboundMessage.of("navette/v1/BIB-NORD/gate-02/request", bytes("patron?"), 1));
    gate.publishAccepted(OutboundMessage.of(GATE_ALARM, bytes("after the request"), 1));
    monitor.awaitMessage(m -> new String(m.payload(), UTF_8).equals("after the request"));
    assertThat(monitor.received()).extracting(InboundMessage::topic).doesNotContain(
        "navette/v1/BIB-NORD/gate-02/request").contains("navette/v1/BIB-NORD/gate-02/state");
    // The hub's response to the device reaches the device, not the monitor. The hub had its PUBACK before the
    // device's next alarm left: Mosquitto (one thread) queued any copy of the response for the monitor first.
    hubClient.publishAccepted(OutboundMessage.of("navette/v1/BIB-NORD/gate-02/response", bytes("answer"), 1));
    gate.awaitMessageOn("navette/v1/BIB-NORD/gate-02/response");
    gate.publishAccepted(OutboundMessage.of(GATE_ALARM, bytes("after the response"), 1));
    monitor.awaitMessage(m -> new String(m.payload(), UTF_8).equals("after the response"));
    assertThat(monitor.received()).extracting(InboundMessage::topic)
        .doesNotContain("navette/v1/BIB-NORD/gate-02/response");
    hubClient.awaitMessageOn("navette/v1/BIB-NORD/gate-02/request");
  }

  @Test
  void noClientCertificateNoConnection() throws Exception {
    startBroker(List.of(GATE), List.of());
    MqttSession anonymous = MqttSession.paho(MqttSettings.of("tcp://127.0.0.1:1", "anonymous")
        .withTls(uri(), TlsSettings.trusting(out.resolve("ca.crt")))
        .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(1)));
    clients.add(anonymous);
    anonymous.start();
    await("the broker refuses a client without a certificate").atMost(TestMqttClient.PATIENCE)
        .until(() -> !anonymous.lastError().isEmpty());
    assertThat(anonymous.isConnected()).as(anonymous.lastError()).isFalse();
  }

  @Test
  void aRevokedDeviceIsMutedAtTheReloadAndCannotComeBack() throws Exception {
    startBroker(List.of(GATE, OTHER), List.of()); // an empty CRL first: the reload must replace it, not add to it
    TestMqttClient hubClient = client("hub", "navette-hub").subscribe("navette/#");
    TestMqttClient gate = client(GATE.id(), GATE.id()).subscribe(GATE_CONFIG);
    List<String> lost = new CopyOnWriteArrayList<>();
    gate.session().listen(new SessionListener() {
      @Override
      public void lost(String reason) {
        lost.add(reason);
      }
    });
    assertThat(gate.publish(GATE_ALARM, bytes("before")).accepted()).isTrue();

    clock.advance(Duration.ofMinutes(1));
    Revocation revocation = new Revocation(issued.get(GATE).getSerialNumber(), clock.instant(), GATE.id());
    long start = System.nanoTime();
    MosquittoFiles.write(out, listener(), ca, hub, List.of(OTHER), List.of(revocation));
    long written = System.nanoTime();
    broker.reload();
    long reloaded = System.nanoTime();
    List<PublishResult> tries = new CopyOnWriteArrayList<>();
    await("the revoked device's publish refused").atMost(TestMqttClient.PATIENCE).pollInterval(Duration.ofMillis(1))
        .until(() -> {
          PublishResult result = gate.publish(GATE_ALARM, bytes("after"));
          tries.add(result);
          return !result.accepted();
        });
    long muted = System.nanoTime();
    System.out.printf("revocation: files written in %d ms, SIGHUP to 'Reloading config' logged %d ms, then %d "
        + "publish(es) until refused, %d ms from SIGHUP to the refusal; connection %s; last publish %s%n",
        (written - start) / 1_000_000, (reloaded - written) / 1_000_000, tries.size(), (muted - written) / 1_000_000,
        gate.isConnected() ? "still up" : "closed", tries.getLast().describe());
    assertRefused(tries.getLast());

    // Nor does it receive: the hub's retained config for it reaches the hub's own subscription, not the device.
    hubClient.publishAccepted(OutboundMessage.retained(GATE_CONFIG, bytes("{\"version\":2}")));
    hubClient.awaitMessageOn(GATE_CONFIG);
    await("nothing for the revoked device").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
        .until(() -> gate.receivedOn(GATE_CONFIG).isEmpty());
    System.out.println("revoked device's connection after the reload: " + (gate.isConnected() ? "up" : "closed")
        + ", losses seen: " + lost);

    // It cannot come back: the CRL refuses its certificate at the handshake, and refuses only that one.
    MqttSession again = session(GATE.id(), GATE.id() + "-again");
    again.start();
    await("the revoked certificate refused").atMost(TestMqttClient.PATIENCE)
        .until(() -> !again.lastError().isEmpty());
    assertThat(again.isConnected()).isFalse();
    String log = broker.log();
    assertThat(log.substring(log.indexOf("Reloading config"))).contains("certificate verify failed");
    // Paho says only "RC: 0"; a bare TLS handshake with the same certificate hears the broker's alert (when the
    // broker's close does not cut the client's write short: "Broken pipe", then it tries again).
    List<String> answers = new CopyOnWriteArrayList<>();
    await("the broker's alert: certificate_revoked").atMost(TestMqttClient.PATIENCE)
        .until(() -> answers.add(tlsAlert(GATE.id())) && answers.getLast().contains("certificate_revoked"));
    TestMqttClient other = client(OTHER.id(), OTHER.id());
    assertThat(other.publish("navette/v1/BIB-SUD/gate-07/alarm", bytes("still here")).accepted()).isTrue();
  }

  /** The trap of CRLs: one past its next update refuses every certificate, the hub's too. */
  @Test
  void aCrlPastItsNextUpdateShutsEveryoneOut() throws Exception {
    startBroker(List.of(GATE), List.of());
    client("hub", "navette-hub");
    SteppedClock monthAgo = new SteppedClock(clock.instant().minus(MosquittoFiles.CRL_VALIDITY).minus(
        Duration.ofDays(1)));
    Files.writeString(out.resolve("navette.crl"), fr.navette.identity.Pem.write(
        NetworkCa.openOrCreate(tmp.resolve("ca"), monthAgo).crl(List.of(), MosquittoFiles.CRL_VALIDITY)));
    broker.reload();
    MqttSession hubAgain = session("hub", "navette-hub-2");
    hubAgain.start();
    await("the hub refused").atMost(TestMqttClient.PATIENCE).until(() -> !hubAgain.lastError().isEmpty());
    assertThat(hubAgain.isConnected()).isFalse();
    await("the broker's alert: certificate_expired, OpenSSL's answer to an expired CRL")
        .atMost(TestMqttClient.PATIENCE)
        .until(() -> tlsAlert("hub").contains("certificate_expired"));
  }

  /**
   * eclipse-mosquitto/mosquitto#2999, tested: with certificate identities the dynamic-security plugin's "disabled"
   * is checked only where a password is (never here), so a disabled client is kicked and then simply comes back
   * with all its rights; a deleted one comes back too (the CRL is what keeps a certificate out), without rights.
   */
  @Test
  void dynamicSecurityDisabledClientComesBackAndPublishes() throws Exception {
    Path plugin = Path.of("/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(plugin), "no " + plugin);
    MosquittoFiles.write(out, listener(), ca, hub, List.of(GATE), List.of());
    Path dir = Files.createDirectories(tmp.resolve("broker"));
    Files.writeString(dir.resolve("dynsec.json"), """
        {"defaultACLAccess": {"publishClientSend": false, "publishClientReceive": true, "subscribe": false,
                              "unsubscribe": true},
         "clients": [{"username": "hub", "roles": [{"rolename": "hub"}]},
                     {"username": "gate-02", "roles": [{"rolename": "gate-02"}]}],
         "groups": [],
         "roles": [{"rolename": "hub", "acls": [
                      {"acltype": "publishClientSend", "topic": "navette/#", "allow": true},
                      {"acltype": "subscribePattern", "topic": "navette/#", "allow": true},
                      {"acltype": "publishClientSend", "topic": "$CONTROL/dynamic-security/#", "allow": true},
                      {"acltype": "subscribePattern", "topic": "$CONTROL/dynamic-security/#", "allow": true}]},
                   {"rolename": "gate-02", "acls": [
                      {"acltype": "publishClientSend", "topic": "navette/v1/BIB-NORD/gate-02/alarm", "allow": true}]}]}
        """);
    broker = PrivateMosquitto.startWith(dir, port -> String.join("\n",
        "per_listener_settings false", "allow_anonymous false", "persistence false",
        "plugin " + plugin, "plugin_opt_config_file " + dir.resolve("dynsec.json"),
        "listener " + port + " 127.0.0.1",
        "cafile " + out.resolve("ca.crt"), "certfile " + out.resolve("hub.crt"), "keyfile " + out.resolve("hub.key"),
        "require_certificate true", "use_identity_as_username true", ""));
    TestMqttClient hubClient = client("hub", "navette-hub").subscribe("$CONTROL/dynamic-security/v1/response");
    TestMqttClient gate = client(GATE.id(), GATE.id());
    List<Long> lostAt = new CopyOnWriteArrayList<>();
    gate.session().listen(new SessionListener() {
      @Override
      public void lost(String reason) {
        lostAt.add(System.nanoTime());
      }
    });
    assertThat(gate.publish(GATE_ALARM, bytes("enabled")).accepted()).isTrue();
    assertSubscribeRefused(gate, "navette/#"); // the plugin, unlike acl_file, checks subscriptions

    long disabling = System.nanoTime();
    hubClient.publishAccepted(OutboundMessage.of("$CONTROL/dynamic-security/v1",
        bytes("{\"commands\":[{\"command\":\"disableClient\",\"username\":\"gate-02\"}]}"), 1));
    await("the disabled client kicked").atMost(TestMqttClient.PATIENCE).pollInterval(Duration.ofMillis(5))
        .until(() -> !lostAt.isEmpty());
    System.out.printf("dynsec disableClient: connection closed %d ms after the command%n",
        (lostAt.getFirst() - disabling) / 1_000_000);
    await("the disabled client back").atMost(TestMqttClient.PATIENCE).until(gate::isConnected);
    PublishResult disabled = gate.publish(GATE_ALARM, bytes("disabled"));
    System.out.println("dynsec: disabled client reconnected with its certificate, its publish " + disabled.describe());
    assertThat(disabled.accepted()).as("#2999: a disabled client with a certificate identity still publishes")
        .isTrue();

    hubClient.publishAccepted(OutboundMessage.of("$CONTROL/dynamic-security/v1",
        bytes("{\"commands\":[{\"command\":\"deleteClient\",\"username\":\"gate-02\"}]}"), 1));
    await("the deleted client kicked").atMost(TestMqttClient.PATIENCE).until(() -> lostAt.size() >= 2);
    await("the deleted client back").atMost(TestMqttClient.PATIENCE).until(gate::isConnected);
    PublishResult deleted = gate.publish(GATE_ALARM, bytes("deleted"));
    System.out.println("dynsec: deleted client reconnected with its certificate, its publish " + deleted.describe());
    assertRefused(deleted);
  }

  private void startBroker(List<DeviceIdentity> allowed, List<Revocation> revocations) throws Exception {
    Path conf = MosquittoFiles.write(out, listener(), ca, hub, allowed, revocations);
    broker = PrivateMosquitto.startWith(Files.createDirectories(tmp.resolve("broker")), port -> {
      try {
        // The generated file with the test's port: the configuration under test, not a copy of it.
        return Files.readString(conf).replace("listener 8883 127.0.0.1", "listener " + port + " 127.0.0.1")
            + "persistence false\n";
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static MosquittoConfig.Listener listener() {
    return new MosquittoConfig.Listener("127.0.0.1", 8883);
  }

  private String uri() {
    return "ssl://127.0.0.1:" + broker.port();
  }

  private MqttSettings settings(String identity, String clientId) {
    return MqttSettings.of("tcp://127.0.0.1:1", clientId).withReconnect(Duration.ofMillis(200), Duration.ofSeconds(1))
        .withTls(uri(), TlsSettings.trusting(out.resolve("ca.crt"))
            .withClientCertificate(tmp.resolve(identity + ".p12"), STORE_PASSWORD));
  }

  private TestMqttClient client(String identity, String clientId) {
    TestMqttClient client = TestMqttClient.connect(settings(identity, clientId));
    clients.add(client);
    return client;
  }

  private MqttSession session(String identity, String clientId) {
    MqttSession session = MqttSession.paho(settings(identity, clientId));
    clients.add(session);
    return session;
  }

  private void store(String name, java.security.PrivateKey key, X509Certificate certificate) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(name, key, STORE_PASSWORD, new Certificate[] {certificate, ca.certificate()});
    try (OutputStream file = Files.newOutputStream(tmp.resolve(name + ".p12"))) {
      store.store(file, STORE_PASSWORD);
    }
  }

  /** What the broker answers this identity's TLS handshake with (an alert's text), read after the handshake. */
  private String tlsAlert(String identity) throws Exception {
    TlsSettings tls = TlsSettings.trusting(out.resolve("ca.crt"))
        .withClientCertificate(tmp.resolve(identity + ".p12"), STORE_PASSWORD);
    try (SSLSocket socket = (SSLSocket) tls.socketFactory().createSocket("127.0.0.1", broker.port())) {
      socket.setSoTimeout((int) TestMqttClient.PATIENCE.toMillis());
      socket.startHandshake(); // TLS 1.3: the server checks the client's certificate after this returns
      return "no alert, read " + socket.getInputStream().read();
    } catch (IOException e) { // SSLException with the alert, or SocketException when cut short
      return e.toString();
    }
  }

  private static void assertRefused(PublishResult result) {
    assertThat(result).as(result.describe()).isInstanceOfSatisfying(PublishResult.Refused.class,
        refused -> assertThat(refused.reasonCode()).isEqualTo(NOT_AUTHORIZED));
  }

  private static void assertSubscribeRefused(TestMqttClient client, String filter) {
    assertThatThrownBy(() -> client.subscribe(filter)).as("subscribing to " + filter)
        .hasMessageContaining("reason code 0x87");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
