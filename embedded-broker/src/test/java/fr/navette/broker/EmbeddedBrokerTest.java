package fr.navette.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {
  @TempDir Path dir;

  @Test
  void queuesQos1MessagesForAnOfflinePersistentSessionAcrossABrokerRestart() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    int port;
    try (EmbeddedBroker broker = EmbeddedBroker.start(dir, "127.0.0.1", 0)) {
      port = broker.port();
      MqttClient subscriber = client(broker.uri(), "hub-1");
      subscriber.connect(persistentSession());
      subscriber.subscribe(new MqttSubscription[] {new MqttSubscription("navette/v1/+/+/return", 1)},
          new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> received.add(new String(m.getPayload(), StandardCharsets.UTF_8))});
      subscriber.disconnect();
      subscriber.close();

      MqttClient device = client(broker.uri(), "box-1");
      device.connect();
      device.publish("navette/v1/BR01/box-1/return", "while the hub was away".getBytes(StandardCharsets.UTF_8), 1, false);
      device.disconnect();
      device.close();
    }
    try (EmbeddedBroker restarted = EmbeddedBroker.start(dir, "127.0.0.1", port)) {
      MqttClient subscriber = client(restarted.uri(), "hub-1");
      subscriber.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {}
        public void messageArrived(String t, org.eclipse.paho.mqttv5.common.MqttMessage m) {
          received.add(new String(m.getPayload(), StandardCharsets.UTF_8));
        }
        public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}
        public void connectComplete(boolean reconnect, String uri) {}
        public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
      });
      subscriber.connect(persistentSession());
      await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("while the hub was away"));
      subscriber.disconnect();
      subscriber.close();
    }
  }

  @Test
  void aTakenPortIsReportedWithTheOptionToChangeIt() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      assertThatThrownBy(() -> EmbeddedBroker.start(dir, "127.0.0.1", taken.getLocalPort()))
          .hasMessageContaining("already in use")
          .hasMessageContaining("--mqtt-port");
    }
  }

  private static MqttClient client(String uri, String id) throws Exception {
    return new MqttClient(uri, id, new MemoryPersistence());
  }

  private static MqttConnectionOptions persistentSession() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(3600L);
    return options;
  }
}
