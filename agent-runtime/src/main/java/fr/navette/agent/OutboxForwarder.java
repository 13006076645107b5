package fr.navette.agent;

import fr.navette.agent.Outbox.StoredEvent;
import fr.navette.mqtt.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the {@link Outbox} to the broker, oldest first, one at a time so that order holds:
 * publish, wait for the PUBACK, then remove. At most {@link DrainRate} events a second leave (after a burst),
 * so a backlog drains without flooding the hub. When the broker is out of reach it waits
 * ({@link Backoff}: 200 ms doubling to 5 s, with jitter; the session paces reconnection itself) and tries again;
 * nothing is ever skipped — except an event the hub refused for good ({@link RefusedForGoodException}: it broke
 * the schema, and the hub keeps a copy in its quarantine), which is set aside on the device
 * ({@link Outbox#refuse}) so that the events behind it are not held up forever.
 */
public final class OutboxForwarder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxForwarder.class);
  private static final Duration PUBACK_TIMEOUT = Duration.ofSeconds(10);

  private final Outbox outbox;
  private final EventPublisher publisher;
  private final DrainRate rate;
  private final Semaphore wakeUp = new Semaphore(0);
  private final LoopThread loop;
  private volatile long lastTurn = System.nanoTime();
  private volatile long confirmed;
  private volatile Consumer<String> onRefused = reason -> { };

  public OutboxForwarder(Outbox outbox, EventPublisher publisher, String name) {
    this(outbox, publisher, name, DrainRate.defaults());
  }

  public OutboxForwarder(Outbox outbox, EventPublisher publisher, String name, DrainRate rate) {
    this.outbox = outbox;
    this.publisher = publisher;
    this.rate = rate;
    this.loop = new LoopThread("outbox-" + name, this::run);
  }

  public void start() {
    loop.start();
  }

  /** Called after an append, so that the event leaves now rather than at the next poll. */
  public void wakeUp() {
    wakeUp.release();
  }

  /** Told, in words, of each event the hub refused for good (the device's health says it to staff). */
  public void onRefused(Consumer<String> listener) {
    this.onRefused = listener;
  }

  /**
   * How long the forwarding loop has not turned (the service's watchdog: a turn is at most an idle second, a 5 s
   * backoff, or one publish with its 10 s wait for the PUBACK).
   */
  public Duration sinceLastTurn() {
    return Duration.ofNanos(System.nanoTime() - lastTurn);
  }

  /** How many events the broker confirmed since start. */
  public long confirmed() {
    return confirmed;
  }

  private void run() {
    // Short: reaching the broker again is the session's job (with its own backoff); this only paces retries.
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), ThreadLocalRandom.current());
    while (loop.running()) {
      lastTurn = System.nanoTime();
      try {
        List<StoredEvent> batch = outbox.oldest(100);
        for (StoredEvent event : batch) {
          lastTurn = System.nanoTime();
          long wait = rate.take();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          try {
            publisher.publishAndConfirm(event.channel(), event.payload(), event.makingClockNow(), PUBACK_TIMEOUT);
            outbox.remove(event.sequence());
            confirmed++;
          } catch (RefusedForGoodException refused) {
            outbox.refuse(event.sequence(), refused.getMessage());
            String said = "event " + event.sequence() + " (" + event.channel().wireName() + ") refused by the hub"
                + " and set aside on the device: " + refused.getMessage();
            LOG.warn(said);
            onRefused.accept(said);
          }
          backoff.reset();
        }
        if (batch.isEmpty()) {
          wakeUp.tryAcquire(1, TimeUnit.SECONDS);
          wakeUp.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SessionException | RuntimeException e) {
        Duration delay = backoff.next();
        if (backoff.failures() == 1 || backoff.failures() % 10 == 0) {
          LOG.info("{} event(s) wait in the outbox: {} (retry in {} ms)", outbox.depth(), e.getMessage(),
              delay.toMillis());
        }
        // Not cut short by wakeUp(): a device storing events while offline must not spin on a dead connection.
        LockSupport.parkNanos(delay.toNanos());
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
