package fr.navette.agent;

import fr.navette.schema.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Where the forwarder sends stored events: publish QoS 1 and return once the broker confirmed (PUBACK). */
public interface EventPublisher {
  /**
   * @param makingClockNow what the clock that stamped the event reads now ({@link Outbox.StoredEvent#makingClockNow()}):
   *     the event's {@code sent-at}; empty: the device's clock as it reads now
   */
  void publishAndConfirm(Channel channel, byte[] payload, Optional<Instant> makingClockNow, Duration timeout)
      throws SessionException;

  /** Publishes an event made on the device's clock as it reads now. */
  default void publishAndConfirm(Channel channel, byte[] payload, Duration timeout) throws SessionException {
    publishAndConfirm(channel, payload, Optional.empty(), timeout);
  }
}
