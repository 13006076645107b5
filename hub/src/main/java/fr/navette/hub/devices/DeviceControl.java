package fr.navette.hub.devices;

import fr.navette.hub.mqtt.Outbound;
import fr.navette.schema.Channel;
import fr.navette.schema.Command;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.EventCodec;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends configuration (retained, versioned: a device that connects later still gets the one in force) and
 * commands (QoS 1, not retained, with an expiry) to one device. Their acknowledgements come back through
 * ingest into the {@link DeviceRegistry}.
 */
public final class DeviceControl {
  private final Outbound publisher;
  private final DeviceRegistry registry;
  private final Clock clock;

  public DeviceControl(Outbound publisher, DeviceRegistry registry, Clock clock) {
    this.publisher = publisher;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Sends these settings under the next version: one above both the last version sent and the one the device last
   * reported in force (its acknowledgements carry it), so that the device — whatever it took meanwhile, a forged
   * config included — applies it: staff can always restore a device from the hub. When that would pass
   * {@link DeviceConfig#MAX_VERSION} (the device holds the ceiling), the hub sends a {@code reset} at version 1
   * instead, which the device applies whatever it holds, and the numbering starts again from there.
   */
  public synchronized DeviceConfig sendConfig(String site, String deviceId, Map<String, String> settings) {
    Optional<DeviceRegistry.Device> known = registry.find(deviceId);
    long highest = Math.max(known.map(DeviceRegistry.Device::configVersionSent).orElse(0L),
        known.map(DeviceRegistry.Device::configVersionApplied).orElse(0L));
    DeviceConfig config = highest < DeviceConfig.MAX_VERSION
        ? new DeviceConfig(EventCodec.SCHEMA_VERSION, deviceId, highest + 1, clock.instant(), settings)
        : new DeviceConfig(EventCodec.SCHEMA_VERSION, deviceId, 1, clock.instant(), settings, true);
    publisher.publish(Topic.of(site, deviceId, Channel.CONFIG).toString(), MessageCodec.encode(config), true);
    registry.configSent(deviceId, site, config.version());
    return config;
  }

  public Command sendCommand(String site, String deviceId, String name, Map<String, String> args, Duration validFor) {
    Instant now = clock.instant(); // read once: expiresAt is exactly issuedAt + validFor
    Command command = new Command(EventCodec.SCHEMA_VERSION, UUID.randomUUID(), deviceId, name, args, now,
        Optional.of(now.plus(validFor)));
    publisher.publish(Topic.of(site, deviceId, Channel.COMMAND).toString(), MessageCodec.encode(command), false);
    return command;
  }
}
