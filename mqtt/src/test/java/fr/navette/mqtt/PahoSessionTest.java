package fr.navette.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.mqtt.testkit.PrivateMosquitto;
import fr.navette.mqtt.testkit.TestMqttClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session against a Mosquitto of the test's own: what callers may assume (README) — results as values with
 * the PUBACK's reason code checked, handlers off Paho's threads and in order, the in-flight window kept, manual
 * acknowledgement, reconnect from the first attempt with subscriptions made again.
 */
class PahoSessionTest {
  @TempDir Path dir;
  private PrivateMosquitto broker;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void broker() throws Exception {
    // Anonymous clients may use navette/# only: a publish elsewhere is refused (PUBACK 0x87, not authorised).
    Files.writeString(dir.resolve("acl"), "topic readwrite navette/#\n");
    broker = PrivateMosquitto.start(dir, "acl_file %s/acl");
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : open.reversed()) {
      closeable.close();
    }
    broker.close();
  }

  private <T extends AutoCloseable> T opened(T closeable) {
    open.add(closeable);
    return closeable;
  }

  @Test
  void aRefusingPubackIsARefusalWithItsReasonNotASuccess() {
    TestMqttClient device = opened(TestMqttClient.connect(broker.uri(), "device-1"));
    assertThat(device.publish("navette/v1/BR01/device-1/return", "ok".getBytes(UTF_8)))
        .isInstanceOf(PublishResult.Accepted.class);
    PublishResult refused = device.publish("elsewhere/secret", "no".getBytes(UTF_8));
    assertThat(refused).isInstanceOf(PublishResult.Refused.class);
    assertThat(((PublishResult.Refused) refused).reasonCode()).isEqualTo(0x87);
    assertThat(refused.describe()).contains("0x87");
  }

  @Test
  void messagesReachTheHandlerInOrderOffPahosThreadsWithRequestProperties() {
    TestMqttClient hub = opened(TestMqttClient.connect(broker.uri(), "hub"));
    List<Boolean> onVirtualThread = new CopyOnWriteArrayList<>();
    hub.onMessage(m -> onVirtualThread.add(Thread.currentThread().isVirtual()));
    hub.subscribe("navette/v1/+/+/request");
    TestMqttClient kiosk = opened(TestMqttClient.connect(broker.uri(), "kiosk-1"));
    for (int i = 0; i < 50; i++) {
      kiosk.session().publish(OutboundMessage.of("navette/v1/BR01/kiosk-1/request", ("" + i).getBytes(UTF_8), 1));
    }
    List<InboundMessage> got = hub.awaitMessages(m -> true, 50);
    assertThat(got).extracting(m -> new String(m.payload(), UTF_8))
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(String::valueOf).toList());
    assertThat(onVirtualThread).hasSize(50).containsOnly(true); // the session's thread, never Paho's

    // request/response: the hub answers on the Response Topic with the Correlation Data
    UUID requestId = UUID.randomUUID();
    hub.onMessage(m -> {
      if (m.responseTopic().isPresent()) {
        hub.session().publish(m.reply("answer".getBytes(UTF_8), new byte[0]));
      }
    });
    InboundMessage answer = kiosk.request("navette/v1/BR01/kiosk-1/request", "ask".getBytes(UTF_8),
        "navette/v1/BR01/kiosk-1/response");
    assertThat(new String(answer.payload(), UTF_8)).isEqualTo("answer");
    assertThat(Correlation.uuid(answer.correlationData())).isPresent();
    assertThat(Correlation.uuid(Correlation.of(requestId))).contains(requestId);
  }

  @Test
  void manyPublishesAtOnceStayWithinTheBrokersReceiveMaximum() throws Exception {
    TestMqttClient watcher = opened(TestMqttClient.connect(broker.uri(), "watcher")).subscribe("navette/#");
    MqttSession device = opened(MqttSession.paho(MqttSettings.of(broker.uri(), "gate-1")));
    device.start();
    await().atMost(Duration.ofSeconds(10)).until(device::isConnected);
    assertThat(device.inFlightWindow()).isPositive().isLessThan(65_535);
    // Far more than Mosquitto's receive maximum (20) at once: without the window Paho refuses them (32202).
    List<CompletableFuture<PublishResult>> results = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      results.add(device.publish(OutboundMessage.of("navette/v1/BR01/gate-1/count", ("" + i).getBytes(UTF_8), 1)));
    }
    for (CompletableFuture<PublishResult> result : results) {
      assertThat(result.get(30, TimeUnit.SECONDS)).isInstanceOf(PublishResult.Accepted.class);
    }
    watcher.awaitMessages(m -> true, 500, Duration.ofSeconds(30));
  }

  @Test
  void nothingIsQueuedWhileDisconnected() {
    MqttSession session = opened(MqttSession.paho(MqttSettings.of(broker.uri(), "never-started")));
    PublishResult result = session.publishAndWait(OutboundMessage.of("navette/x", new byte[1], 1),
        Duration.ofSeconds(1));
    assertThat(result).isInstanceOf(PublishResult.NotSent.class);
    assertThat(result.describe()).contains("not connected");
  }

  @Test
  void anUnacknowledgedMessageComesBackAndAnAcknowledgedOneDoesNot() {
    MqttSettings hubSettings = MqttSettings.of(broker.uri(), "hub-ingest").persistentSession(Duration.ofMinutes(5))
        .withManualAcks();
    TestMqttClient hub = opened(TestMqttClient.connect(hubSettings)).subscribe("navette/v1/+/+/return");
    hub.onMessage(m -> {
      if (new String(m.payload(), UTF_8).equals("stored")) {
        m.acknowledge();
      }
    });
    TestMqttClient device = opened(TestMqttClient.connect(broker.uri(), "box-1"));
    device.publishAccepted(OutboundMessage.of("navette/v1/BR01/box-1/return", "stored".getBytes(UTF_8), 1));
    device.publishAccepted(OutboundMessage.of("navette/v1/BR01/box-1/return", "not stored".getBytes(UTF_8), 1));
    hub.awaitMessages(m -> true, 2);
    hub.close();

    TestMqttClient again = opened(TestMqttClient.connect(hubSettings));
    InboundMessage redelivered = again.awaitMessage(m -> true);
    assertThat(new String(redelivered.payload(), UTF_8)).isEqualTo("not stored");
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> again.received().size() == 1);
  }

  @Test
  void aSessionStartedBeforeItsBrokerConnectsWhenItComesAndSubscribesAgainAfterALoss() throws Exception {
    broker.stop();
    MqttSession hub = opened(MqttSession.paho(MqttSettings.of(broker.uri(), "hub-requests")
        .withReconnect(Duration.ofMillis(100), Duration.ofMillis(400))));
    List<String> events = new CopyOnWriteArrayList<>();
    hub.listen(new SessionListener() {
      @Override
      public void connected() {
        events.add("connected");
      }

      @Override
      public void subscribed() {
        events.add("subscribed");
      }

      @Override
      public void lost(String reason) {
        events.add("lost");
      }
    });
    List<String> got = new CopyOnWriteArrayList<>();
    hub.onMessage(m -> got.add(new String(m.payload(), UTF_8)));
    CompletableFuture<Void> granted = hub.subscribe("navette/v1/+/+/request", 1);
    hub.start();
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !hub.isConnected());
    assertThat(hub.lastError()).isNotEmpty();

    broker.resume(); // first connect: Paho's own reconnect would never have tried
    granted.get(10, TimeUnit.SECONDS);
    TestMqttClient kiosk = opened(TestMqttClient.connect(broker.uri(), "kiosk-2"));
    kiosk.publishAccepted(OutboundMessage.of("navette/v1/BR01/kiosk-2/request", "one".getBytes(UTF_8), 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> got.contains("one"));

    broker.stop(); // the broker forgets everything (no persistence): the subscription must be made again
    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("lost"));
    broker.resume();
    await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter("subscribed"::equals).count() == 2);
    await().atMost(Duration.ofSeconds(10)).until(kiosk::isConnected);
    kiosk.publishAccepted(OutboundMessage.of("navette/v1/BR01/kiosk-2/request", "two".getBytes(UTF_8), 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> got.contains("two"));
    assertThat(events).containsExactly("connected", "subscribed", "lost", "connected", "subscribed");
    assertThat(hub.lastError()).isEmpty();
  }
}
