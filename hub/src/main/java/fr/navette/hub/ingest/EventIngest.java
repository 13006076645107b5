package fr.navette.hub.ingest;

import fr.navette.broker.EmbeddedBroker;
import fr.navette.hub.ingest.EventStore.NewEvent;
import fr.navette.hub.ingest.QuarantineStore.SetAside;
import fr.navette.hub.devices.DeviceRegistry;
import fr.navette.hub.store.Database;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.CommandAck;
import fr.navette.schema.ConfigAck;
import fr.navette.schema.Event;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.SchemaException;
import fr.navette.schema.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * Takes device events and stores them before they are acknowledged.
 *
 * <p>Two ways in, one writer. On an external broker the hub subscribes (shared, {@code $share/<group>/...}, so
 * that several hubs split the load) with manual acknowledgement: Paho's callback only queues a message, and its
 * PUBACK to the broker goes after the commit; if the hub dies, the broker redelivers the unacknowledged messages
 * to the persistent session (clean start false) or to another hub of the share group. On the hub's own embedded
 * broker there is no subscription: the broker hands each device PUBLISH over before answering it
 * ({@link #takeFrom}), and the device's own PUBACK waits for the commit — one hop less (no queueing in the
 * broker, no delivery to a subscriber), which is what lets one hub on two cores ingest tens of thousands of
 * events a second (bench/README, hub load).
 *
 * <p>One writer thread takes what has arrived (up to {@value #BATCH} messages), stores it in one transaction —
 * events, and quarantine records for what cannot be understood — and only then acknowledges. Batching is what
 * makes a durable commit per message affordable (one fsync for many). If the store fails, the batch is retried
 * with backoff and nothing is acknowledged meanwhile. Duplicates, within a hub or across hubs, are absorbed by
 * the event id.
 */
public final class EventIngest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventIngest.class);
  private static final long SESSION_EXPIRY_SECONDS = 7 * 24 * 3600L;
  private static final int RECEIVE_MAXIMUM = 2000;
  static final int BATCH = 1000;
  /**
   * Messages taken in the broker and not yet stored, at most: beyond, devices are told to send again later. Each
   * device has at most the broker's receive maximum (10) in flight, so this is 2,000 devices' worth.
   */
  static final int TAKEN_AT_MOST = 20_000;
  /**
   * Channels the hub subscribes to even on its embedded broker: a will — the {@code state} message the broker
   * publishes for a device that vanished — is not a PUBLISH from a client, so the broker's interceptors never see
   * it; and a retained state is delivered only to a subscription.
   */
  static final Set<Channel> ALWAYS_SUBSCRIBED = Set.of(Channel.STATE);
  private static final Set<String> TAKEN_IN_BROKER = Set.copyOf(ingestedChannels().stream()
      .filter(c -> !ALWAYS_SUBSCRIBED.contains(c)).map(Channel::wireName).toList());

  private final MqttAsyncClient client;
  private final Database db;
  private final EventStore events;
  private final QuarantineStore quarantine;
  private final DeviceRegistry devices;
  private final Consumer<Channel> onNewEvents;
  private final String shareGroup;
  private final BlockingQueue<Incoming> arrived = new ArrayBlockingQueue<>(TAKEN_AT_MOST + 2 * RECEIVE_MAXIMUM);
  private final Thread writer;
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private volatile boolean brokerHandsOver;
  private volatile boolean running = true;

  /** A message to store, and what acknowledges it once stored. */
  private record Incoming(String topic, byte[] payload, Runnable acknowledge) {}

  public EventIngest(String brokerUri, String clientId, String shareGroup, Database db, EventStore events,
                     QuarantineStore quarantine, DeviceRegistry devices, Consumer<Channel> onNewEvents) {
    this.db = Objects.requireNonNull(db);
    this.events = Objects.requireNonNull(events);
    this.quarantine = Objects.requireNonNull(quarantine);
    this.devices = Objects.requireNonNull(devices);
    this.onNewEvents = Objects.requireNonNull(onNewEvents);
    this.shareGroup = shareGroup;
    try {
      // Paho's in-flight state is memory only: what is not yet acknowledged is still the broker's to redeliver.
      this.client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("bad MQTT broker URI or client id: " + brokerUri + ", " + clientId, e);
    }
    client.setManualAcks(true);
    client.setCallback(new Callback());
    this.writer = Thread.ofPlatform().name("hub-ingest").daemon(true).unstarted(this::writeLoop);
  }

  public void start() {
    writer.start();
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 30);
    options.setKeepAliveInterval(30);
    options.setReceiveMaximum(RECEIVE_MAXIMUM);
    if (client.getServerURI().startsWith("tcp://")) {
      options.setSocketFactory(new NoDelaySocketFactory()); // see there: PUBACKs must not wait for Nagle
    }
    try {
      client.connect(options).waitForCompletion(30_000);
      // Devices are let in only once this is true: what they publish before would match no subscription.
      if (!subscribed.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the MQTT broker " + client.getServerURI()
            + " did not confirm the hub's subscriptions within 30 s");
      }
    } catch (MqttException e) {
      throw new IllegalStateException("hub cannot connect to the MQTT broker " + client.getServerURI() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while subscribing", e);
    }
  }

  /**
   * Takes device events inside the hub's embedded broker instead of subscribing (see the class comment). Call
   * before {@link #start()}.
   */
  public void takeFrom(EmbeddedBroker broker) {
    brokerHandsOver = true;
    broker.takePublishes(new EmbeddedBroker.PublishTaker() {
      @Override
      public boolean wants(String topic) {
        return takenInBroker(topic);
      }

      @Override
      public void take(String topic, byte[] payload, EmbeddedBroker.Settlement settlement) {
        // Never wait on a broker thread: a hub that cannot keep up says so, and the device sends again later.
        if (!arrived.offer(new Incoming(topic, payload, settlement::kept))) {
          settlement.refused("the hub is busy: send it again later");
        }
      }
    });
  }

  /**
   * Whether the embedded broker hands {@code topic} over: one the hub's subscriptions would match,
   * {@code navette/v1/+/+/<channel>} for an ingested channel, except those in {@link #ALWAYS_SUBSCRIBED}. What is
   * wrong inside (a bad site or device name) is for {@link #classify} to set aside.
   */
  static boolean takenInBroker(String topic) {
    if (!topic.startsWith(Topic.ROOT + "/")) {
      return false;
    }
    int site = Topic.ROOT.length() + 1;
    int device = topic.indexOf('/', site) + 1;
    int channel = device == 0 ? 0 : topic.indexOf('/', device) + 1;
    return channel > 0 && topic.indexOf('/', channel) < 0 && TAKEN_IN_BROKER.contains(topic.substring(channel));
  }

  /**
   * The subscription of one hub among several splitting the load ({@code $share/<group>/<filter>}), or the plain
   * filter when {@code shareGroup} is empty (a hub alone on its embedded broker).
   */
  public static String shared(String shareGroup, String filter) {
    return shareGroup.isEmpty() ? filter : "$share/" + shareGroup + "/" + filter;
  }

  /** Every channel devices speak on, except SIGB requests: those carry PINs and are never stored. */
  static List<Channel> ingestedChannels() {
    return Arrays.stream(Channel.values())
        .filter(c -> c.direction() == Channel.Direction.DEVICE_TO_HUB && c != Channel.REQUEST)
        .toList();
  }

  private void subscribe() throws MqttException {
    List<Channel> channels = ingestedChannels().stream()
        .filter(c -> !brokerHandsOver || ALWAYS_SUBSCRIBED.contains(c))
        .toList();
    MqttSubscription[] subscriptions = channels.stream()
        .map(c -> new MqttSubscription(shared(shareGroup, Topic.filterForChannel(c)), 1))
        .toArray(MqttSubscription[]::new);
    // Never wait here (Paho's callback thread): the SUBACK is counted when it comes.
    client.subscribe(subscriptions, null, new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        LOG.info("hub subscribed (share group {}) to {}", shareGroup, channels);
        subscribed.countDown();
      }

      @Override
      public void onFailure(IMqttToken token, Throwable failure) {
        LOG.error("the broker refused the hub's subscriptions: {}", failure.toString());
      }
    }, new MqttProperties());
  }

  private void writeLoop() {
    List<Incoming> batch = new ArrayList<>(BATCH);
    while (running) {
      try {
        Incoming first = arrived.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        arrived.drainTo(batch, BATCH - 1);
        storeUntilDone(batch);
        for (Incoming message : batch) {
          message.acknowledge().run();
        }
        batch.clear();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void storeUntilDone(List<Incoming> batch) throws InterruptedException {
    Sorted sorted = new Sorted();
    for (Incoming message : batch) {
      classify(message.topic(), message.payload(), sorted);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        List<NewEvent> fresh = db.inTransaction(c -> {
          quarantine.add(c, sorted.setAside);
          List<NewEvent> inserted = events.insertIfAbsent(c, sorted.events);
          devices.record(c, inserted);
          for (Ack ack : sorted.acks) {
            switch (ack.ack()) {
              case ConfigAck config -> devices.configAck(c, ack.site(), config);
              case CommandAck command -> devices.commandAck(c, ack.site(), command);
              default -> throw new IllegalStateException("not an acknowledgement: " + ack);
            }
          }
          return inserted;
        });
        sorted.setAside.forEach(m -> LOG.warn("quarantined a message on {}: {}", m.topic(), m.reason()));
        if (fresh.size() < sorted.events.size()) {
          LOG.debug("{} duplicate event(s) acknowledged again, not applied twice",
              sorted.events.size() - fresh.size());
        }
        fresh.stream().map(e -> e.event().channel()).distinct().forEach(onNewEvents);
        return;
      } catch (RuntimeException e) {
        Duration delay = Duration.ofMillis(Math.min(30_000, 100L << Math.min(attempt, 8)));
        LOG.error("cannot store {} message(s), none acknowledged; retrying in {} ms: {}", batch.size(),
            delay.toMillis(), e.toString());
        Thread.sleep(delay);
      }
    }
  }

  /** What a batch holds, once sorted. */
  static final class Sorted {
    final List<NewEvent> events = new ArrayList<>();
    final List<Ack> acks = new ArrayList<>();
    final List<SetAside> setAside = new ArrayList<>();
  }

  record Ack(String site, Object ack) {}

  /** Sorts one message: an event or an acknowledgement that follows the schema, or a quarantine record. */
  static void classify(String topicName, byte[] payload, Sorted into) {
    Topic topic;
    try {
      topic = Topic.parse(topicName);
    } catch (SchemaException e) {
      into.setAside.add(new SetAside(topicName, payload, e.getMessage()));
      return;
    }
    Optional<Channel> channel = Channel.fromWire(topic.channel())
        .filter(c -> c.direction() == Channel.Direction.DEVICE_TO_HUB);
    if (channel.isEmpty()) {
      into.setAside.add(new SetAside(topicName, payload,
          "channel '" + topic.channel() + "' is not one devices publish on in schema " + EventCodec.SCHEMA_VERSION));
      return;
    }
    try {
      switch (channel.get()) {
        case CONFIG_ACK -> into.acks.add(new Ack(topic.site(), own(topic, MessageCodec.decodeConfigAck(payload))));
        case COMMAND_ACK -> into.acks.add(new Ack(topic.site(), own(topic, MessageCodec.decodeCommandAck(payload))));
        default -> {
          Event event = EventCodec.decode(channel.get(), payload);
          if (!event.header().deviceId().equals(topic.device())) {
            throw new SchemaException("deviceId",
                "'" + event.header().deviceId() + "' differs from the topic's device '" + topic.device() + "'");
          }
          into.events.add(new NewEvent(topic, event, payload, needsWork(channel.get())
              ? EventStore.PENDING : EventStore.APPLIED));
        }
      }
    } catch (SchemaException e) {
      into.setAside.add(new SetAside(topicName, payload, topic.channel() + ": " + e.getMessage()));
    }
  }

  /**
   * Returns are checked in at the SIGB, alarms enriched from it, return problems raised as alerts; every other
   * event is applied on arrival.
   */
  static boolean needsWork(Channel channel) {
    return channel == Channel.RETURN || channel == Channel.ALARM || channel == Channel.RETURN_PROBLEM;
  }

  private static <A> A own(Topic topic, A ack) {
    String deviceId = switch (ack) {
      case ConfigAck a -> a.deviceId();
      case CommandAck a -> a.deviceId();
      default -> throw new IllegalArgumentException(String.valueOf(ack));
    };
    if (!deviceId.equals(topic.device())) {
      throw new SchemaException("deviceId", "'" + deviceId + "' differs from the topic's device '" + topic.device() + "'");
    }
    return ack;
  }

  private void acknowledge(int messageId, int qos) {
    try {
      client.messageArrivedComplete(messageId, qos);
    } catch (MqttException e) {
      // The connection dropped after the commit: the broker redelivers, the event id absorbs the duplicate.
      LOG.debug("PUBACK for message {} not sent: {}", messageId, e.toString());
    }
  }

  /** Publishes on the hub's session (configuration, commands, responses), QoS 1. */
  public void publish(String topic, byte[] payload, boolean retained) {
    try {
      client.publish(topic, payload, 1, retained).waitForCompletion(10_000);
    } catch (MqttException e) {
      throw new IllegalStateException("cannot publish on " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("closing the hub's MQTT client: {}", e.toString());
    }
    writer.interrupt();
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      // Bounded by the receive maximum: the broker sends no more than that many unacknowledged messages.
      int id = message.getId();
      int qos = message.getQos();
      arrived.put(new Incoming(topic, message.getPayload(), () -> acknowledge(id, qos)));
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
