package fr.navette.agent;

import fr.navette.mqtt.InboundMessage;
import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.testkit.TestMqttClient;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The hub's side in tests, as the hub does it: a persistent session (clean start false) subscribed QoS 1 to
 * one device's subtree, applying each event id once and counting every delivery, so that "exactly once" and
 * "none applied twice" can be asserted. It also publishes what the hub sends (config, commands, responses).
 * Built on the shared {@link TestMqttClient}; what it adds is the hub's bookkeeping.
 */
final class HubProbe implements AutoCloseable {
  final TestMqttClient client;
  final String site;
  final String device;
  final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  final List<EventHeader> applied = Collections.synchronizedList(new ArrayList<>());
  private final Set<UUID> seen = ConcurrentHashMap.newKeySet();
  private volatile Consumer<InboundMessage> onRequest = m -> { };

  HubProbe(String brokerUri, String site, String device) {
    this.site = site;
    this.device = device;
    client = TestMqttClient.connect(MqttSettings.of(brokerUri, "hub-probe-" + device)
        .persistentSession(Duration.ofMinutes(10))
        .withReconnect(Duration.ofSeconds(1), Duration.ofSeconds(2))
        .withReceiveMaximum(1000));
    client.onMessage(this::arrived);
    client.subscribe(Topic.ROOT + "/" + site + "/" + device + "/#");
  }

  /** Runs on each request as it arrives (on the client's handler thread). */
  void onRequest(Consumer<InboundMessage> handler) {
    this.onRequest = handler;
  }

  List<InboundMessage> received(Channel channel) {
    return client.received().stream().filter(m -> channelOf(m) == channel).toList();
  }

  int deliveriesOf(UUID eventId) {
    AtomicInteger count = deliveries.get(eventId);
    return count == null ? 0 : count.get();
  }

  /** Publishes QoS 1 on one of the device's channels and fails unless the broker accepted it. */
  void publish(Channel channel, byte[] payload, boolean retained) {
    client.publishAccepted(OutboundMessage.of(Topic.of(site, device, channel).toString(), payload, 1)
        .withRetained(retained));
  }

  /** Publishes a message as given (a response with its correlation data) and fails unless accepted. */
  void publish(OutboundMessage message) {
    client.publishAccepted(message);
  }

  /** Clears what this test left retained on a shared broker. */
  void clearRetained() {
    for (Channel channel : Channel.values()) {
      if (channel.retained()) {
        publish(channel, new byte[0], true);
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private static Channel channelOf(InboundMessage message) {
    return Channel.fromWire(Topic.parse(message.topic()).channel()).orElseThrow();
  }

  private void arrived(InboundMessage message) {
    Channel channel = channelOf(message);
    if (channel == Channel.REQUEST) {
      onRequest.accept(message);
    }
    if (EventCodec.isEventChannel(channel) && message.payload().length > 0) {
      EventHeader header = EventCodec.decode(channel, message.payload()).header();
      deliveries.computeIfAbsent(header.eventId(), id -> new AtomicInteger()).incrementAndGet();
      if (channel != Channel.STATE && channel != Channel.HEALTH && seen.add(header.eventId())) {
        applied.add(header);
      }
    }
  }
}
