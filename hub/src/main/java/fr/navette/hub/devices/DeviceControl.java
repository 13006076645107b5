package fr.navette.hub.devices;

import fr.navette.schema.Channel;
import fr.navette.schema.Command;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.EventCodec;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends configuration (retained, versioned: a device that connects later still gets the one in force) and
 * commands (QoS 1, not retained, with an expiry) to one device. Their acknowledgements come back through
 * ingest into the {@link DeviceRegistry}.
 */
public final class DeviceControl {
  /** Publishes on the hub's MQTT session. */
  public interface Publisher {
    void publish(String topic, byte[] payload, boolean retained);
  }

  private final Publisher publisher;
  private final DeviceRegistry registry;
  private final Clock clock;

  public DeviceControl(Publisher publisher, DeviceRegistry registry, Clock clock) {
    this.publisher = publisher;
    this.registry = registry;
    this.clock = clock;
  }

  /** Sends the next configuration version (one more than the last sent) with these settings. */
  public DeviceConfig sendConfig(String site, String deviceId, Map<String, String> settings) {
    long version = registry.find(deviceId).map(DeviceRegistry.Device::configVersionSent)
        .orElse(0L) + 1;
    DeviceConfig config = new DeviceConfig(EventCodec.SCHEMA_VERSION, deviceId, version, clock.instant(), settings);
    publisher.publish(Topic.of(site, deviceId, Channel.CONFIG).toString(), MessageCodec.encode(config), true);
    registry.configSent(deviceId, site, version);
    return config;
  }

  public Command sendCommand(String site, String deviceId, String name, Map<String, String> args, Duration validFor) {
    Command command = new Command(EventCodec.SCHEMA_VERSION, UUID.randomUUID(), deviceId, name, args, clock.instant(),
        Optional.of(clock.instant().plus(validFor)));
    publisher.publish(Topic.of(site, deviceId, Channel.COMMAND).toString(), MessageCodec.encode(command), false);
    return command;
  }
}
