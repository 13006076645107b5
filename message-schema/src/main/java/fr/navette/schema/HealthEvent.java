package fr.navette.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * A device's periodic health report, also served on its local HTTP endpoint for systemd's watchdog.
 * {@code header.sequence} is the device's high-water mark (the last sequence it stored): health is published
 * live, never queued in the outbox.
 *
 * @param outboxOldestAgeSeconds age of the oldest event waiting, 0 when the outbox is empty
 * @param lastError the last error the device met, already free of secrets and patron ids
 */
public record HealthEvent(EventHeader header, long uptimeSeconds, long outboxDepth, long outboxOldestAgeSeconds,
                          ReaderState readerState, boolean brokerConnected, Optional<String> lastError)
    implements Event {
  public enum ReaderState { OK, DEGRADED, DOWN, NONE }

  public HealthEvent {
    Objects.requireNonNull(header, "header");
    Fields.requireAtLeast("uptimeSeconds", uptimeSeconds, 0);
    Fields.requireAtLeast("outboxDepth", outboxDepth, 0);
    Fields.requireAtLeast("outboxOldestAgeSeconds", outboxOldestAgeSeconds, 0);
    Objects.requireNonNull(readerState, "readerState");
    Objects.requireNonNull(lastError, "lastError");
  }

  @Override
  public Channel channel() {
    return Channel.HEALTH;
  }
}
