package fr.navette.hub.intake;

import fr.navette.hub.events.EventStore;
import fr.navette.hub.mqtt.NoDelaySocketFactory;
import fr.navette.hub.events.QuarantineStore;

import fr.navette.broker.EmbeddedBroker;
import fr.navette.hub.devices.DeviceRegistry;
import fr.navette.hub.events.EventStore.NewEvent;
import fr.navette.hub.store.Database;
import fr.navette.schema.Channel;
import fr.navette.schema.CommandAck;
import fr.navette.schema.ConfigAck;
import fr.navette.schema.Event;
import fr.navette.schema.EventCodec;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.SchemaException;
import fr.navette.schema.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * <p>On the embedded broker no PUBLISH under {@code navette/} is answered "success" unless the hub stored it: a
 * topic outside the tree is refused at once ({@link IntakeTopics}, 0x90), a payload that breaks the schema is
 * quarantined and refused (0x99), a hub too busy (0x97) or a store failing (0x80) refuses with "send it again
 * later". One writer thread stores what has arrived in batches ({@link BatchWriter}, which also isolates poison).
 * Duplicates, within a hub or across hubs, are absorbed by the event id.
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

  private final MqttAsyncClient client;
  private final BatchWriter writer;
  private final IngestCounts counts = new IngestCounts();
  private final String shareGroup;
  private final BlockingQueue<Incoming> arrived = new ArrayBlockingQueue<>(TAKEN_AT_MOST + 2 * RECEIVE_MAXIMUM);
  private final Thread writerThread;
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private volatile boolean brokerHandsOver;
  private volatile boolean running = true;

  public EventIngest(String brokerUri, String clientId, String shareGroup, Database db, EventStore events,
                     QuarantineStore quarantine, DeviceRegistry devices, Consumer<Channel> onNewEvents) {
    this.writer = new BatchWriter(db, events, quarantine, devices, onNewEvents, counts);
    this.shareGroup = shareGroup;
    try {
      // Paho's in-flight state is memory only: what is not yet acknowledged is still the broker's to redeliver.
      this.client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("bad MQTT broker URI or client id: " + brokerUri + ", " + clientId, e);
    }
    client.setManualAcks(true);
    client.setCallback(new Callback());
    this.writerThread = Thread.ofPlatform().name("hub-ingest").daemon(true).unstarted(this::writeLoop);
  }

  /** What ingest did with what it was sent since start. */
  public IngestCounts.Snapshot counts() {
    return counts.snapshot();
  }

  public void start() {
    writerThread.start();
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
   * Takes device events inside the hub's embedded broker instead of subscribing (see the class comment), and
   * refuses what is under {@code navette/} but no topic of the tree. Call before {@link #start()}.
   */
  public void takeFrom(EmbeddedBroker broker) {
    brokerHandsOver = true;
    broker.takePublishes(new EmbeddedBroker.PublishTaker() {
      @Override
      public boolean wants(String topic) {
        return !(IntakeTopics.judge(topic) instanceof IntakeTopics.Pass);
      }

      @Override
      public void take(String topic, byte[] payload, EmbeddedBroker.Settlement settlement) {
        if (IntakeTopics.judge(topic) instanceof IntakeTopics.Refuse refuse) {
          counts.refusedTopic.increment();
          LOG.debug("refused a PUBLISH on {}: {}", BatchWriter.shorten(topic), refuse.reason());
          settlement.refused(EmbeddedBroker.Refusal.TOPIC_INVALID, BatchWriter.shorten(refuse.reason()));
          return;
        }
        // Never wait on a broker thread: a hub that cannot keep up says so, and the device sends again later.
        if (!arrived.offer(new Incoming(topic, payload, new Settled(settlement)))) {
          counts.refusedBusy.increment();
          settlement.refused(EmbeddedBroker.Refusal.BUSY, "the hub is busy: send it again later");
        }
      }
    });
  }

  /** A device's PUBLISH held in the embedded broker: its PUBACK says what became of it. */
  private record Settled(EmbeddedBroker.Settlement settlement) implements Incoming.Reply {
    @Override
    public void stored() {
      settlement.kept();
    }

    @Override
    public void setAside(String reason) {
      settlement.refused(EmbeddedBroker.Refusal.PAYLOAD_INVALID, reason);
    }

    @Override
    public boolean notStored(String reason) {
      settlement.refused(EmbeddedBroker.Refusal.NOT_STORED, reason);
      return true;
    }
  }

  /** A subscription's message: acknowledged once stored or set aside, held (unacknowledged) otherwise. */
  private final class Subscribed implements Incoming.Reply {
    private final int messageId;
    private final int qos;

    Subscribed(int messageId, int qos) {
      this.messageId = messageId;
      this.qos = qos;
    }

    @Override
    public void stored() {
      acknowledge(messageId, qos);
    }

    @Override
    public void setAside(String reason) {
      acknowledge(messageId, qos); // kept in quarantine: a redelivery would only be set aside again
    }

    @Override
    public boolean notStored(String reason) {
      return false;
    }
  }

  /**
   * The subscription of one hub among several splitting the load ({@code $share/<group>/<filter>}), or the plain
   * filter when {@code shareGroup} is empty (a hub alone on its embedded broker).
   */
  public static String shared(String shareGroup, String filter) {
    return shareGroup.isEmpty() ? filter : "$share/" + shareGroup + "/" + filter;
  }

  private void subscribe() throws MqttException {
    List<Channel> channels = IntakeTopics.ingestedChannels().stream()
        .filter(c -> !brokerHandsOver || IntakeTopics.ALWAYS_SUBSCRIBED.contains(c))
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
    List<Incoming> held = new ArrayList<>();
    List<Incoming> batch = new ArrayList<>(BATCH);
    int heldRounds = 0;
    while (running) {
      try {
        batch.addAll(held);
        held = List.of();
        Incoming first = batch.isEmpty() ? arrived.poll(1, TimeUnit.SECONDS) : arrived.poll();
        if (first != null) {
          batch.add(first);
        }
        if (batch.isEmpty()) {
          continue;
        }
        arrived.drainTo(batch, Math.max(0, BATCH - batch.size()));
        List<BatchWriter.Sorted> sorted = new ArrayList<>(batch.size());
        for (Incoming message : batch) {
          sorted.add(classify(message));
        }
        held = writer.write(sorted);
        batch.clear();
        if (!held.isEmpty()) {
          // A subscription's messages while the store fails: nobody to refuse them to; wait, then again.
          Thread.sleep(Duration.ofMillis(Math.min(30_000, 100L << Math.min(++heldRounds, 8))));
        } else {
          heldRounds = 0;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) { // a bug, never input: say it loudly, lose nothing, go on
        LOG.error("ingest failed on a batch of {} message(s), trying again: {}", batch.size(), e.toString(), e);
        held = new ArrayList<>(batch);
        batch.clear();
      }
    }
  }

  /** Sorts one message: an event or an acknowledgement that follows the schema, or a quarantine record. */
  static BatchWriter.Sorted classify(Incoming in) {
    Topic topic;
    try {
      topic = Topic.parse(in.topic());
    } catch (SchemaException e) {
      return BatchWriter.Sorted.setAside(in, e.getMessage());
    }
    Optional<Channel> channel = Channel.fromWire(topic.channel())
        .filter(c -> c.direction() == Channel.Direction.DEVICE_TO_HUB);
    if (channel.isEmpty()) {
      return BatchWriter.Sorted.setAside(in,
          "channel '" + topic.channel() + "' is not one devices publish on in schema " + EventCodec.SCHEMA_VERSION);
    }
    try {
      return switch (channel.get()) {
        case CONFIG_ACK ->
            BatchWriter.Sorted.ack(in, topic.site(), own(topic, MessageCodec.decodeConfigAck(in.payload())));
        case COMMAND_ACK ->
            BatchWriter.Sorted.ack(in, topic.site(), own(topic, MessageCodec.decodeCommandAck(in.payload())));
        default -> {
          Event event = EventCodec.decode(channel.get(), in.payload());
          if (!event.header().deviceId().equals(topic.device())) {
            throw new SchemaException("deviceId",
                "'" + event.header().deviceId() + "' differs from the topic's device '" + topic.device() + "'");
          }
          yield BatchWriter.Sorted.event(in, new NewEvent(topic, event, in.payload(), needsWork(channel.get())
              ? EventStore.PENDING : EventStore.APPLIED));
        }
      };
    } catch (SchemaException e) {
      return BatchWriter.Sorted.setAside(in, topic.channel() + ": " + e.getMessage());
    } catch (RuntimeException e) { // a decoder's bug met by hostile input: set aside, never stop ingest
      return BatchWriter.Sorted.setAside(in, topic.channel() + ": unreadable (" + e + ")");
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
    writerThread.interrupt();
    try {
      writerThread.join(5_000);
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
      arrived.put(new Incoming(topic, message.getPayload(), new Subscribed(id, qos)));
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
