package fr.navette.agent;

import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.SchemaException;
import fr.navette.schema.StateEvent;
import fr.navette.schema.Topic;
import fr.navette.schema.UuidV7;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
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
 * A device's MQTT 5 session (Eclipse Paho), behind our own small interface.
 *
 * <ul>
 *   <li>Clean start false with a session expiry: the broker keeps the device's subscriptions, and the config
 *       and commands sent while it was away, for {@link SessionSettings#sessionExpiry()}.
 *   <li>Birth and death: the will is a retained {@code state offline}; each connect publishes a retained
 *       {@code state online}; {@link #close()} publishes {@code offline} itself before a clean disconnect.
 *   <li>Reconnect: our own loop, from the very first attempt (Paho's automatic reconnect starts only after a
 *       first success and has no jitter), waiting {@link Backoff exponentially with jitter} between attempts.
 *   <li>Incoming messages (config, commands, responses) go to their handlers on one thread of their own, never
 *       Paho's callback thread: a handler may publish and wait without stalling the client.
 * </ul>
 * Paho's in-flight state is kept in memory only: the {@link Outbox} is what survives a restart.
 */
public final class DeviceSession implements EventPublisher, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);

  private final SessionSettings settings;
  private volatile MqttAsyncClient client;
  private final UuidV7 ids;
  private final Clock clock;
  private final Map<Channel, Consumer<IncomingMessage>> handlers = new ConcurrentHashMap<>();
  private final java.util.List<Runnable> onConnect = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final ExecutorService inbound;
  private final Semaphore lost = new Semaphore(0);
  private final Thread keeper;
  private volatile LongSupplier highWaterMark = () -> 0;
  private volatile boolean running = true;
  private volatile String lastError = "";

  public DeviceSession(String brokerUri, String site, String deviceId) {
    this(SessionSettings.of(brokerUri, site, deviceId), Clock.systemUTC());
  }

  public DeviceSession(SessionSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.ids = new UuidV7(clock);
    client = newClient();
    inbound = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon(true)
        .name("mqtt-in-" + settings.deviceId()).unstarted(r));
    keeper = Thread.ofPlatform().daemon(true).name("mqtt-keeper-" + settings.deviceId()).unstarted(this::keep);
  }

  public String deviceId() {
    return settings.deviceId();
  }

  public String site() {
    return settings.site();
  }

  /** Where {@code state} and {@code health} take their sequence: the outbox's last stored sequence. */
  public void highWaterMark(LongSupplier lastSequence) {
    this.highWaterMark = lastSequence;
  }

  /** Hands every message of a hub → device channel to {@code handler}. Register before {@link #connect()}. */
  public void onMessage(Channel channel, Consumer<IncomingMessage> handler) {
    if (channel.direction() != Channel.Direction.HUB_TO_DEVICE) {
      throw new IllegalArgumentException(channel.wireName() + " is not sent to devices");
    }
    handlers.put(channel, handler);
  }

  /** Runs {@code action} after each connect (on the handlers' thread), e.g. to report health at once. */
  public void whenConnected(Runnable action) {
    onConnect.add(action);
  }

  /** Starts connecting and returns at once; from then on the session reconnects by itself until closed. */
  public void connect() {
    keeper.start();
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  /** The last connection error, or an empty string. */
  public String lastError() {
    return lastError;
  }

  @Override
  public void publishAndConfirm(Channel channel, byte[] payload, Duration timeout) throws SessionException {
    IMqttToken token = publish(channel, payload, 1, new MqttProperties());
    try {
      token.waitForCompletion(timeout.toMillis());
    } catch (MqttException e) {
      throw new SessionException("publishing on " + channel.wireName() + " failed: " + e.getMessage(), e);
    }
    if (!token.isComplete()) {
      throw new SessionException("no PUBACK for " + channel.wireName() + " within " + timeout.toMillis() + " ms");
    }
    // A PUBACK may say no (MQTT 5 reason code 0x80 and above: the hub could not store it, quota, not authorised):
    // the message is then not delivered, and the outbox must keep it.
    int[] reasons = token.getReasonCodes();
    if (reasons != null) {
      for (int reason : reasons) {
        if (reason >= 0x80) {
          String why = token.getResponseProperties() == null ? null : token.getResponseProperties().getReasonString();
          String message = "the broker refused the " + channel.wireName() + " message (reason code 0x"
              + Integer.toHexString(reason) + (why == null ? "" : ": " + why) + ")";
          throw RefusedForGoodException.forGood(reason) ? new RefusedForGoodException(message)
              : new SessionException(message);
        }
      }
    }
  }

  /**
   * Publishes without waiting (health, acknowledgements, requests): QoS as given, retained as the channel
   * says, with MQTT 5 properties (response topic, correlation data) when given.
   *
   * @throws SessionException when not connected: a live message is not queued
   */
  public void publishLive(Channel channel, byte[] payload, int qos, MqttProperties properties)
      throws SessionException {
    IMqttToken token = publish(channel, payload, qos, properties);
    if (qos == 0) {
      return;
    }
    token.setActionCallback(new org.eclipse.paho.mqttv5.client.MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken t) {}

      @Override
      public void onFailure(IMqttToken t, Throwable e) {
        LOG.debug("device {}: live {} not confirmed: {}", deviceId(), channel.wireName(), e.toString());
      }
    });
  }

  /** The topic of one of this device's channels, e.g. the response topic a request names. */
  public Topic topic(Channel channel) {
    return Topic.of(settings.site(), settings.deviceId(), channel);
  }

  private IMqttToken publish(Channel channel, byte[] payload, int qos, MqttProperties properties)
      throws SessionException {
    MqttAsyncClient current = client;
    if (!current.isConnected()) {
      throw new SessionException("not connected to " + settings.brokerUri()
          + (lastError.isEmpty() ? "" : " (" + lastError + ")"));
    }
    MqttMessage message = new MqttMessage(payload);
    message.setQos(qos);
    message.setRetained(channel.retained());
    message.setProperties(properties);
    try {
      return current.publish(topic(channel).toString(), message);
    } catch (MqttException e) {
      throw new SessionException("publishing on " + channel.wireName() + " failed: " + e.getMessage(), e);
    }
  }

  /*
   * A fresh Paho client for each connection: Paho 1.2.5 resends its in-flight publishes after a reconnect with
   * the previous connection's topic alias and no topic, and the broker disconnects it at once, forever (Paho
   * issues #527, #1104). A new client has nothing in flight; the outbox republishes what was not confirmed.
   */
  private MqttAsyncClient newClient() {
    MqttAsyncClient fresh;
    try {
      fresh = new MqttAsyncClient(settings.brokerUri(), settings.deviceId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("bad broker URI or device id: " + settings.brokerUri() + ", "
          + settings.deviceId(), e);
    }
    fresh.setCallback(new Callback(fresh));
    return fresh;
  }

  // One loop owns (re)connection: connect, wait until lost, back off, again. Paho never reconnects on its own.
  private void keep() {
    Backoff backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), ThreadLocalRandom.current());
    boolean used = false;
    while (running) {
      if (!client.isConnected()) {
        try {
          if (used) {
            discard(client);
            client = newClient();
          }
          used = true;
          client.connect(options()).waitForCompletion(settings.connectTimeout().toMillis());
          if (client.isConnected()) {
            backoff.reset();
            lastError = "";
            continue;
          }
          lastError = "no CONNACK within " + settings.connectTimeout().toMillis() + " ms";
        } catch (MqttException | SessionException e) {
          lastError = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        Duration wait = backoff.next();
        if (backoff.failures() == 1 || backoff.failures() % 10 == 0) {
          LOG.warn("device {} cannot reach {} ({} attempt(s)): {}; next in {} ms", deviceId(),
              settings.brokerUri(), backoff.failures(), lastError, wait.toMillis());
        }
        pause(wait);
      } else {
        pause(Duration.ofSeconds(1));
      }
    }
  }

  private static void discard(MqttAsyncClient old) {
    try {
      old.disconnectForcibly(0, 0, false);
    } catch (MqttException e) {
      // already gone
    }
    try {
      old.close(true);
    } catch (MqttException e) {
      LOG.debug("closing a used MQTT client: {}", e.toString());
    }
  }

  private void pause(Duration wait) {
    try {
      lost.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
      lost.drainPermits();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private MqttConnectionOptions options() throws SessionException {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
    options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
    MqttMessage will = new MqttMessage(state(StateEvent.State.OFFLINE));
    will.setQos(1);
    will.setRetained(true);
    options.setWill(topic(Channel.STATE).toString(), will);
    if (settings.tls().isPresent()) {
      options.setSocketFactory(settings.tls().get().socketFactory());
    } else if (settings.brokerUri().startsWith("tcp://")) {
      options.setSocketFactory(new NoDelaySocketFactory()); // see there: ~100 ms per kiosk request otherwise
    }
    return options;
  }

  private byte[] state(StateEvent.State state) {
    EventHeader header = new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), deviceId(),
        highWaterMark.getAsLong(), clock.instant());
    return EventCodec.encode(new StateEvent(header, state, settings.softwareVersion()));
  }

  @Override
  public void close() {
    running = false;
    keeper.interrupt();
    try {
      keeper.join(5_000);
      if (client.isConnected()) {
        publishAndConfirm(Channel.STATE, state(StateEvent.State.OFFLINE), Duration.ofSeconds(2));
        client.disconnect().waitForCompletion(5_000);
      }
      client.close(true);
    } catch (MqttException | SessionException e) {
      LOG.debug("closing device session {}: {}", deviceId(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    inbound.shutdownNow();
  }

  private final class Callback implements MqttCallback {
    private final MqttAsyncClient owner;

    Callback(MqttAsyncClient owner) {
      this.owner = owner;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      LOG.info("device {} connected to {}", deviceId(), serverURI);
      try {
        publishLive(Channel.STATE, state(StateEvent.State.ONLINE), 1, new MqttProperties());
        for (Channel channel : handlers.keySet()) {
          // Also after a reconnect with a session present: the broker may have expired it meanwhile.
          owner.subscribe(new MqttSubscription(topic(channel).toString(), 1));
        }
      } catch (MqttException | SessionException e) {
        LOG.warn("device {}: birth or subscriptions failed: {}", deviceId(), e.toString());
      }
      for (Runnable action : onConnect) {
        inbound.execute(action);
      }
    }

    @Override
    public void messageArrived(String topicName, MqttMessage message) {
      Channel channel;
      try {
        channel = Channel.fromWire(Topic.parse(topicName).channel()).orElseThrow(
            () -> new SchemaException("topic.channel", "unknown channel in " + topicName));
      } catch (SchemaException e) {
        LOG.warn("device {}: ignored a message on {}: {}", deviceId(), topicName, e.getMessage());
        return;
      }
      Consumer<IncomingMessage> handler = handlers.get(channel);
      if (handler == null) {
        return;
      }
      MqttProperties props = message.getProperties();
      byte[] correlation = props == null || props.getCorrelationData() == null ? new byte[0]
          : props.getCorrelationData();
      IncomingMessage incoming = new IncomingMessage(channel, message.getPayload(), correlation, message.isRetained());
      inbound.execute(() -> {
        try {
          handler.accept(incoming);
        } catch (RuntimeException e) {
          LOG.error("device {}: handling a {} message failed: {}", deviceId(), channel.wireName(), e.toString(), e);
        }
      });
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      if (owner != client) {
        return; // a discarded client's last words
      }
      lastError = "disconnected: " + response.getReasonString();
      LOG.warn("device {} lost the broker: {}", deviceId(), response.getReasonString());
      lost.release();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("device {} MQTT error: {}", deviceId(), exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
