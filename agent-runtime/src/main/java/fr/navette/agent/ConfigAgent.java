package fr.navette.agent;

import fr.navette.schema.Channel;
import fr.navette.schema.ConfigAck;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.SchemaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the device's retained {@code config}: reads it, checks it is this device's and newer than the one in
 * force, has the {@link ConfigTarget} validate then apply it, keeps it on disk (so that a device that boots
 * with the hub out of reach runs its last config), and acknowledges the version on {@code config-ack}. Any
 * failure — unreadable JSON, a higher schema major, another device's config, an older version, a setting the
 * target refuses — is acknowledged as refused with its reason, and the config in force stays.
 *
 * <p>A version equal to the one in force (the broker redelivers the retained config at each connect) is
 * acknowledged again, not re-applied: that is how a lost acknowledgement is repaired.
 *
 * <p>Versions belong to the hub. One above {@link DeviceConfig#MAX_VERSION} (2^53−1) cannot even be decoded: it is
 * refused, and a config kept on disk above it (taken before that rule) is not applied at boot. A {@code reset}
 * config is applied whatever version is in force — it is how staff restore a device that holds the ceiling,
 * which the hub cannot go above. It is no weaker than the version order: whoever may publish a config may publish
 * one at the ceiling too; what protects a device is that only the hub may publish on {@code config} (the broker's
 * permissions, with device identities), not the version number.
 */
public final class ConfigAgent {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigAgent.class);
  private final DeviceSession session;
  private final ConfigTarget target;
  private final Path file;
  private final Clock clock;
  private volatile Optional<DeviceConfig> inForce = Optional.empty();

  /**
   * Loads and applies the config kept in {@code file}, if any, then listens: build it before
   * {@link DeviceSession#connect()}.
   */
  public ConfigAgent(DeviceSession session, ConfigTarget target, Path file, Clock clock) {
    this.session = session;
    this.target = target;
    this.file = file;
    this.clock = clock;
    loadKept();
    session.onMessage(Channel.CONFIG, message -> handle(message.payload()));
  }

  public Optional<DeviceConfig> inForce() {
    return inForce;
  }

  public long versionInForce() {
    return inForce.map(DeviceConfig::version).orElse(0L);
  }

  /** Handles one config payload and returns the acknowledgement it published (or tried to). */
  ConfigAck handle(byte[] payload) {
    if (payload.length == 0) {
      return null; // the hub cleared the retained config: keep what is in force
    }
    ConfigAck ack;
    try {
      DeviceConfig config = MessageCodec.decodeConfig(payload);
      ack = consider(config);
    } catch (SchemaException e) {
      // A version above the ceiling reads fine but is not one a hub issues: say that, not "unreadable".
      ack = refusal(MessageCodec.peekConfigVersion(payload).orElse(-1),
          ("version".equals(e.field()) ? "" : "unreadable config: ") + e.getMessage());
    }
    if (ack.accepted()) {
      LOG.info("device {}: config version {} in force", session.deviceId(), ack.versionInForce());
    } else {
      LOG.warn("device {}: config version {} refused, {} stays: {}", session.deviceId(), ack.version(),
          ack.versionInForce(), ack.reason().orElse(""));
    }
    try {
      session.publishLive(Channel.CONFIG_ACK, MessageCodec.encode(ack), 1);
    } catch (SessionException e) {
      // The retained config comes again at the next connect, and is acknowledged then.
      LOG.info("device {}: config ack not sent now: {}", session.deviceId(), e.getMessage());
    }
    return ack;
  }

  private ConfigAck consider(DeviceConfig config) {
    if (!config.deviceId().equals(session.deviceId())) {
      return refusal(config.version(), "deviceId: this config is for '" + config.deviceId() + "'");
    }
    long current = versionInForce();
    if (config.reset() ? inForce.filter(config::equals).isPresent() : config.version() == current) {
      return new ConfigAck(session.deviceId(), current, true, Optional.empty(), current, clock.instant());
    }
    if (!config.reset() && config.version() < current) {
      return refusal(config.version(), "version: " + config.version() + " is older than " + current + " in force");
    }
    try {
      target.validate(config);
      target.apply(config);
    } catch (ConfigRefusedException e) {
      return refusal(config.version(), e.getMessage());
    } catch (RuntimeException e) {
      return refusal(config.version(), "applying failed: " + e);
    }
    inForce = Optional.of(config);
    keep(config);
    return new ConfigAck(session.deviceId(), config.version(), true, Optional.empty(), config.version(),
        clock.instant());
  }

  private ConfigAck refusal(long version, String reason) {
    return new ConfigAck(session.deviceId(), version, false, Optional.of(reason), versionInForce(), clock.instant());
  }

  private void keep(DeviceConfig config) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, MessageCodec.encode(config));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("device {}: config {} applied but not kept on disk: {}", session.deviceId(), config.version(),
          e.toString());
    }
  }

  private void loadKept() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      DeviceConfig kept = MessageCodec.decodeConfig(Files.readAllBytes(file));
      target.validate(kept);
      target.apply(kept);
      inForce = Optional.of(kept);
      LOG.info("device {}: config version {} (kept on disk) in force", session.deviceId(), kept.version());
    } catch (IOException | SchemaException | ConfigRefusedException e) {
      LOG.warn("device {}: the kept config {} is unusable, defaults in force: {}", session.deviceId(), file,
          e.getMessage());
    }
  }
}
