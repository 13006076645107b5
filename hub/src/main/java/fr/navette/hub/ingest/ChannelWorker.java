package fr.navette.hub.ingest;

import fr.navette.hub.ingest.EventStore.StoredEvent;
import fr.navette.schema.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the stored events of one channel, on one loop thread: it leases what is due (so that several hubs
 * on one database share the work and apply each event once), applies each, and sleeps until woken by ingest
 * or until the next retry is due. A failing event or store error is logged and the loop goes on.
 */
public abstract class ChannelWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofMinutes(5);
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);

  private final EventStore events;
  private final Channel channel;
  private final Semaphore wakeUp = new Semaphore(0);
  private final Thread loop;
  private volatile boolean running = true;

  protected ChannelWorker(String name, EventStore events, Channel channel) {
    this.events = events;
    this.channel = channel;
    this.loop = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
  }

  public void start() {
    loop.start();
  }

  /** Called when new events of this channel are stored, so that they are applied now. */
  public void wakeUp() {
    wakeUp.release();
  }

  /**
   * Applies one leased event: marks it done (with its effects, in one transaction), or gives it back with
   * {@link EventStore#retryLater} and {@link #backoff}.
   */
  protected abstract void apply(StoredEvent event);

  /** 1 s doubling to 5 min: a SIGB that is down is asked again, never given up on. */
  public static Duration backoff(int attempts) {
    long seconds = FIRST_RETRY.toSeconds() << Math.min(attempts, 20);
    return seconds >= LAST_RETRY.toSeconds() ? LAST_RETRY : Duration.ofSeconds(seconds);
  }

  private void run() {
    while (running) {
      try {
        List<StoredEvent> due = events.claimDue(channel.wireName(), 50, LEASE);
        for (StoredEvent event : due) {
          apply(event);
        }
        if (due.isEmpty()) {
          wakeUp.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) { // the store or a bad payload: log, breathe, go on
        LOG.error("{} processing failed, going on: {}", channel.wireName(), e.toString(), e);
        try {
          Thread.sleep(IDLE_POLL);
        } catch (InterruptedException ie) {
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
