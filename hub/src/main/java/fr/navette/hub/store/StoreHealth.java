package fr.navette.hub.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the hub's store is answering, as the transactions find it: a fault of the store itself (disk full or
 * failing, a damaged file, the database server gone — see {@link StoreFaults}) marks it failing at once; the next
 * write that commits marks it well again. Ingest reads it to stop acknowledging while it fails (devices keep their
 * events); listeners raise and clear the staff's alert. A failing store cannot be trusted to hold its own alert, so
 * the state lives here, in memory, and on the hub's health answer.
 */
public final class StoreHealth {
  private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);

  /** Told when the store starts failing, and when it answers again. */
  public interface Listener {
    void failing(String why, Instant since);

    void recovered(String why, Instant since, Instant until);
  }

  private record Failure(String why, Instant since) {}

  private final Clock clock;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile Failure failure;

  public StoreHealth(Clock clock) {
    this.clock = clock;
  }

  public void listen(Listener listener) {
    listeners.add(listener);
  }

  public boolean failing() {
    return failure != null;
  }

  /** Why the store is failing, while it is. */
  public Optional<String> failure() {
    Failure f = failure;
    return f == null ? Optional.empty() : Optional.of(f.why() + " (since " + f.since() + ")");
  }

  /** A transaction met a fault of the store itself. */
  public void fault(String why) {
    Failure started;
    synchronized (this) {
      if (failure != null) {
        return;
      }
      started = new Failure(why, clock.instant());
      failure = started;
    }
    LOG.error("the hub's store is failing: {}. Events are refused until it answers again (devices keep them).", why);
    listeners.forEach(l -> l.failing(started.why(), started.since()));
  }

  /** A write committed: the store answers. */
  public void wrote() {
    if (failure == null) {
      return;
    }
    Failure ended;
    synchronized (this) {
      ended = failure;
      failure = null;
    }
    if (ended != null) {
      LOG.warn("the hub's store answers again (it failed from {}: {})", ended.since(), ended.why());
      Instant now = clock.instant();
      listeners.forEach(l -> l.recovered(ended.why(), ended.since(), now));
    }
  }
}
