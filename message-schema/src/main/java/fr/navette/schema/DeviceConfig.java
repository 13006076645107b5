package fr.navette.schema;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A device's configuration, retained on its {@code config} topic so that a device that connects gets the one
 * in force. {@code version} increases with each change; the device validates the settings, applies them and
 * acknowledges the version, or refuses with a reason and keeps the old one. Settings are flat scalars (as
 * strings) whose meaning is the device's: each agent validates its own.
 */
public record DeviceConfig(String schemaVersion, String deviceId, long version, Instant issuedAt,
                           Map<String, String> settings) {
  public DeviceConfig {
    SchemaVersion.requireReadable(Objects.requireNonNull(schemaVersion, "schemaVersion"));
    Fields.requireName("deviceId", deviceId);
    Fields.requireRange("version", version, 1, Limits.SAFE_INTEGER);
    Fields.requireInstant("issuedAt", issuedAt);
    settings = Fields.requireScalars("settings", settings);
  }
}
