package fr.navette.agent;

import fr.navette.schema.Channel;
import fr.navette.schema.EventHeader;
import java.util.List;
import java.util.function.Function;

/**
 * The device's durable queue of events not yet confirmed by the broker.
 *
 * <p>Life of an event: <b>stored</b> by {@link #append} (committed to disk before the call returns: from then
 * on a kill -9 or a power cut does not lose it) → <b>published</b> by the forwarder, oldest first →
 * <b>confirmed</b> when the broker's PUBACK arrives, and only then {@link #remove removed}. A crash between
 * publish and PUBACK publishes it again after restart: the hub applies each event id once.
 *
 * <p>Order: events leave in the order they were appended (per device, by sequence number).
 *
 * <p>What may be dropped: nothing. When the outbox holds more than its soft limit, {@code count} events may be
 * aggregated by their producer; returns, checkouts and alarms are always kept.
 */
public interface Outbox extends AutoCloseable {

  /**
   * Stores a new event. The outbox assigns its header (id, the next per-device sequence number, device time)
   * and asks {@code payload} for the bytes to store, so the sequence in the payload is the stored one.
   */
  StoredEvent append(Channel channel, Function<EventHeader, byte[]> payload);

  /** Up to {@code limit} stored events, oldest first. */
  List<StoredEvent> oldest(int limit);

  /** Forgets an event the broker confirmed. */
  void remove(long sequence);

  /** How many events wait. */
  long depth();

  @Override
  void close();

  /** An event as stored: its sequence number, channel and exact payload. */
  record StoredEvent(long sequence, Channel channel, byte[] payload, long storedAtMillis) {}
}
