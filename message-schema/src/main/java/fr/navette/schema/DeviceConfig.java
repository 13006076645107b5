package fr.navette.schema;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A device's configuration, retained on its {@code config} topic so that a device that connects gets the one
 * in force. {@code version} increases with each change; the device validates the settings, applies them and
 * acknowledges the version, or refuses with a reason and keeps the old one. Settings are flat scalars (as
 * strings) whose meaning is the device's: each agent validates its own.
 *
 * <p>Versions belong to the hub and never pass {@link #MAX_VERSION}: a config above it cannot be built nor
 * decoded, so a forged {@code Long.MAX_VALUE} is never applied, and the hub always has room above what a device
 * holds — except at the ceiling itself, where the hub sends a {@code reset} (schema 1.3): a config the device
 * applies whatever version it holds, which takes the device's numbering back down to the reset's version.
 *
 * @param reset apply whatever version is in force (only the hub publishes config: broker permissions)
 */
public record DeviceConfig(String schemaVersion, String deviceId, long version, Instant issuedAt,
                           Map<String, String> settings, boolean reset) {
  /** 2^53−1: the largest integer JSON readers keep exactly (JavaScript's {@code Number.MAX_SAFE_INTEGER}). */
  public static final long MAX_VERSION = (1L << 53) - 1;

  public DeviceConfig {
    SchemaVersion.requireReadable(Objects.requireNonNull(schemaVersion, "schemaVersion"));
    Fields.requireName("deviceId", deviceId);
    if (version > MAX_VERSION) {
      throw new SchemaException("version", version + " is above the ceiling " + MAX_VERSION
          + " (2^53-1) that no hub passes");
    }
    Fields.requireRange("version", version, 1, Limits.SAFE_INTEGER);
    Fields.requireInstant("issuedAt", issuedAt);
    settings = Fields.requireScalars("settings", settings);
  }

  /** A config that follows the version order (not a reset). */
  public DeviceConfig(String schemaVersion, String deviceId, long version, Instant issuedAt,
                      Map<String, String> settings) {
    this(schemaVersion, deviceId, version, issuedAt, settings, false);
  }
}
