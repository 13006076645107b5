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
    Fields.requireText("schemaVersion", schemaVersion, Limits.VERSION_CHARS);
    Objects.requireNonNull(eventId, "eventId");
    Fields.requireName("deviceId", deviceId);
    Fields.requireRange("sequence", sequence, 0, Limits.SAFE_INTEGER);
    Fields.requireInstant("deviceTime", deviceTime);
  }
}
