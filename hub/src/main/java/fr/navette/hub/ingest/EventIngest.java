package fr.navette.hub.ingest;

import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.SchemaException;
import fr.navette.schema.Topic;
import java.util.Objects;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device events from the broker and stores them before acknowledging them.
 *
 * <p>Acknowledgement is manual: the PUBACK for a message goes to the broker only after the event (or, for a
 * message that cannot be understood, its quarantine record) is committed. If the store fails, the handler
 * throws, Paho drops the connection, and the broker redelivers the unacknowledged message once the persistent
 * session (clean start false) reconnects. The subscription is shared ({@code $share/<group>/...}) so that
 * several hubs split the load on an external broker; duplicates across hubs are absorbed by the event id.
 */
public final class EventIngest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventIngest.class);
  private static final long SESSION_EXPIRY_SECONDS = 7 * 24 * 3600L;

  private final MqttAsyncClient client;
  private final EventStore events;
  private final QuarantineStore quarantine;
  private final Runnable onNewReturn;
  private final String shareGroup;

  public EventIngest(String brokerUri, String clientId, String shareGroup, EventStore events,
                     QuarantineStore quarantine, Runnable onNewReturn) {
    this.events = Objects.requireNonNull(events);
    this.quarantine = Objects.requireNonNull(quarantine);
    this.onNewReturn = Objects.requireNonNull(onNewReturn);
    this.shareGroup = shareGroup;
    try {
      // Paho's in-flight state is memory only: what is not yet acknowledged is still the broker's to redeliver.
      this.client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("bad MQTT broker URI or client id: " + brokerUri + ", " + clientId, e);
    }
    client.setManualAcks(true);
    client.setCallback(new Callback());
  }

  public void start() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 30);
    options.setKeepAliveInterval(30);
    options.setReceiveMaximum(1000);
    try {
      client.connect(options).waitForCompletion(30_000);
    } catch (MqttException e) {
      throw new IllegalStateException("hub cannot connect to the MQTT broker " + client.getServerURI() + ": " + e, e);
    }
  }

  private void subscribe() throws MqttException {
    String filter = "$share/" + shareGroup + "/" + Topic.filterForChannel(Channel.RETURN);
    client.subscribe(new MqttSubscription(filter, 1));
    LOG.info("hub subscribed to {}", filter);
  }

  /** Stores one message: the event if it follows the schema, else a quarantine record. Never drops it. */
  void handle(String topicName, byte[] payload) {
    Topic topic;
    try {
      topic = Topic.parse(topicName);
    } catch (SchemaException e) {
      setAside(topicName, payload, e.getMessage());
      return;
    }
    if (!Channel.RETURN.wireName().equals(topic.channel())) {
      setAside(topicName, payload, "channel '" + topic.channel() + "' is not handled by this hub version");
      return;
    }
    ReturnEvent event;
    try {
      event = EventCodec.decodeReturn(payload);
    } catch (SchemaException e) {
      setAside(topicName, payload, "return event: " + e.getMessage());
      return;
    }
    if (!event.header().deviceId().equals(topic.device())) {
      setAside(topicName, payload, "deviceId '" + event.header().deviceId() + "' differs from the topic's device");
      return;
    }
    if (events.insertIfAbsent(topic, event.header(), payload)) {
      onNewReturn.run();
    } else {
      LOG.debug("duplicate event {} acknowledged again, not applied twice", event.header().eventId());
    }
  }

  private void setAside(String topic, byte[] payload, String reason) {
    LOG.warn("quarantined a message on {}: {}", topic, reason);
    quarantine.add(topic, payload, reason);
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("closing the hub's MQTT client: {}", e.toString());
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
      handle(topic, message.getPayload());
      client.messageArrivedComplete(message.getId(), message.getQos());
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      try {
        subscribe(); // also after a reconnect: the broker may have expired the session meanwhile
      } catch (MqttException e) {
        LOG.error("hub cannot subscribe on {}: {}", serverURI, e.toString());
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      LOG.warn("hub lost the MQTT broker: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT error: {}", exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
