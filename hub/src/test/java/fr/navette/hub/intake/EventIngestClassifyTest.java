package fr.navette.hub.intake;

import fr.navette.hub.events.EventStore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.navette.schema.Channel;
import fr.navette.schema.CommandAck;
import fr.navette.schema.ConfigAck;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.ReturnEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How ingest sorts one message — an event, an acknowledgement, or set aside with a reason naming what is wrong —
 * without a broker or a store: {@code classify} decides, the batch writer only carries out.
 */
class EventIngestClassifyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");
  private static final String TOPIC = "navette/v1/BR01/box-1/";

  /** Records what classify told the sender: nothing, since sorting is not answering. */
  private static final class Untold implements Incoming.Reply {
    final List<String> calls = new ArrayList<>();

    @Override
    public void stored() {
      calls.add("stored");
    }

    @Override
    public void setAside(String reason) {
      calls.add("set aside");
    }

    @Override
    public boolean notStored(String reason) {
      calls.add("not stored");
      return false;
    }
  }

  private final Untold reply = new Untold();

  private BatchWriter.Sorted classify(String topic, byte[] payload) {
    BatchWriter.Sorted sorted = EventIngest.classify(new Incoming(topic, payload, reply));
    assertThat(reply.calls).as("classify only sorts; the writer answers").isEmpty();
    int kinds = (sorted.event() == null ? 0 : 1) + (sorted.ack() == null ? 0 : 1) + (sorted.setAside() == null ? 0 : 1);
    assertThat(kinds).as("exactly one of event, ack, set aside").isEqualTo(1);
    return sorted;
  }

  private static String reasonOf(BatchWriter.Sorted sorted) {
    assertThat(sorted.setAside()).as("set aside").isNotNull();
    return sorted.setAside().reason();
  }

  private static byte[] returnOf(String deviceId, String itemId) {
    return EventCodec.encode(new ReturnEvent(new EventHeader("1.0", UUID.randomUUID(), deviceId, 1, AT), itemId, AT,
        false));
  }

  private static byte[] without(byte[] payload, String field) throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(payload);
    node.remove(field);
    return JSON.writeValueAsBytes(node);
  }

  @Test
  void aValidReturnIsAnEventLeftPendingForTheSigb() {
    byte[] payload = returnOf("box-1", "0012345678");
    BatchWriter.Sorted sorted = classify(TOPIC + "return", payload);

    assertThat(sorted.event()).isNotNull();
    assertThat(sorted.event().topic().site()).isEqualTo("BR01");
    assertThat(sorted.event().topic().device()).isEqualTo("box-1");
    assertThat(sorted.event().event()).isInstanceOfSatisfying(ReturnEvent.class,
        r -> assertThat(r.itemId()).isEqualTo("0012345678"));
    assertThat(sorted.event().payload()).as("stored as sent").isEqualTo(payload);
    assertThat(sorted.event().status()).isEqualTo(EventStore.PENDING);
    assertThat(sorted.in().reply()).isSameAs(reply);
  }

  @Test
  void aValidCountIsAnEventAppliedOnArrival() {
    byte[] payload = EventCodec.encode(new CountEvent(new EventHeader("1.0", UUID.randomUUID(), "gate-1", 7, AT),
        AT.minusSeconds(900), AT, 12, 9, 1));
    BatchWriter.Sorted sorted = classify("navette/v1/BR01/gate-1/count", payload);

    assertThat(sorted.event()).isNotNull();
    assertThat(sorted.event().event()).isInstanceOf(CountEvent.class);
    assertThat(sorted.event().status()).isEqualTo(EventStore.APPLIED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"config", "command", "response", "foo"})
  void aChannelDevicesDoNotPublishOnIsSetAsideNamingIt(String channel) {
    String reason = reasonOf(classify(TOPIC + channel, returnOf("box-1", "1")));
    assertThat(reason).contains("'" + channel + "'").contains("not one devices publish on");
  }

  @ParameterizedTest
  @ValueSource(strings = {"navette/v1/BR01/return", "navette/v2/BR01/box-1/return", "navette/v1/BR 01/box-1/return",
      "navette/v1/BR01//return"})
  void aBadTopicIsSetAsideNamingIt(String topic) {
    assertThat(reasonOf(classify(topic, returnOf("box-1", "1")))).contains("topic");
  }

  @Test
  void aBadSiteIsNamedAsTheSite() {
    assertThat(reasonOf(classify("navette/v1/BR 01/box-1/return", returnOf("box-1", "1"))))
        .contains("topic.site").contains("'BR 01'");
  }

  @Test
  void aSchemaBreakIsSetAsideNamingTheChannelAndTheField() throws Exception {
    String reason = reasonOf(classify(TOPIC + "return", without(returnOf("box-1", "1"), "itemId")));
    assertThat(reason).startsWith("return: ").contains("itemId");

    assertThat(reasonOf(classify(TOPIC + "return", "not json".getBytes(StandardCharsets.UTF_8))))
        .startsWith("return: ");
    assertThat(reasonOf(classify(TOPIC + "alarm", returnOf("box-1", "1")))).as("a return sent as an alarm")
        .startsWith("alarm: ");
  }

  @Test
  void anEventWhoseDeviceIsNotTheTopicsIsSetAside() {
    String reason = reasonOf(classify(TOPIC + "return", returnOf("box-2", "1")));
    assertThat(reason).contains("deviceId").contains("'box-2'").contains("'box-1'");
  }

  @Test
  void aConfigAckIsAnAckOfItsSite() {
    ConfigAck ack = new ConfigAck("box-1", 3, false, Optional.of("pin.light needs a restart"), 2, AT);
    BatchWriter.Sorted sorted = classify(TOPIC + "config-ack", MessageCodec.encode(ack));

    assertThat(sorted.ack()).isEqualTo(ack);
    assertThat(sorted.site()).isEqualTo("BR01");
  }

  @Test
  void aCommandAckIsAnAckOfItsSite() {
    CommandAck ack = new CommandAck("box-1", UUID.randomUUID(), CommandAck.Status.DONE, Optional.empty(), AT);
    BatchWriter.Sorted sorted = classify(TOPIC + "command-ack", MessageCodec.encode(ack));

    assertThat(sorted.ack()).isEqualTo(ack);
    assertThat(sorted.site()).isEqualTo("BR01");
  }

  @Test
  void anAckForAnotherDeviceIsSetAside() {
    ConfigAck config = new ConfigAck("box-2", 3, true, Optional.empty(), 3, AT);
    assertThat(reasonOf(classify(TOPIC + "config-ack", MessageCodec.encode(config))))
        .startsWith("config-ack: ").contains("deviceId").contains("'box-2'");
    CommandAck command = new CommandAck("box-2", UUID.randomUUID(), CommandAck.Status.DONE, Optional.empty(), AT);
    assertThat(reasonOf(classify(TOPIC + "command-ack", MessageCodec.encode(command))))
        .startsWith("command-ack: ").contains("deviceId");
  }

  @Test
  void aDecoderThrowingSomethingUnexpectedIsSetAsideNeverThrown() {
    // No payload at all: the decoders expect bytes and fail with a NullPointerException/IllegalArgumentException,
    // not a SchemaException — what a decoder's bug met by hostile input looks like.
    for (String channel : List.of("return", "alarm", "config-ack", "command-ack")) {
      BatchWriter.Sorted sorted = classify(TOPIC + channel, null);
      assertThat(reasonOf(sorted)).as(channel).startsWith(channel + ": ");
    }
  }

  @Property(tries = 300)
  void noPayloadOnAnyChannelMakesClassifyThrow(@ForAll("deviceChannels") String channel,
                                               @ForAll("payloads") byte[] payload) {
    Untold untold = new Untold();
    BatchWriter.Sorted sorted = EventIngest.classify(new Incoming(TOPIC + channel, payload, untold));
    assertThat(sorted.event() != null || sorted.ack() != null || sorted.setAside() != null).isTrue();
    if (sorted.setAside() != null) {
      assertThat(sorted.setAside().reason()).startsWith(channel + ": ");
      assertThat(sorted.setAside().payload()).as("kept as sent").isSameAs(payload);
    }
    assertThat(untold.calls).isEmpty();
  }

  @Provide
  Arbitrary<String> deviceChannels() {
    return Arbitraries.of(IntakeTopics.ingestedChannels().stream().map(Channel::wireName).toList());
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> brokenJson = Arbitraries.of(returnOf("box-1", "0012345678")).flatMap(valid ->
        Arbitraries.integers().between(0, valid.length - 1).tuple2().map(cut -> {
          byte[] copy = valid.clone();
          copy[cut.get1()] = copy[cut.get2()];
          return copy;
        }));
    Arbitrary<byte[]> deep = Arbitraries.integers().between(1, 5000)
        .map(depth -> ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(noise, brokenJson, deep);
  }
}
