package fr.navette.hub.events;

import fr.navette.hub.events.EventStore.StoredEvent;
import fr.navette.hub.store.StoreFaults;
import fr.navette.hub.text.Said;
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
 * or until the next retry is due.
 *
 * <p>Retry semantics, decided here: an event is tried again with {@link #backoff} for as long as the cause is not
 * its own (a SIGB down for everyone: a return is never dropped for that); failures that are its own — the SIGB
 * answers others but not this one, or applying it throws — count against {@link WorkLimits}, and at the limit the
 * event is marked {@code failed} and {@link FailedWork} is told once. A store fault leaves the event leased: it
 * comes back when the lease runs out, and counts nothing.
 */
public abstract class ChannelWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofMinutes(5);
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);

  private final EventStore events;
  private final Channel channel;
  private final int attemptsAtMost;
  private final FailedWork failedWork;
  private final Semaphore wakeUp = new Semaphore(0);
  private final Thread loop;
  private volatile boolean running = true;

  protected ChannelWorker(String name, EventStore events, Channel channel, WorkLimits limits, FailedWork failedWork) {
    this.events = events;
    this.channel = channel;
    this.attemptsAtMost = limits.attemptsFor(channel);
    this.failedWork = failedWork;
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
   * {@link #tryAgain}. What it throws counts as the event's own failure.
   */
  protected abstract void apply(StoredEvent event);

  /** The event in the staff's words, for the alert when it is given up (e.g. "retour du document … à BR01"). */
  protected abstract Said describe(StoredEvent event);

  /** 1 s doubling to 5 min: a SIGB that is down is asked again, never given up on. */
  public static Duration backoff(int attempts) {
    long seconds = FIRST_RETRY.toSeconds() << Math.min(attempts, 20);
    return seconds >= LAST_RETRY.toSeconds() ? LAST_RETRY : Duration.ofSeconds(seconds);
  }

  /**
   * Gives a leased event back to be tried again after {@link #backoff}; when the failure is {@code itsOwn} and
   * the event has had its attempts, gives it up instead.
   *
   * @return false when the event was given up
   */
  protected final boolean tryAgain(StoredEvent event, String error, boolean itsOwn) {
    if (itsOwn && event.failures() + 1 >= attemptsAtMost) {
      if (!events.markFailed(event.eventId(), error)) {
        return true; // done meanwhile (what failed came after its commit): nothing to give up
      }
      Said what = describe(event);
      LOG.error("{} event {} given up after {} failed attempt(s): {}", channel.wireName(), event.eventId(),
          event.failures() + 1, error);
      failedWork.failed(event, what, error);
      return false;
    }
    events.retryLater(event.eventId(), backoff(event.attempts()), error, itsOwn);
    return true;
  }

  private void run() {
    while (running) {
      try {
        List<StoredEvent> due = events.claimDue(channel.wireName(), 50, LEASE);
        for (StoredEvent event : due) {
          applyOne(event);
        }
        if (due.isEmpty()) {
          wakeUp.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) { // the store: log, breathe, go on
        LOG.error("{} processing failed, going on: {}", channel.wireName(), e.toString());
        try {
          Thread.sleep(IDLE_POLL);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  private void applyOne(StoredEvent event) {
    try {
      apply(event);
    } catch (RuntimeException e) {
      if (StoreFaults.isStoreFault(e)) {
        throw e; // not the event's fault: its lease runs out, and it is tried again
      }
      LOG.warn("{} event {} could not be applied: {}", channel.wireName(), event.eventId(), e.toString());
      tryAgain(event, e.toString(), true);
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
