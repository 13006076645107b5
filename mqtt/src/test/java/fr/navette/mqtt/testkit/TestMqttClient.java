package fr.navette.mqtt.testkit;

import static org.awaitility.Awaitility.await;

import fr.navette.mqtt.Correlation;
import fr.navette.mqtt.InboundMessage;
import fr.navette.mqtt.MqttSession;
import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The MQTT client tests share: the hub's side of a device, a device's side of the hub, a watcher. It is an
 * {@link MqttSession} like production's, connected before it is returned; it keeps every message it receives, in
 * arrival order, and waits for them with Awaitility (never a sleep). Publishing waits for the PUBACK and returns
 * the {@link PublishResult}: assert on it.
 */
public final class TestMqttClient implements AutoCloseable {
  /** How long connecting, a SUBACK, a PUBACK or an awaited message may take before the test fails. */
  public static final Duration PATIENCE = Duration.ofSeconds(10);
  private final MqttSession session;
  private final List<InboundMessage> received = new CopyOnWriteArrayList<>();
  private final List<Consumer<InboundMessage>> hooks = new CopyOnWriteArrayList<>();

  private TestMqttClient(MqttSettings settings) {
    session = MqttSession.paho(settings);
    session.onMessage(message -> {
      received.add(message);
      hooks.forEach(hook -> hook.accept(message));
    });
  }

  /** A clean-start client, connected. */
  public static TestMqttClient connect(String brokerUri, String clientId) {
    return connect(MqttSettings.of(brokerUri, clientId).withReconnect(Duration.ofMillis(200), Duration.ofSeconds(2)));
  }

  /** A client with these settings (a persistent session, a receive maximum, ...), connected. */
  public static TestMqttClient connect(MqttSettings settings) {
    TestMqttClient client = new TestMqttClient(settings);
    client.session.start();
    try {
      await("connected to " + settings.brokerUri()).atMost(PATIENCE).until(client.session::isConnected);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return client;
  }

  /** Subscribes at QoS 1 and waits for the broker's grant; kept across reconnects. */
  public TestMqttClient subscribe(String filter) {
    return subscribe(filter, 1);
  }

  public TestMqttClient subscribe(String filter, int qos) {
    try {
      session.subscribe(filter, qos).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("no SUBACK granting " + filter + " within " + PATIENCE + ": " + e, e);
    }
    return this;
  }

  /** Runs {@code hook} on each message as it arrives (on the session's handler thread), after keeping it. */
  public void onMessage(Consumer<InboundMessage> hook) {
    hooks.add(hook);
  }

  /** Everything received so far, in arrival order. */
  public List<InboundMessage> received() {
    return List.copyOf(received);
  }

  public List<InboundMessage> receivedOn(String topic) {
    return received.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  /** Forgets what was received so far. */
  public void forget() {
    received.clear();
  }

  /** The first message received (so far or within {@link #PATIENCE}) that {@code wanted} accepts. */
  public InboundMessage awaitMessage(Predicate<InboundMessage> wanted) {
    return awaitMessages(wanted, 1).getFirst();
  }

  /** The first message received on {@code topic}. */
  public InboundMessage awaitMessageOn(String topic) {
    return awaitMessage(m -> m.topic().equals(topic));
  }

  /** At least {@code count} messages that {@code wanted} accepts, waiting up to {@link #PATIENCE}. */
  public List<InboundMessage> awaitMessages(Predicate<InboundMessage> wanted, int count) {
    return awaitMessages(wanted, count, PATIENCE);
  }

  public List<InboundMessage> awaitMessages(Predicate<InboundMessage> wanted, int count, Duration patience) {
    await(count + " matching message(s)").atMost(patience)
        .until(() -> received.stream().filter(wanted).count() >= count);
    return received.stream().filter(wanted).toList();
  }

  /** Publishes QoS 1, not retained, and waits for the PUBACK. */
  public PublishResult publish(String topic, byte[] payload) {
    return publish(OutboundMessage.of(topic, payload, 1));
  }

  /** Publishes retained QoS 1 (an empty payload clears what is retained there) and waits for the PUBACK. */
  public PublishResult publishRetained(String topic, byte[] payload) {
    return publish(OutboundMessage.retained(topic, payload));
  }

  public PublishResult publish(OutboundMessage message) {
    return session.publishAndWait(message, PATIENCE);
  }

  /** Publishes and fails the test unless the broker accepted it. */
  public void publishAccepted(OutboundMessage message) {
    PublishResult result = publish(message);
    if (!result.accepted()) {
      throw new AssertionError("publishing on " + message.topic() + ": " + result.describe());
    }
  }

  /** Clears what a test left retained on a shared broker. */
  public void clearRetained(String topic) {
    publishAccepted(OutboundMessage.retained(topic, new byte[0]));
  }

  /**
   * A request/response round: subscribes to {@code responseTopic}, sends the request with a fresh correlation id,
   * and returns the response carrying it back.
   */
  public InboundMessage request(String topic, byte[] payload, String responseTopic) {
    subscribe(responseTopic);
    byte[] correlation = Correlation.of(UUID.randomUUID());
    publishAccepted(OutboundMessage.request(topic, payload, responseTopic, correlation));
    return awaitMessage(m -> m.topic().equals(responseTopic) && Arrays.equals(m.correlationData(), correlation));
  }

  /** The session underneath, for what the kit does not cover. */
  public MqttSession session() {
    return session;
  }

  public boolean isConnected() {
    return session.isConnected();
  }

  @Override
  public void close() {
    session.close();
  }
}
