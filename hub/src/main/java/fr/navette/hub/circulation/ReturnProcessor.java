package fr.navette.hub.circulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.navette.hub.ingest.EventStore;
import fr.navette.hub.ingest.EventStore.StoredEvent;
import fr.navette.hub.store.Database;
import fr.navette.hub.transits.Shuttle;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies stored return events: checks each document in at the SIGB with AP = the box's branch and the true
 * return date, records the SIGB's answer, and hands it to the {@link Shuttle}, which opens or closes transits.
 *
 * <p>Retry semantics, decided here: a SIGB that does not answer leaves the event pending; it is tried again
 * with exponential backoff (1 s doubling to 5 min), for as long as it takes — a return is never dropped.
 * Repeating a checkin is harmless at the SIGB. A SIGB that answers "no" (ok = 0: unknown item ...) is final:
 * the event is marked refused with the SIGB's message for staff to look at.
 *
 * <p>One loop thread; a failing event or store error is logged and the loop goes on.
 */
public final class ReturnProcessor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReturnProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofMinutes(5);
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);

  private final Database db;
  private final EventStore events;
  private final Shuttle shuttle;
  private final SigbGateway sigb;
  private final Clock clock;
  private final Semaphore wakeUp = new Semaphore(0);
  private final Thread loop;
  private volatile boolean running = true;

  public ReturnProcessor(Database db, EventStore events, Shuttle shuttle, SigbGateway sigb, Clock clock) {
    this.db = db;
    this.events = events;
    this.shuttle = shuttle;
    this.sigb = sigb;
    this.clock = clock;
    this.loop = Thread.ofPlatform().name("hub-returns").daemon(true).unstarted(this::run);
  }

  public void start() {
    loop.start();
  }

  /** Called when a new return is stored, so that it is applied now rather than at the next poll. */
  public void wakeUp() {
    wakeUp.release();
  }

  private void run() {
    while (running) {
      try {
        List<StoredEvent> due = events.claimDue(Channel.RETURN.wireName(), 50, LEASE);
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
        LOG.error("return processing failed, going on: {}", e.toString(), e);
        sleepQuietly(IDLE_POLL);
      }
    }
  }

  private void apply(StoredEvent stored) {
    ReturnEvent event = EventCodec.decodeReturn(stored.payload().getBytes(StandardCharsets.UTF_8));
    CheckinOutcome outcome;
    try {
      outcome = sigb.checkin(event.itemId(), stored.site(), event.returnedAt());
    } catch (SigbUnavailableException e) {
      Duration delay = backoff(stored.attempts());
      LOG.warn("SIGB unavailable for the return of item {} at {}: {} (attempt {}, next in {} s)",
          event.itemId(), stored.site(), e.getMessage(), stored.attempts() + 1, delay.toSeconds());
      events.retryLater(stored.eventId(), delay, e.getMessage());
      return;
    }
    db.inTransaction(c -> {
      events.markDone(c, stored.eventId(), outcome.ok() ? EventStore.APPLIED : EventStore.REFUSED, json(outcome));
      if (outcome.ok()) {
        shuttle.onCheckin(c, event.itemId(), stored.site(), outcome, stored.eventId());
      }
      return null;
    });
  }

  static Duration backoff(int attempts) {
    long seconds = FIRST_RETRY.toSeconds() << Math.min(attempts, 20);
    return seconds >= LAST_RETRY.toSeconds() ? LAST_RETRY : Duration.ofSeconds(seconds);
  }

  private static String json(CheckinOutcome outcome) {
    ObjectNode node = JSON.createObjectNode();
    node.put("ok", outcome.ok());
    node.put("alertType", outcome.alertType());
    outcome.destination().ifPresent(d -> node.put("destination", d));
    outcome.screenMessage().ifPresent(m -> node.put("screenMessage", m));
    return node.toString();
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
