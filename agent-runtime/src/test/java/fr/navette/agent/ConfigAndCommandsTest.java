package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.schema.Channel;
import fr.navette.schema.Command;
import fr.navette.schema.CommandAck;
import fr.navette.schema.ConfigAck;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retained versioned config and commands, over a real broker, as a device and the hub see them. */
class ConfigAndCommandsTest {
  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();

  /** A gate's settings: alarmVolume 0-10, required. */
  static final class GateSettings implements ConfigTarget {
    final List<Long> applied = new CopyOnWriteArrayList<>();

    @Override
    public void validate(DeviceConfig config) throws ConfigRefusedException {
      String volume = config.settings().get("alarmVolume");
      if (volume == null) {
        throw new ConfigRefusedException("settings.alarmVolume: missing");
      }
      int value;
      try {
        value = Integer.parseInt(volume);
      } catch (NumberFormatException e) {
        throw new ConfigRefusedException("settings.alarmVolume: expected 0-10, got '" + volume + "'");
      }
      if (value < 0 || value > 10) {
        throw new ConfigRefusedException("settings.alarmVolume: expected 0-10, got " + value);
      }
    }

    @Override
    public void apply(DeviceConfig config) {
      applied.add(config.version());
    }
  }

  @ParameterizedTest
  @EnumSource(Brokers.class)
  void aMalformedOrNewerConfigIsRefusedWithItsReasonAndTheOldOneKept(Brokers kind) throws Exception {
    String device = "gate-cfg-" + UUID.randomUUID().toString().substring(0, 8);
    Path kept = dir.resolve("config.json");
    try (Brokers.Running broker = kind.start(dir);
         HubProbe hub = new HubProbe(broker.uri(), "BR01", device)) {
      GateSettings gate = new GateSettings();
      ConfigAgent config;
      try (DeviceSession session = session(broker, device)) {
        config = new ConfigAgent(session, gate, kept, clock);
        session.connect();

        hub.publish(Channel.CONFIG, config(device, "1.0", 1, "7"), true);
        ConfigAck first = awaitAck(hub, 1);
        assertThat(first.accepted()).isTrue();
        assertThat(first.versionInForce()).isEqualTo(1);

        hub.publish(Channel.CONFIG, "{\"schemaVersion\":\"1.0\",\"type\":\"config\",".getBytes(StandardCharsets.UTF_8), true);
        ConfigAck malformed = awaitAck(hub, 2);
        assertThat(malformed.accepted()).isFalse();
        assertThat(malformed.version()).isEqualTo(-1);
        assertThat(malformed.reason()).get().asString().contains("not JSON");
        assertThat(malformed.versionInForce()).isEqualTo(1);

        hub.publish(Channel.CONFIG, config(device, "2.0", 2, "7"), true);
        ConfigAck newer = awaitAck(hub, 3);
        assertThat(newer.accepted()).isFalse();
        assertThat(newer.version()).isEqualTo(2);
        assertThat(newer.reason()).get().asString().contains("schemaVersion").contains("2.0");
        assertThat(newer.versionInForce()).isEqualTo(1);

        hub.publish(Channel.CONFIG, config(device, "1.0", 3, "40"), true);
        ConfigAck invalid = awaitAck(hub, 4);
        assertThat(invalid.accepted()).isFalse();
        assertThat(invalid.reason()).hasValue("settings.alarmVolume: expected 0-10, got 40");
        assertThat(invalid.versionInForce()).isEqualTo(1);

        assertThat(gate.applied).containsExactly(1L);
        assertThat(config.inForce()).get().extracting(c -> c.settings().get("alarmVolume")).isEqualTo("7");
      }
      // Restarted while the broker still holds the refused config: the device runs the one it kept.
      GateSettings restarted = new GateSettings();
      try (DeviceSession session = session(broker, device)) {
        ConfigAgent again = new ConfigAgent(session, restarted, kept, clock);
        assertThat(again.versionInForce()).isEqualTo(1);
        session.connect();
        ConfigAck refusedAgain = awaitAck(hub, 5);
        assertThat(refusedAgain.accepted()).isFalse();
        assertThat(restarted.applied).containsExactly(1L);
      }
      hub.clearRetained();
    }
  }

  @ParameterizedTest
  @EnumSource(Brokers.class)
  void versionsBelongToTheHubAForgedMaximumIsRefusedAndStaffCanAlwaysRestore(Brokers kind) throws Exception {
    String device = "gate-ver-" + UUID.randomUUID().toString().substring(0, 8);
    Path kept = dir.resolve("config.json");
    try (Brokers.Running broker = kind.start(dir);
         HubProbe hub = new HubProbe(broker.uri(), "BR01", device)) {
      GateSettings gate = new GateSettings();
      try (DeviceSession session = session(broker, device)) {
        ConfigAgent config = new ConfigAgent(session, gate, kept, clock);
        session.connect();
        hub.publish(Channel.CONFIG, config(device, "1.0", 1, "7"), true);
        assertThat(awaitAck(hub, 1).accepted()).isTrue();

        // Anyone who can publish there sends Long.MAX_VALUE: refused by name, never applied, never kept.
        hub.publish(Channel.CONFIG, bytes(forgedMaximum(device)), true);
        ConfigAck forgedMax = awaitAck(hub, 2);
        assertThat(forgedMax.accepted()).isFalse();
        assertThat(forgedMax.version()).as("out of range: no version to name").isEqualTo(-1);
        assertThat(forgedMax.reason()).get().asString().contains("version", String.valueOf(Long.MAX_VALUE),
            "at most " + DeviceConfig.MAX_VERSION);
        assertThat(forgedMax.versionInForce()).isEqualTo(1);

        // A high but legal version is applied (the broker's permissions are what keeps it out) ...
        long forged = 1L << 52;
        hub.publish(Channel.CONFIG, bytes(new DeviceConfig("1.0", device, forged, Instant.now(),
            Map.of("alarmVolume", "0"))), true);
        assertThat(awaitAck(hub, 3).versionInForce()).isEqualTo(forged);
        // ... and the hub, told the version in force by that ack, goes above it: staff restore works.
        hub.publish(Channel.CONFIG, bytes(new DeviceConfig("1.0", device, forged + 1, Instant.now(),
            Map.of("alarmVolume", "7"))), true);
        ConfigAck restored = awaitAck(hub, 4);
        assertThat(restored.accepted()).isTrue();
        assertThat(restored.versionInForce()).isEqualTo(forged + 1);

        // At the ceiling itself the hub has no room: a version order config is refused, a reset is applied.
        hub.publish(Channel.CONFIG, bytes(new DeviceConfig("1.0", device, DeviceConfig.MAX_VERSION, Instant.now(),
            Map.of("alarmVolume", "0"))), true);
        assertThat(awaitAck(hub, 5).versionInForce()).isEqualTo(DeviceConfig.MAX_VERSION);
        hub.publish(Channel.CONFIG, bytes(new DeviceConfig("1.3", device, 1, Instant.now(),
            Map.of("alarmVolume", "7"))), true);
        assertThat(awaitAck(hub, 6).reason()).get().asString().contains("older than " + DeviceConfig.MAX_VERSION);
        hub.publish(Channel.CONFIG, bytes(new DeviceConfig("1.3", device, 1, Instant.now(),
            Map.of("alarmVolume", "6"), true)), true);
        ConfigAck reset = awaitAck(hub, 7);
        assertThat(reset.accepted()).isTrue();
        assertThat(reset.versionInForce()).isEqualTo(1);
        assertThat(config.inForce()).get().extracting(c -> c.settings().get("alarmVolume")).isEqualTo("6");
        assertThat(gate.applied).containsExactly(1L, forged, forged + 1, DeviceConfig.MAX_VERSION, 1L);
      }
      // Restarted: the kept reset is in force, and the retained reset coming again is acknowledged, not re-applied.
      GateSettings restarted = new GateSettings();
      try (DeviceSession session = session(broker, device)) {
        ConfigAgent again = new ConfigAgent(session, restarted, kept, clock);
        assertThat(again.versionInForce()).isEqualTo(1);
        session.connect();
        ConfigAck reAcked = awaitAck(hub, 8);
        assertThat(reAcked.accepted()).isTrue();
        assertThat(restarted.applied).containsExactly(1L); // at boot, from disk; not again from the broker

        hub.publish(Channel.CONFIG, config(device, "1.0", 2, "5"), true); // the hub's numbering goes on
        assertThat(awaitAck(hub, 9).versionInForce()).isEqualTo(2);
      }
      hub.clearRetained();
    }
  }

  @ParameterizedTest
  @EnumSource(Brokers.class)
  void aForgedMaximumKeptOnDiskBeforeTheCeilingIsNotAppliedAndTheHubsConfigIs(Brokers kind) throws Exception {
    String device = "gate-kept-" + UUID.randomUUID().toString().substring(0, 8);
    Path kept = dir.resolve("config.json");
    // What a device that took the forged config before this rule kept: it refused every config of the hub since.
    java.nio.file.Files.writeString(kept, forgedMaximum(device));
    try (Brokers.Running broker = kind.start(dir);
         HubProbe hub = new HubProbe(broker.uri(), "BR01", device);
         DeviceSession session = session(broker, device)) {
      GateSettings gate = new GateSettings();
      ConfigAgent config = new ConfigAgent(session, gate, kept, clock);
      assertThat(config.versionInForce()).isZero();
      assertThat(gate.applied).isEmpty();
      session.connect();
      hub.publish(Channel.CONFIG, config(device, "1.0", 3, "7"), true);
      ConfigAck ack = awaitAck(hub, 1);
      assertThat(ack.accepted()).isTrue();
      assertThat(gate.applied).containsExactly(3L);
      hub.clearRetained();
    }
  }

  @ParameterizedTest
  @EnumSource(Brokers.class)
  void commandsAreAcknowledgedAndNeverRunTwice(Brokers kind) throws Exception {
    String device = "gate-cmd-" + UUID.randomUUID().toString().substring(0, 8);
    try (Brokers.Running broker = kind.start(dir);
         HubProbe hub = new HubProbe(broker.uri(), "BR01", device);
         DeviceSession session = session(broker, device)) {
      AtomicInteger silenced = new AtomicInteger();
      new CommandAgent(session, clock).register("silence-alarm", c -> {
        silenced.incrementAndGet();
        return Optional.of("silent for " + c.args().get("seconds") + " s");
      });
      session.connect();
      await().atMost(Duration.ofSeconds(10)).until(session::isConnected);
      await().atMost(Duration.ofSeconds(10)).until(() -> !hub.received(Channel.STATE).isEmpty());

      UUID silence = UUID.randomUUID();
      byte[] command = command(silence, device, "silence-alarm", Optional.empty());
      hub.publish(Channel.COMMAND, command, false);
      hub.publish(Channel.COMMAND, command, false); // QoS 1 may deliver it twice
      hub.publish(Channel.COMMAND, command(UUID.randomUUID(), device, "reboot-now", Optional.empty()), false);
      hub.publish(Channel.COMMAND, command(UUID.randomUUID(), device, "silence-alarm",
          Optional.of(Instant.now().minusSeconds(60))), false);

      await().atMost(Duration.ofSeconds(10)).until(() -> hub.received(Channel.COMMAND_ACK).size() == 4);
      List<CommandAck> acks = new ArrayList<>();
      hub.received(Channel.COMMAND_ACK).forEach(m -> acks.add(MessageCodec.decodeCommandAck(m.payload())));
      assertThat(acks).extracting(CommandAck::status).containsExactly(CommandAck.Status.DONE, CommandAck.Status.DONE,
          CommandAck.Status.UNKNOWN_COMMAND, CommandAck.Status.EXPIRED);
      assertThat(acks.get(0).message()).hasValue("silent for 30 s");
      assertThat(acks.get(1)).isEqualTo(acks.get(0));
      assertThat(silenced).hasValue(1);
    }
  }

  private DeviceSession session(Brokers.Running broker, String device) {
    return new DeviceSession(SessionSettings.of(broker.uri(), "BR01", device)
        .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(2)), clock);
  }

  private static ConfigAck awaitAck(HubProbe hub, int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.received(Channel.CONFIG_ACK).size() >= count);
    return MessageCodec.decodeConfigAck(hub.received(Channel.CONFIG_ACK).get(count - 1).payload());
  }

  private static byte[] config(String device, String schemaVersion, long version, String volume) {
    return bytes(configText(device, schemaVersion, version, volume));
  }

  /** A config of version {@code Long.MAX_VALUE}: what anyone who can publish on the device's topic could send. */
  private static String forgedMaximum(String device) {
    return configText(device, "1.0", 1, "0").replaceFirst("\"version\":1,", "\"version\":" + Long.MAX_VALUE + ",");
  }

  private static String configText(String device, String schemaVersion, long version, String volume) {
    byte[] valid = MessageCodec.encode(new DeviceConfig("1.0", device, version, Instant.now(),
        Map.of("alarmVolume", volume)));
    return new String(valid, StandardCharsets.UTF_8)
        .replace("\"schemaVersion\":\"1.0\"", "\"schemaVersion\":\"" + schemaVersion + "\"");
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(DeviceConfig config) {
    return MessageCodec.encode(config);
  }

  private static byte[] command(UUID id, String device, String name, Optional<Instant> expiresAt) {
    return MessageCodec.encode(new Command("1.0", id, device, name, Map.of("seconds", "30"), Instant.now(),
        expiresAt));
  }
}
