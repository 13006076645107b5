package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.broker.EmbeddedBroker;
import fr.navette.mqtt.testkit.PrivateMosquitto;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.ReturnEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarts in the middle of a burst of 10,000 events: the hub gets every one, applies none twice,
 * in the device's order. Against the embedded HiveMQ and against a Mosquitto process of the test's own (the
 * machine's Mosquitto on 1883 is not ours to restart).
 */
class BrokerRestartTest {
  private static final int BURST = 10_000;
  @TempDir Path dir;

  interface RestartableBroker extends AutoCloseable {
    String uri();

    void restart() throws Exception;

    @Override
    void close();
  }

  @Test
  void embeddedHiveMq() throws Exception {
    Path folder = dir.resolve("broker");
    EmbeddedBroker first = EmbeddedBroker.startOpen(folder, "127.0.0.1", 0);
    int port = first.port();
    try (RestartableBroker broker = new RestartableBroker() {
      EmbeddedBroker current = first;

      @Override
      public String uri() {
        return current.uri();
      }

      @Override
      public void restart() {
        current.close();
        current = EmbeddedBroker.startOpen(folder, "127.0.0.1", port);
      }

      @Override
      public void close() {
        current.close();
      }
    }) {
      burstAcrossARestart(broker);
    }
  }

  @Test
  void mosquitto() throws Exception {
    // Persistent, no queue bound: on SIGTERM Mosquitto saves its sessions and queued messages, then exits.
    try (PrivateMosquitto mosquitto = PrivateMosquitto.start(dir, """
            persistence true
            persistence_location %s/
            max_queued_messages 0
            """);
         RestartableBroker broker = new RestartableBroker() {
           @Override
           public String uri() {
             return mosquitto.uri();
           }

           @Override
           public void restart() throws Exception {
             mosquitto.stop();
             mosquitto.resume();
           }

           @Override
           public void close() {
             // the Mosquitto itself is closed (and waited for) by the try
           }
         }) {
      burstAcrossARestart(broker);
    }
  }

  private void burstAcrossARestart(RestartableBroker broker) throws Exception {
    String device = "gate-burst-" + UUID.randomUUID().toString().substring(0, 8);
    Clock clock = Clock.systemUTC();
    try (HubProbe hub = new HubProbe(broker.uri(), "BR01", device);
         SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("outbox.db"), device, clock);
         DeviceSession session = new DeviceSession(SessionSettings.of(broker.uri(), "BR01", device)
             .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(2)), clock);
         // Paced as after an outage: both brokers cap what they queue for a hub that is away (HiveMQ CE: 1,000
         // per client, then discards), and the device may be back before the hub.
         OutboxForwarder forwarder = new OutboxForwarder(outbox, session, device,
             new DrainRate(400, 100, System::nanoTime))) {
      session.highWaterMark(outbox::lastSequence);
      session.connect();
      forwarder.start();
      AtomicLong appended = new AtomicLong();
      CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
        for (int i = 1; i <= BURST; i++) {
          String item = "ITEM" + i;
          outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, clock.instant(), false)));
          appended.incrementAndGet();
          forwarder.wakeUp();
        }
      });

      await().atMost(Duration.ofSeconds(120)).until(() -> forwarder.confirmed() >= BURST / 5);
      broker.restart();
      long confirmedAtRestart = forwarder.confirmed();

      burst.get(120, TimeUnit.SECONDS);
      try {
        await().atMost(Duration.ofSeconds(120)).until(() -> hub.applied.size() == BURST);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("the hub applied " + hub.applied.size() + " of " + BURST + "; outbox depth "
            + outbox.depth() + ", confirmed " + forwarder.confirmed() + ", missing e.g. "
            + missing(hub).stream().limit(20).toList(), e);
      }
      assertThat(confirmedAtRestart).as("the restart came in the middle of the burst").isLessThan(BURST);
      assertThat(outbox.depth()).isZero();
      List<Long> sequences;
      synchronized (hub.applied) {
        sequences = hub.applied.stream().map(EventHeader::sequence).toList();
      }
      // None lost, none applied twice, in the device's order.
      assertThat(sequences).containsExactlyElementsOf(LongStream.rangeClosed(1, BURST).boxed().toList());
      long duplicates = hub.deliveries.values().stream().mapToLong(c -> c.get() - 1L).sum();
      System.out.printf("burst of %d across a broker restart: %d duplicate deliveries absorbed%n", BURST,
          duplicates);
    }
  }

  private static List<Long> missing(HubProbe hub) {
    java.util.Set<Long> seen;
    synchronized (hub.applied) {
      seen = hub.applied.stream().map(EventHeader::sequence).collect(java.util.stream.Collectors.toSet());
    }
    return LongStream.rangeClosed(1, BURST).filter(s -> !seen.contains(s)).boxed().toList();
  }
}
