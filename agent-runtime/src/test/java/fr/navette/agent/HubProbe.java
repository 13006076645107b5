package fr.navette.agent;

import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The hub's side in tests, as the hub does it: a persistent session (clean start false) subscribed QoS 1 to
 * one device's subtree, applying each event id once and counting every delivery, so that "exactly once" and
 * "none applied twice" can be asserted. It also publishes what the hub sends (config, commands, responses).
 */
final class HubProbe implements AutoCloseable {
  final MqttAsyncClient client;
  final String site;
  final String device;
  final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  final List<EventHeader> applied = Collections.synchronizedList(new ArrayList<>());
  final Map<Channel, List<MqttMessage>> received = new ConcurrentHashMap<>();
  private final Set<UUID> seen = ConcurrentHashMap.newKeySet();
  private volatile BiConsumer<String, MqttMessage> onRequest = (t, m) -> { };

  HubProbe(String brokerUri, String site, String device) throws MqttException {
    this.site = site;
    this.device = device;
    client = new MqttAsyncClient(brokerUri, "hub-probe-" + device, new MemoryPersistence());
    client.setCallback(new Callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(600L);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 2);
    options.setReceiveMaximum(1000);
    client.connect(options).waitForCompletion(10_000);
    client.subscribe(new MqttSubscription(Topic.ROOT + "/" + site + "/" + device + "/#", 1)).waitForCompletion(10_000);
  }

  void onRequest(BiConsumer<String, MqttMessage> handler) {
    this.onRequest = handler;
  }

  List<MqttMessage> received(Channel channel) {
    return received.getOrDefault(channel, List.of());
  }

  int deliveriesOf(UUID eventId) {
    AtomicInteger count = deliveries.get(eventId);
    return count == null ? 0 : count.get();
  }

  void publish(Channel channel, byte[] payload, boolean retained) throws MqttException {
    publish(Topic.of(site, device, channel).toString(), payload, retained, new MqttProperties());
  }

  void publish(String topic, byte[] payload, boolean retained, MqttProperties properties) throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    message.setRetained(retained);
    message.setProperties(properties);
    client.publish(topic, message).waitForCompletion(10_000);
  }

  /** Clears what this test left retained on a shared broker. */
  void clearRetained() throws MqttException {
    for (Channel channel : Channel.values()) {
      if (channel.retained()) {
        publish(channel, new byte[0], true);
      }
    }
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(5_000);
    }
    client.close(true);
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      Channel channel = Channel.fromWire(Topic.parse(topic).channel()).orElseThrow();
      received.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(message);
      if (channel == Channel.REQUEST) {
        onRequest.accept(topic, message);
      }
      if (EventCodec.isEventChannel(channel) && message.getPayload().length > 0) {
        EventHeader header = EventCodec.decode(channel, message.getPayload()).header();
        deliveries.computeIfAbsent(header.eventId(), id -> new AtomicInteger()).incrementAndGet();
        if (channel != Channel.STATE && channel != Channel.HEALTH && seen.add(header.eventId())) {
          applied.add(header);
        }
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      if (reconnect) {
        try {
          client.subscribe(new MqttSubscription(Topic.ROOT + "/" + site + "/" + device + "/#", 1));
        } catch (MqttException e) {
          throw new IllegalStateException(e);
        }
      }
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
