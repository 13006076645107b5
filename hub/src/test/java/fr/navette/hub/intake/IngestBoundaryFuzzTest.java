package fr.navette.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.navette.hub.HubFixture;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.schema.AlarmEvent;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.ReturnEvent;
import fr.navette.sim.sigb.SigbSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The boundary, fuzzed: thousands of hostile PUBLISHes (topic shapes, extremes of every field type, huge strings,
 * deep nesting, wrong types, bytes that are not text) sent through the real embedded broker into the real hub
 * while a well-behaved device keeps sending events. Afterwards every hostile message is accounted for — stored,
 * quarantined (0x99) or refused for its topic (0x90), by its PUBACK and by the hub's own counts and store — ingest
 * is alive, and not one well-formed event is missing.
 */
class IngestBoundaryFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int WINDOW = 6;

  /** One hostile PUBLISH. */
  record Hostile(String topic, byte[] payload) {
    @Override
    public String toString() {
      String text = new String(payload, StandardCharsets.UTF_8);
      return topic + " " + (text.length() > 300 ? text.substring(0, 300) + "… (" + payload.length + " bytes)" : text);
    }
  }

  @Property(tries = 1, shrinking = ShrinkingMode.OFF)
  void everyHostileMessageIsAccountedForAndNoWellFormedEventIsLost(
      @ForAll("attack") List<Hostile> hostile) throws Exception {
    Path dir = Files.createTempDirectory("fuzz");
    try (SigbSimulator sigb = HubFixture.smallSigb();
         HubFixture fixture = new HubFixture(dir, sigb.port(), c -> c.withRules(NetworkRules.defaults()),
             Clock.systemUTC())) {
      MqttAsyncClient attacker = connect(fixture, "attacker");
      MqttAsyncClient honest = connect(fixture, "honest");
      AtomicBoolean attacking = new AtomicBoolean(true);
      AtomicInteger wellFormedStored = new AtomicInteger();
      List<String> wellFormedRefused = new ArrayList<>();
      Thread device = Thread.ofPlatform().start(() -> {
        long sequence = 0;
        while (attacking.get()) {
          try {
            int code = settle(honest.publish("navette/v1/BR01/gate-BR01-9/count",
                count(fixture, "gate-BR01-9", ++sequence), 1, false));
            if (code >= 0 && code < 0x80) {
              wellFormedStored.incrementAndGet();
            } else {
              wellFormedRefused.add(sequence + ": 0x" + Integer.toHexString(code));
            }
          } catch (MqttException e) {
            wellFormedRefused.add(sequence + ": " + e);
          }
        }
      });

      try {
      Map<String, Integer> byOutcome = new TreeMap<>();
      Map<IMqttToken, Hostile> inFlight = new ConcurrentHashMap<>();
      List<IMqttToken> order = new ArrayList<>();
      Iterator<Hostile> next = hostile.iterator();
      while (next.hasNext() || !order.isEmpty()) {
        while (next.hasNext() && order.size() < WINDOW) {
          Hostile message = next.next();
          IMqttToken token = null;
          while (token == null) {
            try {
              token = attacker.publish(message.topic(), message.payload(), 1, false);
            } catch (MqttException e) {
              if (e.getReasonCode() != 32202 /* too many publishes in progress */) {
                throw e;
              }
              // Paho frees a slot a moment after the PUBACK it waited on: settle one more, or wait for the slot.
              if (!order.isEmpty()) {
                IMqttToken oldest = order.removeFirst();
                byOutcome.merge(outcome(settle(oldest), inFlight.get(oldest)), 1, Integer::sum);
              } else {
                org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(5)).until(() -> true);
              }
            }
          }
          inFlight.put(token, message);
          order.add(token);
        }
        if (!order.isEmpty()) {
          IMqttToken oldest = order.removeFirst();
          byOutcome.merge(outcome(settle(oldest), inFlight.get(oldest)), 1, Integer::sum);
        }
      }
      attacking.set(false);
      device.join();

      IngestCounts.Snapshot counts = fixture.hub.ingestCounts();
      assertThat(byOutcome.keySet()).as("every PUBACK is stored, quarantined or refused for its topic")
          .isSubsetOf("stored", "quarantined", "refused-topic");
      assertThat(byOutcome.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(hostile.size());
      assertThat(counts.refusedTopic()).isEqualTo((long) byOutcome.getOrDefault("refused-topic", 0));
      assertThat(counts.quarantined()).isEqualTo((long) byOutcome.getOrDefault("quarantined", 0));
      assertThat(counts.stored() + counts.duplicates())
          .isEqualTo((long) byOutcome.getOrDefault("stored", 0) + wellFormedStored.get());
      assertThat(fixture.hub.quarantine().recent(5000)).hasSize(byOutcome.getOrDefault("quarantined", 0));
      assertThat(counts.refusedBusy() + counts.refusedNotStored()).isZero();

      assertThat(wellFormedRefused).as("no well-formed event refused").isEmpty();
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub/hub.db"));
           java.sql.ResultSet rs = c.createStatement().executeQuery(
               "SELECT COUNT(*) FROM events WHERE device_id = 'gate-BR01-9'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("every well-formed event stored").isEqualTo(wellFormedStored.get());
      }
      assertThat(wellFormedStored.get()).as("well-formed events flowed during the attack").isGreaterThan(10);
      // Alive afterwards.
      assertThat(settle(honest.publish("navette/v1/BR01/gate-BR01-9/count",
          count(fixture, "gate-BR01-9", 1_000_000), 1, false))).isLessThan(0x80);
      } finally {
        attacking.set(false); // the honest device stops whatever happened, never spinning on past this test
        device.join();
        closeQuietly(attacker);
        closeQuietly(honest);
      }
    }
  }

  @Provide
  Arbitrary<List<Hostile>> attack() {
    return hostile().list().ofSize(3000);
  }

  private Arbitrary<Hostile> hostile() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, mutatedEvent()),
        net.jqwik.api.Tuple.of(2, Combinators.combine(badTopic(), Arbitraries.of("{}", "", "null", "[]"))
            .as((topic, body) -> new Hostile(topic, body.getBytes(StandardCharsets.UTF_8)))),
        net.jqwik.api.Tuple.of(1, Combinators.combine(deviceTopic(), Arbitraries.bytes().array(byte[].class)
            .ofMaxSize(2000)).as(Hostile::new)));
  }

  /** A valid event of a random channel, with one to three of its fields replaced by hostile values. */
  private Arbitrary<Hostile> mutatedEvent() {
    return Combinators.combine(Arbitraries.of("count", "return", "alarm"), hostileValue().list().ofMinSize(1)
            .ofMaxSize(3), Arbitraries.integers().between(0, 1000).list().ofMinSize(3).ofMaxSize(3))
        .as((channel, values, picks) -> {
          ObjectNode event = example(channel);
          List<String> paths = leaves(event, "");
          for (int i = 0; i < values.size(); i++) {
            set(event, paths.get(picks.get(i) % paths.size()), values.get(i));
          }
          return new Hostile("navette/v1/BR01/gate-BR01-1/" + channel, event.toString()
              .getBytes(StandardCharsets.UTF_8));
        });
  }

  private Arbitrary<String> deviceTopic() {
    return Arbitraries.of("alarm", "return", "count", "checkout", "renew", "health", "config-ack", "command-ack",
        "return-problem").map(c -> "navette/v1/BR01/gate-BR01-1/" + c);
  }

  private Arbitrary<String> badTopic() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(c -> "navette/v1/BR01/gate-BR01-1/" + c),
        Arbitraries.of("navette/v1/BR01/gate-BR01-1/return/extra", "navette/v2/BR01/gate-BR01-1/return",
            "navette/v1/BR01/return", "navette/v1//gate-BR01-1/return", "navette/v1/BR01/gate BR01/return",
            "navette/v1/" + "S".repeat(65) + "/gate-BR01-1/return", "navette/", "navette/v1",
            "navette/v1/BR01/gate-BR01-1/return/", "navette/v1/BR01/gate-BR01-1/Return",
            "navette/v1/BR01/gate-é/return", "navette/v1/../gate-BR01-1/return"));
  }

  private Arbitrary<JsonNode> hostileValue() {
    return Arbitraries.oneOf(
        Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(-1), NODES.numberNode(0),
            NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(1L << 53),
            NODES.numberNode(new java.math.BigDecimal("1e400")), NODES.numberNode(-0.0), NODES.numberNode(1.5),
            NODES.textNode(""), NODES.textNode("+300000000-01-01T00:00:00Z"), NODES.textNode("1969-12-31T23:59:59Z"),
            NODES.textNode("-999999999-01-01T00:00:00Z"), NODES.textNode("2026-02-30T25:61:61Z"),
            NODES.textNode("1-1-1-1-1"), NODES.textNode("\u0000"), NODES.textNode("\uD83D"),
            NODES.textNode("\u001B[2J"), NODES.objectNode(), NODES.arrayNode()),
        Arbitraries.integers().between(1, 120_000).map(n -> NODES.textNode("x".repeat(n))),
        Arbitraries.integers().between(1, 990).map(IngestBoundaryFuzzTest::nested),
        Arbitraries.strings().ofMaxLength(80).map(NODES::textNode),
        Arbitraries.longs().map(NODES::numberNode));
  }

  private static JsonNode nested(int depth) {
    ArrayNode root = NODES.arrayNode();
    ArrayNode at = root;
    for (int i = 1; i < depth; i++) {
      at = at.addArray();
    }
    return root;
  }

  private static ObjectNode example(String channel) {
    Instant now = Instant.parse("2026-11-24T09:00:00Z");
    EventHeader header = new EventHeader(EventCodec.SCHEMA_VERSION, UUID.randomUUID(), "gate-BR01-1", 1, now);
    byte[] bytes = switch (channel) {
      case "count" -> EventCodec.encode(new CountEvent(header, now.minusSeconds(60), now, 3, 2, 1));
      case "return" -> EventCodec.encode(new ReturnEvent(header, "3000000001", now, false));
      default -> EventCodec.encode(new AlarmEvent(header, "E004010000000001", Optional.of("3000000001"),
          AlarmEvent.Direction.OUT, now, java.util.OptionalInt.of(1), Optional.empty()));
    };
    try {
      return (ObjectNode) JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> leaves(JsonNode node, String path) {
    List<String> paths = new ArrayList<>();
    node.fieldNames().forEachRemaining(name -> {
      JsonNode child = node.get(name);
      paths.add(path + "/" + name);
      if (child.isObject()) {
        paths.addAll(leaves(child, path + "/" + name));
      }
    });
    return paths;
  }

  private static void set(ObjectNode root, String path, JsonNode value) {
    int slash = path.lastIndexOf('/');
    JsonNode parent = slash == 0 ? root : root.at(path.substring(0, slash));
    if (parent instanceof ObjectNode object) {
      object.set(path.substring(slash + 1), value);
    }
  }

  private static byte[] count(HubFixture fixture, String deviceId, long sequence) {
    Instant now = Instant.now();
    return EventCodec.encode(new CountEvent(fixture.header(deviceId, sequence), now.minusSeconds(60), now, 1, 1, 1));
  }

  private static MqttAsyncClient connect(HubFixture fixture, String name) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(fixture.hub.mqttUri(), name + "-" + UUID.randomUUID(),
        new MemoryPersistence());
    client.connect().waitForCompletion(10_000);
    return client;
  }

  private static void closeQuietly(MqttAsyncClient client) {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(1_000, 1_000, false);
      }
      client.close(true);
    } catch (MqttException e) {
      // closing a test client that the broker may have dropped
    }
  }

  private static String outcome(int code, Hostile message) {
    return code >= 0 && code < 0x80 ? "stored" : code == 0x99 ? "quarantined" : code == 0x90 ? "refused-topic"
        : "other 0x" + Integer.toHexString(code) + " for " + message;
  }

  /** The PUBACK's reason code. */
  private static int settle(IMqttToken token) {
    try {
      token.waitForCompletion(15_000);
    } catch (MqttException e) {
      // Paho may report a refusing PUBACK as an exception as well as by its reason code
    }
    int[] codes = token.getReasonCodes();
    return codes == null || codes.length == 0 ? -1 : codes[0];
  }
}
