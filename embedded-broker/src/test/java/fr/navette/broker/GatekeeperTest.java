package fr.navette.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import fr.navette.mqtt.TlsSettings;
import fr.navette.mqtt.testkit.TestCertificates;
import fr.navette.mqtt.testkit.TestMqttClient;
import java.util.function.Function;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker asks the gatekeeper at CONNECT and holds every PUBLISH and SUBSCRIBE to the grant it gave. */
class GatekeeperTest {
  private static final String PASSWORD = "broker-test";
  @TempDir Path dir;
  private TestCertificates certificates;
  private EmbeddedBroker.ServerTls serverTls;
  private final List<Gatekeeper.Refusal> refusals = new CopyOnWriteArrayList<>();
  private final List<String> taken = new CopyOnWriteArrayList<>();

  /** Each client may publish and subscribe under {@code own/<its certificate's CN>/} only. */
  private final Gatekeeper ownSubtree = new Gatekeeper() {
    @Override
    public Decision admit(String clientId, Optional<X509Certificate> certificate) {
      if (certificate.isEmpty()) {
        return new TurnedAway("no certificate");
      }
      String name = certificate.get().getSubjectX500Principal().getName().replace("CN=", "");
      if (name.equals("revoked")) {
        return new TurnedAway("revoked");
      }
      return new Admitted(new Grant() {
        @Override
        public String identity() {
          return name;
        }

        @Override
        public boolean mayPublish(String topic) {
          return topic.startsWith("own/" + name + "/");
        }

        @Override
        public boolean maySubscribe(String filter) {
          return filter.startsWith("own/" + name + "/");
        }
      });
    }

    @Override
    public void refused(Refusal refusal) {
      refusals.add(refusal);
    }
  };

  @BeforeEach
  void certificates() throws Exception {
    certificates = new TestCertificates(dir);
    certificates.ca("ca");
    certificates.localServer("server", "ca");
    for (String client : List.of("alice", "bob", "revoked")) {
      certificates.signed(client, "ca", "/CN=" + client, "extendedKeyUsage=clientAuth");
      certificates.pkcs12(client, PASSWORD);
    }
    serverTls = new EmbeddedBroker.ServerTls(certificates.pkcs12("server", PASSWORD), PASSWORD.toCharArray(),
        trustStore(dir.resolve("ca.crt")));
  }

  @Test
  void aPublishOutsideTheGrantGets0x87AndIsNeitherTakenNorDelivered() throws Exception {
    try (EmbeddedBroker broker = secured();
         TestMqttClient alice = client(broker, "alice");
         TestMqttClient bob = client(broker, "bob")) {
      alice.subscribe("own/alice/return");
      PublishResult forged = bob.publish("own/alice/return", bytes("forged by bob"));
      assertThat(forged).isInstanceOfSatisfying(PublishResult.Refused.class,
          refused -> assertThat(refused.reasonCode()).isEqualTo(0x87));
      // Refused before the taker, not by HiveMQ's authorizer (which would also close the connection): bob goes on.
      assertThat(bob.publish("own/bob/state", bytes("bob's own"))).isInstanceOf(PublishResult.Accepted.class);
      await().until(() -> taken.contains("own/bob/state"));
      assertThat(taken).doesNotContain("own/alice/return");
      assertThat(alice.received()).isEmpty();
      assertThat(refusals).extracting(Gatekeeper.Refusal::action, Gatekeeper.Refusal::identity,
          Gatekeeper.Refusal::topic).containsExactly(
              org.assertj.core.groups.Tuple.tuple(Gatekeeper.Action.PUBLISH, "bob", "own/alice/return"));
    }
  }

  @Test
  void aSubscriptionOutsideTheGrantGets0x87() throws Exception {
    try (EmbeddedBroker broker = secured();
         TestMqttClient bob = client(broker, "bob")) {
      assertThatThrownBy(() -> bob.subscribe("own/#")).hasMessageContaining("0x87");
      assertThat(refusals).extracting(Gatekeeper.Refusal::action).containsExactly(Gatekeeper.Action.SUBSCRIBE);
    }
  }

  @Test
  void noCertificateNoConnectionAndTheGatekeeperMayTurnACertificateAway() throws Exception {
    try (EmbeddedBroker broker = secured()) {
      MqttSettings noCertificate = MqttSettings.of(broker.tlsUri(), "anonymous")
          .withTls(broker.tlsUri(), TlsSettings.trusting(dir.resolve("ca.crt"))).withConnectTimeout(Duration.ofSeconds(5));
      assertThatThrownBy(() -> TestMqttClient.connect(noCertificate)).isInstanceOf(RuntimeException.class);
      assertThatThrownBy(() -> client(broker, "revoked")).isInstanceOf(RuntimeException.class);
      await().until(() -> refusals.stream().anyMatch(r -> r.action() == Gatekeeper.Action.CONNECT
          && r.reason().equals("revoked")));
    }
  }

  @Test
  void cuttingAnIdentityOffClosesItsConnectionAtOnce() throws Exception {
    try (EmbeddedBroker broker = secured();
         TestMqttClient alice = client(broker, "alice");
         TestMqttClient bob = client(broker, "bob")) {
      assertThat(broker.cutOff("bob")).isEqualTo(1);
      await().atMost(Duration.ofSeconds(1)).until(() -> !bob.isConnected());
      assertThat(alice.isConnected()).isTrue();
    }
  }

  private EmbeddedBroker secured() {
    EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"),
        new EmbeddedBroker.Listeners("127.0.0.1", 0, EmbeddedBroker.Listeners.NONE), serverTls, ownSubtree, Set.of());
    broker.takePublishes(new EmbeddedBroker.PublishTaker() {
      @Override
      public boolean wants(String topic) {
        return true;
      }

      @Override
      public void take(String topic, byte[] payload, Function<String, Optional<String>> userProperty,
                       EmbeddedBroker.Settlement settlement) {
        taken.add(topic);
        settlement.kept();
      }
    });
    return broker;
  }

  private TestMqttClient client(EmbeddedBroker broker, String name) {
    return TestMqttClient.connect(MqttSettings.of(broker.tlsUri(), name)
        .withTls(broker.tlsUri(), TlsSettings.trusting(dir.resolve("ca.crt")).withClientCertificate(dir.resolve(name + ".p12"),
            PASSWORD.toCharArray()))
        .withConnectTimeout(Duration.ofSeconds(5)));
  }

  private static Path trustStore(Path caPem) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    Path file = caPem.resolveSibling("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
