package fr.navette.hub.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
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
 * One MQTT 5 session of the hub, the only class of the hub that speaks Paho: at every connection it subscribes
 * to its filters (QoS 1) and hands each message to a {@link Receiver}; it publishes for the features
 * ({@link Outbound}). The hub has two: its own (events in, replies, configuration and commands out) and the
 * kiosks' requests.
 *
 * <p>Paho's in-flight state is memory only: what is not yet acknowledged is still the broker's to redeliver.
 */
public final class PahoSession implements Outbound, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PahoSession.class);
  private static final long SESSION_EXPIRY_SECONDS = 7 * 24 * 3600L;

  /**
   * How a session connects.
   *
   * @param purpose what it is for, in log lines and errors ("hub", "hub (kiosk requests)")
   * @param keepSession clean start false with a week's session expiry (the broker keeps what is not acknowledged),
   *     or clean start (nothing kept: requests are never queued nor stored)
   * @param receiveMaximum messages the broker may send unacknowledged, 0 for Paho's default
   * @param manualAcks whether the PUBACK waits for {@link Delivery#acknowledge()} (events: after the commit)
   */
  public record Settings(String brokerUri, String clientId, String purpose, boolean keepSession, int receiveMaximum,
                         boolean manualAcks) {}

  /** Takes the messages of the session's subscriptions, on Paho's callback thread: never wait long there. */
  @FunctionalInterface
  public interface Receiver {
    void received(Delivery delivery) throws InterruptedException;
  }

  private final MqttAsyncClient client;
  private final Settings settings;
  private final List<String> filters;
  private final CountDownLatch firstSubscription = new CountDownLatch(1);
  private volatile boolean subscribed;

  /** @param filters subscribed to at every connection (the broker may have expired the session meanwhile) */
  public PahoSession(Settings settings, List<String> filters) {
    this.settings = settings;
    this.filters = List.copyOf(filters);
    try {
      this.client = new MqttAsyncClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("bad MQTT broker URI or client id: " + settings.brokerUri() + ", "
          + settings.clientId(), e);
    }
    client.setManualAcks(settings.manualAcks());
  }

  /** Connects (waiting at most 30 s) and subscribes; what arrives goes to {@code receiver}. */
  public void connect(Receiver receiver) {
    client.setCallback(new Callback(receiver));
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(!settings.keepSession());
    if (settings.keepSession()) {
      options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
    }
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 30);
    options.setKeepAliveInterval(30);
    if (settings.receiveMaximum() > 0) {
      options.setReceiveMaximum(settings.receiveMaximum());
    }
    if (client.getServerURI().startsWith("tcp://")) {
      // See there: a PUBACK, or an answer and the request's PUBACK, must not wait for Nagle.
      options.setSocketFactory(new NoDelaySocketFactory());
    }
    try {
      client.connect(options).waitForCompletion(30_000);
    } catch (MqttException e) {
      throw new IllegalStateException(settings.purpose() + " cannot connect to the MQTT broker "
          + client.getServerURI() + ": " + e, e);
    }
  }

  /** Waits until the broker first confirmed the subscriptions; false when it did not within {@code wait}. */
  public boolean awaitSubscribed(Duration wait) throws InterruptedException {
    return firstSubscription.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the broker confirmed the subscriptions and the session is connected. */
  public boolean ready() {
    return subscribed && client.isConnected();
  }

  public String serverUri() {
    return client.getServerURI();
  }

  private void subscribe() throws MqttException {
    MqttSubscription[] subscriptions = filters.stream().map(f -> new MqttSubscription(f, 1))
        .toArray(MqttSubscription[]::new);
    // Never wait here (Paho's callback thread): the SUBACK is counted when it comes.
    client.subscribe(subscriptions, null, new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        subscribed = true;
        firstSubscription.countDown();
        LOG.info("{} subscribed to {}", settings.purpose(), filters);
      }

      @Override
      public void onFailure(IMqttToken token, Throwable failure) {
        LOG.error("the broker refused the subscriptions of {} to {}: {}", settings.purpose(), filters,
            failure.toString());
      }
    }, new MqttProperties());
  }

  @Override
  public void publish(String topic, byte[] payload, boolean retained) {
    try {
      client.publish(topic, payload, 1, retained).waitForCompletion(10_000);
    } catch (MqttException e) {
      throw new IllegalStateException("cannot publish on " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void answer(String responseTopic, byte[] payload, byte[] correlation) {
    MqttProperties properties = new MqttProperties();
    properties.setCorrelationData(correlation);
    try {
      client.publish(responseTopic, new MqttMessage(payload, 1, false, properties));
    } catch (MqttException e) {
      throw new IllegalStateException(e.toString(), e);
    }
  }

  /** One message of a subscription. */
  public final class Delivery {
    private final String topic;
    private final MqttMessage message;

    private Delivery(String topic, MqttMessage message) {
      this.topic = topic;
      this.message = message;
    }

    public String topic() {
      return topic;
    }

    public byte[] payload() {
      return message.getPayload();
    }

    /** The MQTT 5 Response Topic a request names, if any. */
    public Optional<String> responseTopic() {
      MqttProperties p = message.getProperties();
      return Optional.ofNullable(p == null ? null : p.getResponseTopic());
    }

    /** The MQTT 5 Correlation Data a request carries, if any. */
    public Optional<byte[]> correlation() {
      MqttProperties p = message.getProperties();
      return Optional.ofNullable(p == null ? null : p.getCorrelationData());
    }

    /** Sends the PUBACK, with manual acknowledgements; a connection lost meanwhile means a redelivery. */
    public void acknowledge() {
      try {
        client.messageArrivedComplete(message.getId(), message.getQos());
      } catch (MqttException e) {
        // The connection dropped after the commit: the broker redelivers, the event id absorbs the duplicate.
        LOG.debug("PUBACK for message {} not sent: {}", message.getId(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("closing the MQTT client of {}: {}", settings.purpose(), e.toString());
    }
  }

  private final class Callback implements MqttCallback {
    private final Receiver receiver;

    Callback(Receiver receiver) {
      this.receiver = receiver;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      receiver.received(new Delivery(topic, message));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      try {
        subscribe(); // also after a reconnect: the broker may have expired the session meanwhile
      } catch (MqttException e) {
        LOG.error("{} cannot subscribe on {}: {}", settings.purpose(), serverURI, e.toString());
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      subscribed = false;
      LOG.warn("{} lost the MQTT broker: {}", settings.purpose(), response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT error ({}): {}", settings.purpose(), exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
