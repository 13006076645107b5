package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.schema.Channel;
import fr.navette.schema.Command;
import fr.navette.schema.CommandAck;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.SentAt;
import java.util.function.Function;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import fr.navette.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole runtime as an agent uses it, against the embedded broker. */
class DeviceRuntimeTest {
  @TempDir Path dir;

  @Test
  void anAgentRecordsConfiguresObeysAndReportsItsHealth() throws Exception {
    String device = "box-rt-" + UUID.randomUUID().toString().substring(0, 8);
    Clock clock = Clock.systemUTC();
    ConfigAndCommandsTest.GateSettings target = new ConfigAndCommandsTest.GateSettings();
    try (Brokers.Running broker = Brokers.EMBEDDED.start(dir);
         HubProbe hub = new HubProbe(broker.uri(), "BR02", device);
         DeviceRuntime runtime = DeviceRuntime.start(
             DeviceRuntime.Settings.of(SessionSettings.of(broker.uri(), "BR02", device), dir.resolve("data"))
                 .withHealthEndpoint(new InetSocketAddress("127.0.0.1", 0)),
             target, () -> HealthEvent.ReaderState.OK,
             commands -> commands.register("resync", c -> Optional.of("resynced")), clock)) {
      var stored = runtime.record(Channel.RETURN,
          h -> EventCodec.encode(new ReturnEvent(h, "0012345678", clock.instant(), false)));
      await().atMost(Duration.ofSeconds(15)).until(() -> hub.applied.size() == 1);
      assertThat(hub.applied.getFirst().sequence()).isEqualTo(stored.sequence());
      await().atMost(Duration.ofSeconds(5)).until(() -> runtime.outbox().depth() == 0);

      hub.publish(Channel.CONFIG, MessageCodec.encode(new DeviceConfig("1.0", device, 4, Instant.now(),
          Map.of("alarmVolume", "3"))), true);
      await().atMost(Duration.ofSeconds(10)).until(() -> runtime.config().versionInForce() == 4);
      hub.publish(Channel.COMMAND, MessageCodec.encode(new Command("1.0", UUID.randomUUID(), device, "resync",
          Map.of(), Instant.now(), Optional.empty())), false);
      await().atMost(Duration.ofSeconds(10)).until(() -> !hub.received(Channel.COMMAND_ACK).isEmpty());
      assertThat(MessageCodec.decodeCommandAck(hub.received(Channel.COMMAND_ACK).getFirst().payload()).status())
          .isEqualTo(CommandAck.Status.DONE);

      runtime.health().heartbeat();
      try (HttpClient http = HttpClient.newHttpClient()) {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + runtime.healthPort().orElseThrow() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        HealthEvent health = EventCodec.decode(Channel.HEALTH, response.body().getBytes(StandardCharsets.UTF_8),
            HealthEvent.class);
        assertThat(health.outboxDepth()).isZero();
        assertThat(health.brokerConnected()).isTrue();
        assertThat(health.header().sequence()).isEqualTo(stored.sequence());
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> !hub.received(Channel.HEALTH).isEmpty());
      hub.clearRetained();
    }
  }

  @Test
  void anEventTheBrokerRefusesStaysInTheOutboxAndIsSentAgain() throws Exception {
    String device = "box-rf-" + UUID.randomUUID().toString().substring(0, 8);
    Clock clock = Clock.systemUTC();
    List<String> offered = new CopyOnWriteArrayList<>();
    try (Brokers.Running broker = Brokers.EMBEDDED.start(dir)) {
      // As the hub does when it cannot store (busy, database down): the first PUBACK says no.
      takeReturns(broker, offered, (payload, userProperty, settlement) -> {
        if (offered.size() == 1) {
          settlement.refused(EmbeddedBroker.Refusal.BUSY, "the hub is busy: send it again later");
        } else {
          settlement.kept();
        }
      });
      try (DeviceRuntime runtime = box(broker, device, clock)) {
        runtime.record(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, "0012345678", clock.instant(), false)));
        await().atMost(Duration.ofSeconds(20)).until(() -> offered.size() >= 2 && runtime.outbox().depth() == 0);
        assertThat(offered.get(1)).isEqualTo(offered.get(0)); // the same event, kept until the broker said yes
      }
    }
  }

  @Test
  void anEventTheHubRefusesForGoodIsSetAsideOnTheDeviceAndTheNextOnesGoOn() throws Exception {
    String device = "box-pz-" + UUID.randomUUID().toString().substring(0, 8);
    Clock clock = Clock.systemUTC();
    List<String> offered = new CopyOnWriteArrayList<>();
    try (Brokers.Running broker = Brokers.EMBEDDED.start(dir)) {
      // As the hub does with a payload that breaks the schema: quarantined there, refused with 0x99.
      takeReturns(broker, offered, (payload, userProperty, settlement) -> {
        if (payload.contains("POISON")) {
          settlement.refused(EmbeddedBroker.Refusal.PAYLOAD_INVALID, "itemId: set aside in quarantine");
        } else {
          settlement.kept();
        }
      });
      try (DeviceRuntime runtime = box(broker, device, clock)) {
        runtime.record(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, "POISON", clock.instant(), false)));
        runtime.record(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, "0012345678", clock.instant(), false)));

        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.outbox().depth() == 0);
        assertThat(offered).as("the refused one is not sent again, the one behind it goes through")
            .hasSize(2).satisfies(o -> assertThat(o.get(0)).contains("POISON"))
            .satisfies(o -> assertThat(o.get(1)).contains("0012345678"));
        assertThat(runtime.outbox().refusedCount()).as("kept on the device, never dropped").isEqualTo(1);
        assertThat(runtime.health().snapshot().lastError()).hasValueSatisfying(e -> assertThat(e)
            .contains("refused by the hub", "quarantine"));
      }
    }
  }

  @Test
  void anEventDrainedByTheNextRunSaysTheDeviceClockAtItsPublication() throws Exception {
    String device = "box-ck-" + UUID.randomUUID().toString().substring(0, 8);
    ShiftedClock clock = new ShiftedClock(Duration.ofDays(3)); // a box whose clock is 3 days ahead
    List<Optional<String>> sentAt = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean hubBack = new java.util.concurrent.atomic.AtomicBoolean();
    try (Brokers.Running broker = Brokers.EMBEDDED.start(dir)) {
      takeSentAt(broker, sentAt, hubBack);
      Instant returnedAt = clock.instant();
      try (DeviceRuntime runtime = box(broker, device, clock)) {
        runtime.record(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, "0012345678", returnedAt, false)));
        await().atMost(Duration.ofSeconds(15)).until(() -> !sentAt.isEmpty());
        assertThat(sentAt.getFirst()).as("the first attempt says the box's clock")
            .hasValueSatisfying(at -> assertThat(Instant.parse(at)).isBetween(returnedAt, clock.instant()));
      }
      // Five hours go by with the box off; it starts again, its clock still 3 days ahead (no monotonic reading of
      // what the earlier run stored: only the wall clock tells the event's age).
      clock.shift(Duration.ofDays(3).plusHours(5));
      hubBack.set(true);
      try (DeviceRuntime runtime = box(broker, device, clock)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.outbox().depth() == 0);
        Instant drained = Instant.parse(sentAt.getLast().orElseThrow());
        assertThat(drained).as("the drained event says the clock at its publication, not at its making")
            .isAfter(returnedAt.plus(Duration.ofHours(2))).isBeforeOrEqualTo(clock.instant());
      }
    }
  }

  @Test
  void anEventThatWaitedWhileTheClockWasPutRightSaysTheClockThatStampedIt() throws Exception {
    String device = "box-cr-" + UUID.randomUUID().toString().substring(0, 8);
    ShiftedClock clock = new ShiftedClock(Duration.ofHours(3)); // a box 3 hours ahead, until NTP puts it right
    List<Optional<String>> sentAt = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean hubBack = new java.util.concurrent.atomic.AtomicBoolean();
    try (Brokers.Running broker = Brokers.EMBEDDED.start(dir)) {
      takeSentAt(broker, sentAt, hubBack);
      try (DeviceRuntime runtime = box(broker, device, clock)) {
        Instant returnedAt = clock.instant();
        runtime.record(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, "0012345678", returnedAt, false)));
        await().atMost(Duration.ofSeconds(15)).until(() -> !sentAt.isEmpty());

        clock.shift(Duration.ZERO); // the clock put right while the return waits in the outbox
        Instant putRight = Instant.now();
        hubBack.set(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.outbox().depth() == 0);
        Instant drained = Instant.parse(sentAt.getLast().orElseThrow());
        // On the clock now right, the hub would measure no offset and keep a return date 3 hours in the future.
        assertThat(drained).as("sent-at on the clock that stamped the return: still 3 hours ahead")
            .isAfter(putRight.plus(Duration.ofHours(3)).minusSeconds(1))
            .isBefore(Instant.now().plus(Duration.ofHours(3)).plusSeconds(1));
      }
    }
  }

  /** The broker keeps the {@code sent-at} of each return offered, and refuses them until {@code hubBack}. */
  private static void takeSentAt(Brokers.Running broker, List<Optional<String>> sentAt,
                                 java.util.concurrent.atomic.AtomicBoolean hubBack) {
    takeReturns(broker, new CopyOnWriteArrayList<>(), (payload, userProperty, settlement) -> {
      sentAt.add(userProperty.apply(SentAt.PROPERTY));
      if (hubBack.get()) {
        settlement.kept();
      } else { // the hub cannot store: the event stays in the box's outbox
        settlement.refused(EmbeddedBroker.Refusal.NOT_STORED, "the hub cannot store it now");
      }
    });
  }

  /** The system clock shifted by an offset a test may change (a device clock that is off, then put right). */
  static final class ShiftedClock extends Clock {
    private volatile Duration offset;

    ShiftedClock(Duration offset) {
      this.offset = offset;
    }

    void shift(Duration to) {
      this.offset = to;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }

  /** What the test's "hub" does with a return offered: its payload, its user properties, its answer. */
  private interface ReturnTaker {
    void take(String payload, Function<String, Optional<String>> userProperty, EmbeddedBroker.Settlement settle);
  }

  /** The broker hands each return over as the hub's ingest would; {@code settle} answers it. */
  private static void takeReturns(Brokers.Running broker, List<String> offered, ReturnTaker settle) {
    broker.embedded().takePublishes(new EmbeddedBroker.PublishTaker() {
      @Override
      public boolean wants(String topic) {
        return topic.endsWith("/return");
      }

      @Override
      public void take(String topic, byte[] payload, Function<String, Optional<String>> userProperty,
                       EmbeddedBroker.Settlement settlement) {
        String text = new String(payload, StandardCharsets.UTF_8);
        offered.add(text);
        settle.take(text, userProperty, settlement);
      }
    });
  }

  private DeviceRuntime box(Brokers.Running broker, String device, Clock clock) {
    return DeviceRuntime.start(
        DeviceRuntime.Settings.of(SessionSettings.of(broker.uri(), "BR02", device), dir.resolve("data")),
        new ConfigAndCommandsTest.GateSettings(), () -> HealthEvent.ReaderState.OK, commands -> {}, clock);
  }
}
