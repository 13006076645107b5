package fr.navette.schema;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What every device event carries (DESIGN §3): a unique time-ordered id, the device, its own sequence number
 * (gaps reveal lost events), the device's clock, and the schema version the payload follows.
 */
public record EventHeader(String schemaVersion, UUID eventId, String deviceId, long sequence, Instant deviceTime) {
  public EventHeader {
    Objects.requireNonNull(schemaVersion, "schemaVersion");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(deviceTime, "deviceTime");
    if (sequence < 0) {
      throw new SchemaException("sequence", "must be >= 0, got " + sequence);
    }
  }
}
