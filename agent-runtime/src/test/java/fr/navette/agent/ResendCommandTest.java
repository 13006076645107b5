package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.mqtt.InboundMessage;
import fr.navette.schema.Channel;
import fr.navette.schema.Command;
import fr.navette.schema.CommandAck;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.ResendRequest;
import fr.navette.schema.ReturnEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hub's {@code resend} command, over a real broker, to the real runtime: the event asked for leaves again with its
 * sequence and exact bytes (so its event id), and what the device no longer has is refused by name.
 */
class ResendCommandTest {
  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();

  @ParameterizedTest
  @EnumSource(Brokers.class)
  void anEventTheBrokerConfirmedLeavesAgainWithItsSequenceAndBytes(Brokers kind) throws Exception {
    String device = "box-rs-" + UUID.randomUUID().toString().substring(0, 8);
    try (Brokers.Running broker = kind.start(dir);
         HubProbe hub = new HubProbe(broker.uri(), "BR03", device);
         DeviceRuntime box = DeviceRuntime.start(
             DeviceRuntime.Settings.of(SessionSettings.of(broker.uri(), "BR03", device), dir.resolve("data")),
             new ConfigAndCommandsTest.GateSettings(), () -> HealthEvent.ReaderState.OK, commands -> {}, clock)) {
      for (int i = 1; i <= 3; i++) {
        String item = "ITEM-" + i;
        box.record(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, Instant.now(), false)));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> hub.received(Channel.RETURN).size() == 3
          && box.outbox().depth() == 0);
      byte[] second = hub.received(Channel.RETURN).get(1).payload();

      hub.publish(Channel.COMMAND, resend(device, "2"), false);

      await().atMost(Duration.ofSeconds(30)).until(() -> hub.received(Channel.RETURN).size() == 4);
      InboundMessage again = hub.received(Channel.RETURN).get(3);
      assertThat(again.payload()).isEqualTo(second);
      assertThat(EventCodec.decodeReturn(again.payload()).header().sequence()).isEqualTo(2);
      CommandAck done = awaitAck(hub, 1);
      assertThat(done.status()).isEqualTo(CommandAck.Status.DONE);
      assertThat(done.message()).hasValue("1 event(s) put back in the outbox");

      // 5 was never stored: refused, named, for staff (the hub's alert stays); 1 leaves all the same.
      hub.publish(Channel.COMMAND, resend(device, "1,5"), false);
      CommandAck refused = awaitAck(hub, 2);
      assertThat(refused.status()).isEqualTo(CommandAck.Status.REFUSED);
      assertThat(refused.message()).get().asString().startsWith("sequences 5 no longer kept on this device")
          .contains("1 event(s) put back");
      await().atMost(Duration.ofSeconds(30)).until(() -> hub.received(Channel.RETURN).size() == 5);
      assertThat(hub.applied).extracting(h -> h.sequence()).containsExactly(1L, 2L, 3L);

      hub.publish(Channel.COMMAND, resend(device, "3-2"), false);
      assertThat(awaitAck(hub, 3).message()).get().asString().contains("sequences: a range runs from 1 up");
    }
  }

  private static byte[] resend(String device, String sequences) {
    Map<String, String> args = Map.of(ResendRequest.SEQUENCES, sequences);
    return MessageCodec.encode(new Command("1.0", UUID.randomUUID(), device, ResendRequest.NAME, args, Instant.now(),
        Optional.of(Instant.now().plusSeconds(600))));
  }

  private static CommandAck awaitAck(HubProbe hub, int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.received(Channel.COMMAND_ACK).size() >= count);
    List<InboundMessage> acks = hub.received(Channel.COMMAND_ACK);
    return MessageCodec.decodeCommandAck(acks.get(count - 1).payload());
  }
}
