package fr.navette.schema;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A device's answer to a config: {@code accepted} with the version now in force, or refused with a
 * {@code reason} (the old config stays: {@code versionInForce} says which, 0 for the built-in defaults).
 *
 * @param version the version acknowledged or refused, -1 when the config could not even be read
 */
public record ConfigAck(String deviceId, long version, boolean accepted, Optional<String> reason,
                        long versionInForce, Instant at) {
  public ConfigAck {
    Fields.requireName("deviceId", deviceId);
    Fields.requireRange("version", version, -1, Limits.SAFE_INTEGER);
    reason = Fields.cut(reason, Limits.FREE_TEXT);
    if (!accepted && reason.filter(r -> !r.isBlank()).isEmpty()) {
      throw new SchemaException("reason", "a refusal must say why");
    }
    Fields.requireRange("versionInForce", versionInForce, 0, Limits.SAFE_INTEGER);
    Fields.requireInstant("at", at);
  }
}
