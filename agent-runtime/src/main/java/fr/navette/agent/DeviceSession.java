package fr.navette.agent;

import fr.navette.mqtt.InboundMessage;
import fr.navette.mqtt.MqttSession;
import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import fr.navette.mqtt.SessionListener;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.SchemaException;
import fr.navette.schema.SentAt;
import fr.navette.schema.StateEvent;
import fr.navette.schema.Topic;
import fr.navette.schema.UuidV7;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's MQTT 5 session: the device's channels, birth and death, on top of the {@code mqtt} module's
 * {@link MqttSession} (which owns reconnect with backoff, the fresh client per connection, TLS, the PUBACK
 * reason codes and the threads: see {@code mqtt/README.md}).
 *
 * <ul>
 *   <li>Each message carries the MQTT 5 user property {@code sent-at} ({@link SentAt}): the device's clock at
 *       publication, from which the hub corrects a clock that is hours or days off.
 *   <li>Clean start false with a session expiry: the broker keeps the device's subscriptions, and the config
 *       and commands sent while it was away, for {@link SessionSettings#sessionExpiry()}.
 *   <li>Birth and death: the will is a retained {@code state offline} (built at each connect); each connect
 *       publishes a retained {@code state online}; {@link #close()} publishes {@code offline} itself before a
 *       clean disconnect.
 *   <li>Reconnect: from the very first attempt, waiting exponentially with jitter between attempts.
 *   <li>Incoming messages (config, commands, responses) go to their handlers one at a time on the session's
 *       own thread, never Paho's: a handler may publish and wait without stalling the client.
 * </ul>
 * Nothing in flight survives a restart or a lost connection: the {@link Outbox} is what does.
 */
public final class DeviceSession implements EventPublisher, AutoCloseable {
  /** MQTT 5 PUBACK reason code: the broker had no subscription for the message. */
  private static final int NO_MATCHING_SUBSCRIBERS = 0x10;
  private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);

  private final SessionSettings settings;
  private final MqttSession mqtt;
  private final UuidV7 ids;
  private final Clock clock;
  private final Map<Channel, Consumer<IncomingMessage>> handlers = new ConcurrentHashMap<>();
  private final List<Runnable> onConnect = new CopyOnWriteArrayList<>();
  private volatile LongSupplier highWaterMark = () -> 0;

  public DeviceSession(String brokerUri, String site, String deviceId) {
    this(SessionSettings.of(brokerUri, site, deviceId), Clock.systemUTC());
  }

  public DeviceSession(SessionSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.ids = new UuidV7(clock);
    this.mqtt = MqttSession.paho(mqttSettings(settings));
    // A will is built at connect time: its device time is the connect time (the hub takes the death from arrival).
    mqtt.will(() -> OutboundMessage.retained(topic(Channel.STATE).toString(), state(StateEvent.State.OFFLINE)));
    mqtt.onMessage(this::arrived);
    mqtt.listen(new SessionListener() {
      @Override
      public void connected() {
        try {
          publishLive(Channel.STATE, state(StateEvent.State.ONLINE), 1);
        } catch (SessionException e) {
          LOG.warn("device {}: birth not published: {}", deviceId(), e.getMessage());
        }
        onConnect.forEach(Runnable::run);
      }
    });
  }

  private static MqttSettings mqttSettings(SessionSettings settings) {
    MqttSettings mqtt = MqttSettings.of(settings.brokerUri(), settings.deviceId())
        .persistentSession(settings.sessionExpiry())
        .withKeepAlive(settings.keepAlive())
        .withConnectTimeout(settings.connectTimeout())
        .withReconnect(settings.reconnectMin(), settings.reconnectMax());
    return settings.tls().map(tls -> mqtt.withTls(settings.brokerUri(), tls)).orElse(mqtt);
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
    // Made again at each connect, also after a reconnect with a session present: the broker may have expired it.
    mqtt.subscribe(topic(channel).toString(), 1);
  }

  /** Runs {@code action} after each connect (on the handlers' thread), e.g. to report health at once. */
  public void whenConnected(Runnable action) {
    onConnect.add(action);
  }

  /** Starts connecting and returns at once; from then on the session reconnects by itself until closed. */
  public void connect() {
    mqtt.start();
  }

  /**
   * Ends the connection cleanly and connects again at once (no will: the device does not go offline), reading the
   * TLS files afresh — after {@link IdentityRenewal} wrote a new certificate.
   */
  public void reconnect(String why) {
    mqtt.reconnect(why);
  }

  public boolean isConnected() {
    return mqtt.isConnected();
  }

  /** The last connection error, or an empty string. */
  public String lastError() {
    return mqtt.lastError();
  }

  @Override
  public void publishAndConfirm(Channel channel, byte[] payload, Optional<Instant> makingClockNow, Duration timeout)
      throws SessionException {
    PublishResult result = mqtt.publishAndWait(message(channel, payload, 1, makingClockNow), timeout);
    switch (result) {
      // 0x10 "no matching subscribers": no hub was subscribed (both hubs of a scale-out down, or not yet subscribed
      // again after a Mosquitto restart) and Mosquitto dropped the message. Not delivered: the outbox keeps it.
      // The hub's embedded broker answers 0x00 for what the hub stored.
      case PublishResult.Accepted accepted when accepted.reasonCode() == NO_MATCHING_SUBSCRIBERS ->
          throw new SessionException("no hub is subscribed to " + channel.wireName()
              + " (reason code 0x10): kept to send again");
      case PublishResult.Accepted accepted -> { }
      // A PUBACK may say no (MQTT 5 reason code 0x80 and above: the hub could not store it, quota, not
      // authorised): the message is then not delivered, and the outbox must keep it.
      case PublishResult.Refused refused -> {
        String message = "the broker refused the " + channel.wireName() + " message (reason code 0x"
            + Integer.toHexString(refused.reasonCode()) + (refused.reason().isEmpty() ? "" : ": " + refused.reason())
            + ")";
        throw RefusedForGoodException.forGood(refused.reasonCode()) ? new RefusedForGoodException(message)
            : new SessionException(message);
      }
      case PublishResult.NotSent notSent ->
          throw new SessionException("publishing on " + channel.wireName() + " failed: " + notSent.why());
    }
  }

  /**
   * Publishes without waiting (health, acknowledgements): QoS as given, retained as the channel says.
   *
   * @throws SessionException when not connected: a live message is not queued
   */
  public void publishLive(Channel channel, byte[] payload, int qos) throws SessionException {
    live(channel, message(channel, payload, qos, Optional.empty()));
  }

  /**
   * Publishes a request without waiting: QoS 1, with this device's {@code responseChannel} as MQTT 5 Response
   * Topic and {@code correlationData}.
   *
   * @throws SessionException when not connected: a request is never queued
   */
  public void publishRequest(Channel channel, byte[] payload, Channel responseChannel, byte[] correlationData)
      throws SessionException {
    live(channel, OutboundMessage.request(topic(channel).toString(), payload, topic(responseChannel).toString(),
        correlationData));
  }

  private void live(Channel channel, OutboundMessage message) throws SessionException {
    CompletableFuture<PublishResult> result = mqtt.publish(message);
    PublishResult now = result.getNow(null);
    if (now instanceof PublishResult.NotSent notSent) {
      throw new SessionException(notSent.why());
    }
    result.thenAccept(outcome -> {
      if (!outcome.accepted()) {
        LOG.debug("device {}: live {} {}", deviceId(), channel.wireName(), outcome.describe());
      }
    });
  }

  /**
   * Every message this device publishes says what its clock reads now ({@link SentAt}): the hub measures the
   * clock's offset from it and puts the event's times right — also an event made long ago in the outbox, whose
   * times came from the same clock. Unless the clock was stepped while the event waited (NTP back after a power
   * cut): then {@code makingClockNow} — the event's stored time plus the monotonic time gone by since — is the
   * clock its times came from, and the hub must measure that one, or it would leave hours or days on a return
   * date ({@link Outbox.StoredEvent#makingClockNow()}).
   */
  private OutboundMessage message(Channel channel, byte[] payload, int qos, Optional<Instant> makingClockNow) {
    OutboundMessage message = OutboundMessage.of(topic(channel).toString(), payload, qos)
        .withRetained(channel.retained());
    Instant now = makingClockNow.orElseGet(clock::instant);
    return SentAt.format(now).map(at -> message.withUserProperty(SentAt.PROPERTY, at)).orElse(message);
  }

  /** The topic of one of this device's channels, e.g. the response topic a request names. */
  public Topic topic(Channel channel) {
    return Topic.of(settings.site(), settings.deviceId(), channel);
  }

  private void arrived(InboundMessage message) {
    Channel channel;
    try {
      channel = Channel.fromWire(Topic.parse(message.topic()).channel()).orElseThrow(
          () -> new SchemaException("topic.channel", "unknown channel in " + message.topic()));
    } catch (SchemaException e) {
      LOG.warn("device {}: ignored a message on {}: {}", deviceId(), message.topic(), e.getMessage());
      return;
    }
    Consumer<IncomingMessage> handler = handlers.get(channel);
    if (handler == null) {
      return;
    }
    try {
      handler.accept(new IncomingMessage(channel, message.payload(), message.correlationData(), message.retained()));
    } catch (RuntimeException e) {
      LOG.error("device {}: handling a {} message failed: {}", deviceId(), channel.wireName(), e.toString(), e);
    }
  }

  private byte[] state(StateEvent.State state) {
    EventHeader header = new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), deviceId(),
        highWaterMark.getAsLong(), clock.instant());
    return EventCodec.encode(new StateEvent(header, state, settings.softwareVersion()));
  }

  @Override
  public void close() {
    mqtt.closeAfter(OutboundMessage.retained(topic(Channel.STATE).toString(), state(StateEvent.State.OFFLINE)),
        Duration.ofSeconds(2));
  }
}
