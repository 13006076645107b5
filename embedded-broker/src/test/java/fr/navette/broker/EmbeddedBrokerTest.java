package fr.navette.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import fr.navette.mqtt.testkit.TestMqttClient;
import java.util.Optional;
import java.util.function.Function;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {
  @TempDir Path dir;

  @Test
  void queuesQos1MessagesForAnOfflinePersistentSessionAcrossABrokerRestart() throws Exception {
    int port;
    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(dir, "127.0.0.1", 0)) {
      port = broker.port();
      try (TestMqttClient subscriber = TestMqttClient.connect(persistentSession(broker.uri(), "hub-1"))) {
        subscriber.subscribe("navette/v1/+/+/return");
      }
      try (TestMqttClient device = TestMqttClient.connect(broker.uri(), "box-1")) {
        device.publishAccepted(OutboundMessage.of("navette/v1/BR01/box-1/return",
            "while the hub was away".getBytes(StandardCharsets.UTF_8), 1));
      }
    }
    try (EmbeddedBroker restarted = EmbeddedBroker.startOpen(dir, "127.0.0.1", port);
         TestMqttClient subscriber = TestMqttClient.connect(persistentSession(restarted.uri(), "hub-1"))) {
      // No subscription made again: the broker kept the session, and the message queued for it.
      subscriber.awaitMessage(m -> text(m.payload()).equals("while the hub was away"));
    }
  }

  @Test
  void aTakenPublishIsAcknowledgedToItsSenderOnlyOnceKeptAndThenDeliveredAsUsual() throws Exception {
    BlockingQueue<Pending> taken = new LinkedBlockingQueue<>();
    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(dir, "127.0.0.1", 0);
         TestMqttClient watcher = watchEverything(broker);
         TestMqttClient device = TestMqttClient.connect(broker.uri(), "gate-1")) {
      broker.takePublishes(taker(taken));

      CompletableFuture<PublishResult> result = device.session().publish(OutboundMessage.of(
          "navette/v1/BR01/gate-1/alarm", "armed".getBytes(StandardCharsets.UTF_8), 1));
      Pending pending = taken.poll(10, TimeUnit.SECONDS);
      assertThat(pending).isNotNull();
      assertThat(pending.topic()).isEqualTo("navette/v1/BR01/gate-1/alarm");
      assertThat(new String(pending.payload(), StandardCharsets.UTF_8)).isEqualTo("armed");
      // Not kept yet: the sender must still hold it (no PUBACK).
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !result.isDone());

      pending.settlement().kept();
      PublishResult outcome = result.get(10, TimeUnit.SECONDS);
      assertThat(outcome).isInstanceOf(PublishResult.Accepted.class);
      assertThat(((PublishResult.Accepted) outcome).reasonCode()).isLessThan(0x80);
      watcher.awaitMessageOn("navette/v1/BR01/gate-1/alarm");

      // A topic the taker does not want is not held.
      device.publishAccepted(OutboundMessage.of("navette/v1/BR01/gate-1/state",
          "online".getBytes(StandardCharsets.UTF_8), 1));
      assertThat(taken).isEmpty();
    }
  }

  @Test
  void aPublishTheTakerKeptIsAnsweredSuccessEvenWithNobodySubscribed() throws Exception {
    BlockingQueue<Pending> taken = new LinkedBlockingQueue<>();
    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(dir, "127.0.0.1", 0);
         TestMqttClient device = TestMqttClient.connect(broker.uri(), "box-1")) {
      broker.takePublishes(taker(taken));

      // The hub stored it: 0x00. A 0x10 "no matching subscribers" would tell a device that nobody received it,
      // which a device must resend (on Mosquitto, it means no hub was subscribed and the message is gone).
      CompletableFuture<PublishResult> kept = device.session().publish(OutboundMessage.of(
          "navette/v1/BR01/box-1/return", "stored".getBytes(StandardCharsets.UTF_8), 1));
      taken.poll(10, TimeUnit.SECONDS).settlement().kept();
      assertThat(kept.get(10, TimeUnit.SECONDS)).isEqualTo(new PublishResult.Accepted(0x00));

      // What the taker does not take and nobody subscribed to is still said as it is.
      assertThat(device.session().publish(OutboundMessage.of("navette/v1/BR01/box-1/state",
          "online".getBytes(StandardCharsets.UTF_8), 1)).get(10, TimeUnit.SECONDS))
          .isEqualTo(new PublishResult.Accepted(0x10));
    }
  }

  @Test
  void aRefusedPublishGetsAnErrorReasonCodeAndIsNotDelivered() throws Exception {
    BlockingQueue<Pending> taken = new LinkedBlockingQueue<>();
    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(dir, "127.0.0.1", 0);
         TestMqttClient watcher = watchEverything(broker);
         TestMqttClient device = TestMqttClient.connect(broker.uri(), "box-1")) {
      broker.takePublishes(taker(taken));

      CompletableFuture<PublishResult> refused = device.session().publish(OutboundMessage.of(
          "navette/v1/BR01/box-1/return", "a".getBytes(StandardCharsets.UTF_8), 1));
      taken.poll(10, TimeUnit.SECONDS).settlement().refused(EmbeddedBroker.Refusal.BUSY,
          "the hub is busy: send it again later");
      // The refusal's own code: 0x97 (quota exceeded, "send it again later"), with the reason string.
      assertThat(refused.get(10, TimeUnit.SECONDS))
          .isEqualTo(new PublishResult.Refused(0x97, "the hub is busy: send it again later"));

      // The next one, kept, is delivered; the refused one never is.
      CompletableFuture<PublishResult> kept = device.session().publish(OutboundMessage.of(
          "navette/v1/BR01/box-1/return", "b".getBytes(StandardCharsets.UTF_8), 1));
      taken.poll(10, TimeUnit.SECONDS).settlement().kept();
      assertThat(kept.get(10, TimeUnit.SECONDS).accepted()).isTrue();
      watcher.awaitMessages(m -> true, 1);
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> watcher.received().size() == 1);
      assertThat(text(watcher.received().getFirst().payload())).isEqualTo("b");
    }
  }

  private record Pending(String topic, byte[] payload, EmbeddedBroker.Settlement settlement) {}

  private static EmbeddedBroker.PublishTaker taker(BlockingQueue<Pending> taken) {
    return new EmbeddedBroker.PublishTaker() {
      @Override
      public boolean wants(String topic) {
        return !topic.endsWith("/state");
      }

      @Override
      public void take(String topic, byte[] payload, Function<String, Optional<String>> userProperty,
                       EmbeddedBroker.Settlement settlement) {
        taken.add(new Pending(topic, payload, settlement));
      }
    };
  }

  /** A subscriber to every device topic. */
  private static TestMqttClient watchEverything(EmbeddedBroker broker) {
    return TestMqttClient.connect(broker.uri(), "watcher").subscribe("navette/v1/#");
  }

  @Test
  void aTakenPortIsReportedWithTheOptionToChangeIt() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      assertThatThrownBy(() -> EmbeddedBroker.startOpen(dir, "127.0.0.1", taken.getLocalPort()))
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
    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(dir, "127.0.0.1", 0)) {
      port = broker.port();
      try (TestMqttClient hub = TestMqttClient.connect(persistentSession(broker.uri(), "hub-1"))) {
        hub.subscribe("navette/v1/+/+/return");
      }
      try (TestMqttClient device = TestMqttClient.connect(broker.uri(), "box-1")) {
        device.publishAccepted(OutboundMessage.retained("navette/v1/BR01/box-1/config",
            "version 7".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 500; i++) {
          device.publishAccepted(OutboundMessage.of("navette/v1/BR01/box-1/return",
              ("return " + i).getBytes(StandardCharsets.UTF_8), 1));
        }
      }
      assertThat(kilobytesOnDisk(dir)).as("broker folder, KiB on disk").isLessThan(32 * 1024);
    }
    try (EmbeddedBroker restarted = EmbeddedBroker.startOpen(dir, "127.0.0.1", port);
         TestMqttClient hub = TestMqttClient.connect(persistentSession(restarted.uri(), "hub-1"));
         TestMqttClient box = TestMqttClient.connect(restarted.uri(), "box-1-again")) {
      box.subscribe("navette/v1/BR01/box-1/config");
      await().atMost(Duration.ofSeconds(20)).until(() -> texts(hub, box).containsAll(
          List.of("version 7", "return 0", "return 499")));
      assertThat(kilobytesOnDisk(dir)).as("broker folder after a restart, KiB on disk").isLessThan(32 * 1024);
    }
  }

  private static List<String> texts(TestMqttClient... clients) {
    return java.util.Arrays.stream(clients).flatMap(c -> c.received().stream()).map(m -> text(m.payload())).toList();
  }

  private static String text(byte[] payload) {
    return new String(payload, StandardCharsets.UTF_8);
  }

  // Blocks on disk, as du counts them: preallocated files are small by length and large on disk.
  private static long kilobytesOnDisk(Path folder) throws Exception {
    Process du = new ProcessBuilder("du", "-sk", folder.toString()).redirectErrorStream(true).start();
    String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(du.waitFor()).as("du: " + out).isZero();
    return Long.parseLong(out.split("\\s+")[0]);
  }

  private static MqttSettings persistentSession(String uri, String id) {
    return MqttSettings.of(uri, id).persistentSession(Duration.ofHours(1));
  }
}
