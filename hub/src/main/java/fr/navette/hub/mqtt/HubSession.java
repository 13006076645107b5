package fr.navette.hub.mqtt;

import fr.navette.mqtt.InboundMessage;
import fr.navette.mqtt.MqttSession;
import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.TlsSettings;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import fr.navette.mqtt.SessionListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 session of the hub, on the {@code mqtt} module's {@link MqttSession} (reconnect with jittered backoff,
 * TCP_NODELAY, PUBACK reason codes checked, nothing of ours on Paho's threads — all written there once): at every
 * connection it subscribes to its filters (QoS 1) and hands each message to a {@link Receiver}; it publishes for the
 * features ({@link Outbound}). The hub has two: its own (events in, replies, configuration and commands out) and the
 * kiosks' requests.
 */
public final class HubSession implements Outbound, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HubSession.class);
  private static final Duration SESSION_EXPIRY = Duration.ofDays(7);
  private static final Duration PUBLISH_WAIT = Duration.ofSeconds(10);

  /**
   * How a session connects.
   *
   * @param purpose what it is for, in log lines and errors ("hub", "hub (kiosk requests)")
   * @param keepSession clean start false with a week's session expiry (the broker keeps what is not acknowledged),
   *     or clean start (nothing kept: requests are never queued nor stored)
   * @param receiveMaximum messages the broker may send unacknowledged, 0 for the broker's default
   * @param manualAcks whether the PUBACK waits for {@link Delivery#acknowledge()} (events: after the commit)
   * @param tls the hub's identity and the CA, for an {@code ssl://} broker
   */
  public record Settings(String brokerUri, String clientId, String purpose, boolean keepSession, int receiveMaximum,
                         boolean manualAcks, Optional<TlsSettings> tls) {
    /** The same session towards another broker address, with these TLS settings (or none). */
    public Settings at(String otherUri, Optional<TlsSettings> otherTls) {
      return new Settings(otherUri, clientId, purpose, keepSession, receiveMaximum, manualAcks, otherTls);
    }

    MqttSettings mqtt() {
      MqttSettings settings = MqttSettings.of(brokerUri, clientId).withReconnect(Duration.ofSeconds(1),
          Duration.ofSeconds(30));
      if (tls.isPresent()) {
        settings = settings.withTls(brokerUri, tls.get());
      }
      if (keepSession) {
        settings = settings.persistentSession(SESSION_EXPIRY);
      }
      if (receiveMaximum > 0) {
        settings = settings.withReceiveMaximum(receiveMaximum);
      }
      return manualAcks ? settings.withManualAcks() : settings;
    }
  }

  /** Takes the messages of the session's subscriptions, in order, on the session's own thread. */
  @FunctionalInterface
  public interface Receiver {
    void received(Delivery delivery) throws InterruptedException;
  }

  private final MqttSession session;
  private final Settings settings;
  private final List<String> filters;
  private final CountDownLatch firstSubscription = new CountDownLatch(1);
  private volatile boolean subscribed;

  /** @param filters subscribed to at every connection (the broker may have expired the session meanwhile) */
  public HubSession(Settings settings, List<String> filters) {
    this.settings = settings;
    this.filters = List.copyOf(filters);
    this.session = MqttSession.paho(settings.mqtt());
  }

  /** Starts the session (it connects, and reconnects, by itself); what arrives goes to {@code receiver}. */
  public void connect(Receiver receiver) {
    session.onMessage(message -> {
      try {
        receiver.received(new Delivery(message));
      } catch (InterruptedException e) {
        // Closing: the message stays unacknowledged, the broker's to redeliver.
        Thread.currentThread().interrupt();
      }
    });
    session.listen(new SessionListener() {
      @Override
      public void subscribed() {
        subscribed = true;
        firstSubscription.countDown();
        LOG.info("{} subscribed to {}", settings.purpose(), filters);
      }

      @Override
      public void lost(String reason) {
        subscribed = false;
        LOG.warn("{} lost the MQTT broker: {}", settings.purpose(), reason);
      }
    });
    for (String filter : filters) {
      CompletableFuture<Void> granted = session.subscribe(filter, 1);
      granted.exceptionally(refused -> {
        LOG.error("the broker refused the subscription of {} to {}: {}", settings.purpose(), filter,
            refused.toString());
        return null;
      });
    }
    session.start();
  }

  /** Waits until the broker first confirmed the subscriptions; false when it did not within {@code wait}. */
  public boolean awaitSubscribed(Duration wait) throws InterruptedException {
    return firstSubscription.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the broker confirmed the subscriptions on the current connection. */
  public boolean ready() {
    return subscribed;
  }

  public String serverUri() {
    return settings.brokerUri();
  }

  @Override
  public void publish(String topic, byte[] payload, boolean retained) {
    PublishResult result = session.publishAndWait(OutboundMessage.of(topic, payload, 1).withRetained(retained),
        PUBLISH_WAIT);
    if (!result.accepted()) {
      throw new IllegalStateException("cannot publish on " + topic + ": " + result.describe());
    }
  }

  @Override
  public void answer(String responseTopic, byte[] payload, byte[] correlation) {
    session.publish(new OutboundMessage(responseTopic, payload, 1, false, Optional.empty(), correlation))
        .thenAccept(result -> {
          if (!result.accepted()) {
            LOG.warn("an answer on {} was {}", responseTopic, result.describe());
          }
        });
  }

  /** One message of a subscription. */
  public static final class Delivery {
    private final InboundMessage message;

    private Delivery(InboundMessage message) {
      this.message = message;
    }

    public String topic() {
      return message.topic();
    }

    public byte[] payload() {
      return message.payload();
    }

    /** The MQTT 5 Response Topic a request names, if any. */
    public Optional<String> responseTopic() {
      return message.responseTopic();
    }

    /** The MQTT 5 Correlation Data a request carries, if any. */
    public Optional<byte[]> correlation() {
      byte[] data = message.correlationData();
      return data.length == 0 ? Optional.empty() : Optional.of(data);
    }

    /** Whether the broker handed over a retained message at subscription, rather than a live one. */
    public boolean retained() {
      return message.retained();
    }

    /** The first value of MQTT 5 user property {@code name}, if the sender set it. */
    public Optional<String> userProperty(String name) {
      return message.userProperty(name);
    }

    /** Sends the PUBACK, with manual acknowledgements; a connection lost meanwhile means a redelivery. */
    public void acknowledge() {
      message.acknowledge();
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
