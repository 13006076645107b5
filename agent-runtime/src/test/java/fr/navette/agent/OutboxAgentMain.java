package fr.navette.agent;

import static org.awaitility.Awaitility.await;

import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A minimal agent run as a real separate process by {@link KillNineTest}:
 * {@code store <outbox> <broker> <site> <device>} connects, stores one return event, prints
 * {@code stored <eventId>} and then holds (never publishes) until it is killed;
 * {@code drain <outbox> <broker> <site> <device>} connects, forwards the outbox until it is empty, prints
 * {@code drained} and exits.
 */
public final class OutboxAgentMain {
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path file = Path.of(args[1]);
    Clock clock = Clock.systemUTC();
    SessionSettings settings = SessionSettings.of(args[2], args[3], args[4])
        .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(2));
    try (SqliteOutbox outbox = SqliteOutbox.open(file, args[4], clock);
         DeviceSession session = new DeviceSession(settings, clock)) {
      session.highWaterMark(outbox::lastSequence);
      session.connect();
      await().atMost(Duration.ofSeconds(30)).until(session::isConnected);
      if (mode.equals("store")) {
        Outbox.StoredEvent stored = outbox.append(Channel.RETURN,
            h -> EventCodec.encode(new ReturnEvent(h, "ITEM-KILL9", clock.instant(), false)));
        System.out.println("stored " + EventCodec.decodeReturn(stored.payload()).header().eventId());
        System.out.flush();
        new CountDownLatch(1).await(); // held between store and publish: the test kills us here
      } else {
        try (OutboxForwarder forwarder = new OutboxForwarder(outbox, session, args[4], DrainRate.unlimited())) {
          forwarder.start();
          await().atMost(Duration.ofSeconds(60)).until(() -> outbox.depth() == 0);
        }
        System.out.println("drained");
        System.out.flush();
      }
    }
  }
}
