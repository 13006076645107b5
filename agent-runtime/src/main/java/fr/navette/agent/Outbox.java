package fr.navette.agent;

import fr.navette.schema.Channel;
import fr.navette.schema.EventHeader;
import java.time.Instant;
import fr.navette.schema.ResendRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The device's durable queue of events not yet confirmed by the broker.
 *
 * <p>Life of an event: <b>stored</b> by {@link #append} (committed to disk before the call returns: from then
 * on a kill -9 or a power cut does not lose it) → <b>published</b> by the forwarder, oldest first →
 * <b>confirmed</b> when the broker's PUBACK arrives, and only then {@link #remove removed} from the queue → <b>kept</b>
 * a while after (the {@link OutboxPolicy}'s bounds: 7 days, 50,000 events) so that the hub can ask for it again
 * ({@link #resend}): a broker's PUBACK is not the hub's receipt (Mosquitto holds QoS 1 messages in memory, and a
 * kill -9 loses what it acknowledged and had not handed on). A crash between
 * publish and PUBACK publishes it again after restart: the hub applies each event id once. A crash after the
 * PUBACK but before the removal reached the disk does the same (removals are not forced to disk: a lost
 * removal costs a duplicate the hub absorbs, a lost append would cost an event).
 *
 * <p>Order: events leave in the order they were appended (per device, by sequence number). Sequence numbers
 * increase by one per stored event and are never reused, even after removal and restart.
 *
 * <p>Bounds, the written policy ({@link OutboxPolicy}): below the soft limit every event is stored as it is.
 * From the soft limit on, a new {@code count} event is merged into the newest count event not yet handed to
 * the forwarder (its totals summed, its period widened, {@code aggregated} counting the merged events); no
 * sequence number is spent on it. {@code alarm}, {@code return}, {@code checkout} and {@code renew} are never
 * dropped nor merged: past the soft limit only they make the outbox grow, and the disk is their only bound.
 * Live messages (state, health, acknowledgements) never enter the outbox.
 */
public interface Outbox extends AutoCloseable {

  /**
   * Stores a new event, or merges a count as the policy says. The outbox assigns its header (id, the next
   * per-device sequence number, device time) and asks {@code payload} for the bytes to store, so the sequence
   * in the payload is the stored one.
   *
   * @return the stored event (for a merged count: the event it was merged into, as now stored)
   * @throws OutboxException when the file failed: the event is not stored, the caller must not act as if it were
   */
  StoredEvent append(Channel channel, Function<EventHeader, byte[]> payload);

  /** Up to {@code limit} stored events, oldest first. They are handed out: no count is merged into them. */
  List<StoredEvent> oldest(int limit);

  /**
   * Takes an event the broker confirmed out of the queue; it is kept aside, as sent, for the {@link OutboxPolicy}'s
   * time and number bounds, then forgotten.
   */
  void remove(long sequence);

  /**
   * Puts the sent events of these sequence numbers back in the queue, with their sequence and exact payload (so
   * their event ids: the hub stores an event once, a resend of one it had is harmless); they leave next, oldest
   * first. Events still queued are left as they are.
   *
   * @return what was put back and what this device no longer has
   */
  Resent resend(List<ResendRequest.Range> ranges);

  /** How many sent events are kept for a {@link #resend}. */
  long keptSent();

  /**
   * Sets aside an event the hub refused for good ({@link RefusedForGoodException}): out of the queue, so that the
   * events behind it go on, and kept on the device with the reason — never dropped, never sent again by itself.
   */
  void refuse(long sequence, String reason);

  /** How many events were set aside as refused since the outbox was made. */
  long refusedCount();

  /** How many events wait. */
  long depth();

  /** When the oldest waiting event was stored (epoch millis), if any waits. */
  OptionalLong oldestStoredAtMillis();

  /** The last sequence number ever stored (0 before the first): the device's high-water mark. */
  long lastSequence();

  @Override
  void close();

  /**
   * The outcome of a {@link #resend}.
   *
   * @param requeued events put back in the queue
   * @param queued events asked for that were still queued (they leave anyway)
   * @param refused sequence numbers the hub refused for good, kept aside on the device ({@link #refuse}): not sent
   *     again
   * @param notKept sequence numbers this device no longer has (past the bounds, or lost with a corrupt outbox)
   */
  record Resent(long requeued, long queued, List<ResendRequest.Range> refused, List<ResendRequest.Range> notKept) {
    public Resent {
      refused = List.copyOf(refused);
      notKept = List.copyOf(notKept);
    }
  }

  /**
   * An event as stored: its sequence number, channel and exact payload, when the device's clock said it was
   * stored, and — for an event stored by this very process — the monotonic clock then ({@link System#nanoTime()}).
   */
  record StoredEvent(long sequence, Channel channel, byte[] payload, long storedAtMillis, OptionalLong madeAtNanos) {
    public StoredEvent(long sequence, Channel channel, byte[] payload, long storedAtMillis) {
      this(sequence, channel, payload, storedAtMillis, OptionalLong.empty());
    }

    /**
     * What the clock that stamped this event reads now: its stored time plus the time gone by since, on the
     * monotonic clock — so the event's {@code sent-at} stays on the clock of its own times even when the device's
     * clock was put right (or wrong) while it waited in the outbox (NTP back after a power cut: hours, days).
     * Empty for an event of an earlier run: only the wall clock tells its age, and the sender reads it as is.
     */
    public Optional<Instant> makingClockNow() {
      if (madeAtNanos.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(Instant.ofEpochMilli(storedAtMillis)
          .plusNanos(System.nanoTime() - madeAtNanos.getAsLong()));
    }
  }
}
