package fr.navette.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
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
      subscriber.setCallback(collectInto(received));
      subscriber.connect(persistentSession());
      await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("while the hub was away"));
      subscriber.disconnect();
      subscriber.close();
    }
  }

  @Test
  void aTakenPublishIsAcknowledgedToItsSenderOnlyOnceKeptAndThenDeliveredAsUsual() throws Exception {
    try (TakingBroker t = new TakingBroker(dir, "gate-1")) {
      IMqttToken token = t.device.publish("navette/v1/BR01/gate-1/alarm", "armed".getBytes(StandardCharsets.UTF_8), 1, false);
      Pending pending = t.taken.poll(10, TimeUnit.SECONDS);
      assertThat(pending).isNotNull();
      assertThat(pending.topic()).isEqualTo("navette/v1/BR01/gate-1/alarm");
      assertThat(new String(pending.payload(), StandardCharsets.UTF_8)).isEqualTo("armed");
      // Not kept yet: the sender must still hold it (no PUBACK).
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !token.isComplete());

      pending.settlement().kept();
      token.waitForCompletion(10_000);
      assertThat(token.isComplete()).isTrue();
      assertThat(java.util.Arrays.stream(token.getReasonCodes()).max().orElse(0)).isLessThan(0x80);
      await().atMost(Duration.ofSeconds(10)).until(() -> t.delivered.contains("navette/v1/BR01/gate-1/alarm"));

      // A topic the taker does not want is not held.
      t.device.publish("navette/v1/BR01/gate-1/state", "online".getBytes(StandardCharsets.UTF_8), 1, false)
          .waitForCompletion(10_000);
      assertThat(t.taken).isEmpty();
    }
  }

  @Test
  void aRefusedPublishGetsAnErrorReasonCodeAndIsNotDelivered() throws Exception {
    try (TakingBroker t = new TakingBroker(dir, "box-1")) {
      IMqttToken refused = t.device.publish("navette/v1/BR01/box-1/return", "a".getBytes(StandardCharsets.UTF_8), 1, false);
      t.taken.poll(10, TimeUnit.SECONDS).settlement().refused(EmbeddedBroker.Refusal.BUSY,
          "the hub is busy: send it again later");
      try {
        refused.waitForCompletion(10_000);
      } catch (MqttException e) {
        // Paho may report the refusal as an exception as well as by the reason code
      }
      // The refusal's own code: 0x97 (quota exceeded, "send it again later"), with the reason string.
      assertThat(refused.getReasonCodes()).containsExactly(0x97);
      assertThat(refused.getResponseProperties().getReasonString()).isEqualTo("the hub is busy: send it again later");

      // The next one, kept, is delivered; the refused one never is.
      IMqttToken kept = t.device.publish("navette/v1/BR01/box-1/return", "b".getBytes(StandardCharsets.UTF_8), 1, false);
      t.taken.poll(10, TimeUnit.SECONDS).settlement().kept();
      kept.waitForCompletion(10_000);
      await().atMost(Duration.ofSeconds(10)).until(() -> t.delivered.size() == 1);
      assertThat(t.delivered).hasSize(1);
    }
  }

  private record Pending(String topic, byte[] payload, EmbeddedBroker.Settlement settlement) {}

  /**
   * A broker whose device publishes the {@link #taker} holds in {@code taken}, a {@link #watchEverything watcher}
   * noting what is delivered, and one device connected; closed in the reverse order.
   */
  private static final class TakingBroker implements AutoCloseable {
    final BlockingQueue<Pending> taken = new LinkedBlockingQueue<>();
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final EmbeddedBroker broker;
    final MqttClient watcher;
    final MqttAsyncClient device;

    TakingBroker(Path dir, String deviceId) throws Exception {
      broker = EmbeddedBroker.start(dir, "127.0.0.1", 0);
      try {
        broker.takePublishes(taker(taken));
        watcher = watchEverything(broker, delivered);
        device = connected(broker, deviceId);
      } catch (Exception e) {
        broker.close();
        throw e;
      }
    }

    @Override
    public void close() throws Exception {
      try {
        device.disconnect().waitForCompletion(5_000);
        device.close();
        watcher.disconnect();
        watcher.close();
      } finally {
        broker.close();
      }
    }
  }

  private static EmbeddedBroker.PublishTaker taker(BlockingQueue<Pending> taken) {
    return new EmbeddedBroker.PublishTaker() {
      @Override
      public boolean wants(String topic) {
        return !topic.endsWith("/state");
      }

      @Override
      public void take(String topic, byte[] payload, EmbeddedBroker.Settlement settlement) {
        taken.add(new Pending(topic, payload, settlement));
      }
    };
  }

  /** A subscriber to every device topic, noting the topics delivered to it. */
  private static MqttClient watchEverything(EmbeddedBroker broker, List<String> delivered) throws Exception {
    MqttClient watcher = client(broker.uri(), "watcher");
    watcher.connect();
    watcher.subscribe(new MqttSubscription[] {new MqttSubscription("navette/v1/#", 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> delivered.add(t)});
    return watcher;
  }

  private static MqttAsyncClient connected(EmbeddedBroker broker, String id) throws Exception {
    MqttAsyncClient device = new MqttAsyncClient(broker.uri(), id, new MemoryPersistence());
    device.connect().waitForCompletion(10_000);
    return device;
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

  /**
   * Measured while the broker runs, which is what a killed process leaves behind. HiveMQ's default RocksDB stores
   * preallocated ~1 GB here on a 23 GB machine for these few messages (their size follows the machine's RAM).
   */
  @Test
  void keepsItsFolderToAFewMegabytesAndKeepsRetainedAndQueuedMessagesAcrossARestart() throws Exception {
    int port;
    try (EmbeddedBroker broker = EmbeddedBroker.start(dir, "127.0.0.1", 0)) {
      port = broker.port();
      MqttClient hub = client(broker.uri(), "hub-1");
      hub.connect(persistentSession());
      hub.subscribe("navette/v1/+/+/return", 1);
      hub.disconnect();
      hub.close();
      MqttClient device = client(broker.uri(), "box-1");
      device.connect();
      device.publish("navette/v1/BR01/box-1/config", "version 7".getBytes(StandardCharsets.UTF_8), 1, true);
      for (int i = 0; i < 500; i++) {
        device.publish("navette/v1/BR01/box-1/return", ("return " + i).getBytes(StandardCharsets.UTF_8), 1, false);
      }
      device.disconnect();
      device.close();
      assertThat(kilobytesOnDisk(dir)).as("broker folder, KiB on disk").isLessThan(32 * 1024);
    }
    try (EmbeddedBroker restarted = EmbeddedBroker.start(dir, "127.0.0.1", port)) {
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      MqttClient hub = client(restarted.uri(), "hub-1");
      hub.setCallback(collectInto(received));
      hub.connect(persistentSession());
      MqttClient box = client(restarted.uri(), "box-1-again");
      box.setCallback(collectInto(received));
      box.connect();
      box.subscribe("navette/v1/BR01/box-1/config", 1);
      await().atMost(Duration.ofSeconds(20))
          .until(() -> received.containsAll(List.of("version 7", "return 0", "return 499")));
      hub.disconnect();
      hub.close();
      box.disconnect();
      box.close();
      assertThat(kilobytesOnDisk(dir)).as("broker folder after a restart, KiB on disk").isLessThan(32 * 1024);
    }
  }

  // Blocks on disk, as du counts them: preallocated files are small by length and large on disk.
  private static long kilobytesOnDisk(Path folder) throws Exception {
    Process du = new ProcessBuilder("du", "-sk", folder.toString()).redirectErrorStream(true).start();
    String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(du.waitFor()).as("du: " + out).isZero();
    return Long.parseLong(out.split("\\s+")[0]);
  }

  private static org.eclipse.paho.mqttv5.client.MqttCallback collectInto(Collection<String> received) {
    return new org.eclipse.paho.mqttv5.client.MqttCallback() {
      public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}
      public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {}
      public void messageArrived(String t, org.eclipse.paho.mqttv5.common.MqttMessage m) {
        received.add(new String(m.getPayload(), StandardCharsets.UTF_8));
      }
      public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}
      public void connectComplete(boolean reconnect, String uri) {}
      public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
    };
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
