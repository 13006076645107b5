package fr.navette.hub.intake;

import fr.navette.hub.devices.DeviceRegistry;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.EventStore.NewEvent;
import fr.navette.hub.events.PersonalChannels;
import fr.navette.hub.events.QuarantineStore;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device events and stores them before they are acknowledged: the hub's {@link Intake}.
 *
 * <p>Two ways in, one writer. On the hub's own embedded broker there is no subscription: the broker hands each
 * device PUBLISH over before answering it ({@link BrokerSource}), and the device's own PUBACK waits for the commit —
 * one hop less (no queueing in the broker, no delivery to a subscriber), which is what lets one hub on two cores
 * ingest tens of thousands of events a second (bench/README, hub load). On an external broker the hub subscribes
 * ({@link SubscriptionSource}: shared, manual acknowledgement, the PUBACK after the commit).
 *
 * <p>Whatever the source, a payload that breaks the schema is quarantined and refused, and a store failing refuses
 * with "send it again later" (or holds the message, for a sender that cannot be told). One writer thread stores
 * what has arrived in batches ({@link BatchWriter}, which also isolates poison). Duplicates, within a hub or across
 * hubs, are absorbed by the event id.
 */
public final class EventIngest implements Intake, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventIngest.class);
  /** What a subscription may have in flight beyond {@link #TAKEN_AT_MOST} (its receive maximum, twice). */
  static final int RECEIVE_MAXIMUM = 2000;
  static final int BATCH = 1000;
  /**
   * Messages taken in the broker and not yet stored, at most: beyond, devices are told to send again later. Each
   * device has at most the broker's receive maximum (10) in flight, so this is 2,000 devices' worth.
   */
  static final int TAKEN_AT_MOST = 20_000;

  private final BatchWriter writer;
  private final BlockingQueue<Incoming> arrived = new ArrayBlockingQueue<>(TAKEN_AT_MOST + 2 * RECEIVE_MAXIMUM);
  private final Thread writerThread;
  private volatile boolean running = true;

  /**
   * @param onNewEvents told of each channel with events newly stored, to wake its worker
   * @param counts where every message's fate is counted (the sources count their own refusals there too)
   */
  public EventIngest(Database db, EventStore events, QuarantineStore quarantine, DeviceRegistry devices,
                     Consumer<Channel> onNewEvents, IngestCounts counts) {
    this.writer = new BatchWriter(db, events, quarantine, devices, onNewEvents, counts);
    this.writerThread = Thread.ofPlatform().name("hub-ingest").daemon(true).unstarted(this::writeLoop);
  }

  /** Starts the writer: call before any source hands messages over. */
  public void start() {
    writerThread.start();
  }

  @Override
  public boolean offer(Incoming message) {
    return arrived.offer(message); // never wait on a broker thread
  }

  @Override
  public void put(Incoming message) throws InterruptedException {
    arrived.put(message);
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
              ? EventStore.PENDING : EventStore.APPLIED, in.clock()));
        }
      };
    } catch (SchemaException e) { // said without a patron's values on a channel that carries them
      return BatchWriter.Sorted.setAside(in, topic.channel() + ": " + PersonalChannels.reason(in.topic(), e));
    } catch (RuntimeException e) { // a decoder's bug met by hostile input: set aside, never stop ingest
      return BatchWriter.Sorted.setAside(in, topic.channel() + ": unreadable ("
          + PersonalChannels.reason(in.topic(), e) + ")");
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

  @Override
  public void close() {
    running = false;
    writerThread.interrupt();
    try {
      writerThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
