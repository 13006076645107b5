package fr.navette.bench.agent;

import fr.navette.agent.DeviceSession;
import fr.navette.agent.DrainRate;
import fr.navette.agent.OutboxForwarder;
import fr.navette.agent.SessionSettings;
import fr.navette.agent.SqliteOutbox;
import fr.navette.broker.EmbeddedBroker;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The drain after an outage: a return box stored {@code --backlog} events (default 100,000) while the hub was
 * out of reach; the broker comes back and the forwarder drains them over real MQTT 5 (embedded HiveMQ), one
 * PUBACK at a time, at the drain rate asked. Prints the fill rate (events stored per second, durable), the
 * drain time and the drain rate.
 *
 * <pre>java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" fr.navette.bench.agent.DrainBench [backlog] [ratePerSecond|unlimited]</pre>
 */
public final class DrainBench {
  public static void main(String[] args) throws Exception {
    int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    DrainRate rate = args.length > 1 && !args[1].equals("unlimited")
        ? new DrainRate(Double.parseDouble(args[1]), 100, System::nanoTime) : DrainRate.unlimited();
    String rateName = args.length > 1 ? args[1] : "unlimited";
    Path base = Path.of("target").toAbsolutePath();
    Files.createDirectories(base);
    Path dir = Files.createTempDirectory(base, "drain-bench");
    Clock clock = Clock.systemUTC();
    try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "box-bench-1", clock)) {
      long fillStart = System.nanoTime();
      Instant returned = clock.instant();
      for (int i = 0; i < backlog; i++) {
        outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, "0012345678", returned, true)));
      }
      double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
      System.out.printf("stored %d events in %.1f s: %.0f events/s (durable appends)%n", backlog, fillSeconds,
          backlog / fillSeconds);

      try (EmbeddedBroker broker = EmbeddedBroker.startOpen(dir.resolve("broker"), "127.0.0.1", 0);
           DeviceSession session = new DeviceSession(SessionSettings.of(broker.uri(), "BR01", "box-bench-1"), clock);
           OutboxForwarder forwarder = new OutboxForwarder(outbox, session, "bench", rate)) {
        // As the hub's broker does: each event taken and answered 0x00. With nobody subscribed an open broker says
        // 0x10 "no matching subscribers", which the device reads as "not received" and keeps the event.
        broker.takePublishes(new EmbeddedBroker.PublishTaker() {
          @Override
          public boolean wants(String topic) {
            return topic.endsWith("/return");
          }

          @Override
          public void take(String topic, byte[] payload,
                           java.util.function.Function<String, java.util.Optional<String>> userProperty,
                           EmbeddedBroker.Settlement settlement) {
            settlement.kept();
          }
        });
        session.connect();
        long waitUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!session.isConnected() && System.nanoTime() < waitUntil) {
          Thread.sleep(10);
        }
        long drainStart = System.nanoTime();
        forwarder.start();
        while (outbox.depth() > 0) {
          Thread.sleep(100);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        System.out.printf("drained %d events (rate %s) in %.1f s: %.0f events/s confirmed%n", backlog, rateName,
            drainSeconds, backlog / drainSeconds);
      }
    }
  }
}
