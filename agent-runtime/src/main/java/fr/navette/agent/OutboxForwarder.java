package fr.navette.agent;

import fr.navette.agent.Outbox.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the {@link Outbox} to the broker, oldest first, one at a time so that order holds:
 * publish, wait for the PUBACK, then remove. When the broker is out of reach it waits (1 s doubling to 30 s,
 * with jitter so that a library's devices do not all come back in the same second) and tries again.
 */
public final class OutboxForwarder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxForwarder.class);
  private static final Duration PUBACK_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Outbox outbox;
  private final DeviceSession session;
  private final Semaphore wakeUp = new Semaphore(0);
  private final Thread loop;
  private volatile boolean running = true;

  public OutboxForwarder(Outbox outbox, DeviceSession session, String name) {
    this.outbox = outbox;
    this.session = session;
    this.loop = Thread.ofPlatform().name("outbox-" + name).daemon(true).unstarted(this::run);
  }

  public void start() {
    loop.start();
  }

  /** Called after an append, so that the event leaves now rather than at the next poll. */
  public void wakeUp() {
    wakeUp.release();
  }

  private void run() {
    int failures = 0;
    while (running) {
      try {
        List<StoredEvent> batch = outbox.oldest(100);
        for (StoredEvent event : batch) {
          session.publishAndConfirm(event.channel().wireName(), event.payload(), PUBACK_TIMEOUT);
          outbox.remove(event.sequence());
          failures = 0;
        }
        if (batch.isEmpty()) {
          wakeUp.tryAcquire(1, TimeUnit.SECONDS);
          wakeUp.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        failures++;
        long base = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(failures - 1, 5));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        if (failures == 1 || failures % 10 == 0) {
          LOG.info("{} event(s) wait in the outbox: {} (retry in {} ms)", outbox.depth(), e.toString(), delay);
        }
        try {
          wakeUp.tryAcquire(delay, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    loop.interrupt();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
