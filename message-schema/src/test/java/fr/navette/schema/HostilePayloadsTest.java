package fr.navette.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a device (or a broken hub) sends, a decoder answers with a value every field of which the store,
 * Java and JavaScript can hold — or with a {@link SchemaException}; never with another exception.
 */
class HostilePayloadsTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> LIMIT_KEYWORDS = Set.of("maxLength", "maximum", "minimum", "maxItems",
      "maxProperties", "propertyNames");

  /** A hostile payload and the channel it arrives on. */
  record Hostile(Channel channel, byte[] payload) {
    @Override
    public String toString() {
      String text = new String(payload, StandardCharsets.UTF_8);
      return channel.wireName() + " " + (text.length() > 600 ? text.substring(0, 600) + "… (" + payload.length
          + " bytes)" : text);
    }
  }

  @Property(tries = 2000)
  void aDecoderAnswersAValueWithinTheLimitsOrASchemaException(@ForAll("hostile") Hostile hostile) {
    Object read;
    try {
      read = Schemas.decode(hostile.channel(), hostile.payload());
    } catch (SchemaException refused) {
      Statistics.label("outcome").collect("refused");
      assertThat(refused.getMessage()).hasSizeLessThan(400).startsWith(refused.field() + ": ");
      return;
    }
    Statistics.label("outcome").collect("read");
    byte[] again = Schemas.encode(read);
    assertThat(again.length).isLessThanOrEqualTo(hostile.channel().direction() == Channel.Direction.DEVICE_TO_HUB
        ? Limits.DEVICE_PAYLOAD_BYTES : Limits.HUB_PAYLOAD_BYTES);
    assertThat(Schemas.decode(hostile.channel(), again)).isEqualTo(read);
    assertThat(Schemas.validate(hostile.channel(), again)).filteredOn(e -> LIMIT_KEYWORDS.contains(e.getKeyword()))
        .isEmpty();
    assertStorable(read.getClass().getSimpleName(), read);
  }

  /** Every instant and date in range (toEpochMilli included), every number exact in JavaScript, every text UTF-8. */
  private static void assertStorable(String path, Object value) {
    switch (value) {
      case null -> { }
      case String s -> {
        assertThat(s.codePoints().count()).as(path).isLessThanOrEqualTo(Limits.FREE_TEXT);
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(s)).as(path + " encodes as UTF-8").isTrue();
        assertThat(s).as(path).doesNotContain("\u0000");
      }
      case Instant i -> {
        assertThat(i).as(path).isBetween(Limits.EARLIEST, Limits.LATEST);
        assertThat(i.toEpochMilli()).as(path).isPositive();
      }
      case LocalDate d -> assertThat(d).as(path).isBetween(Limits.EARLIEST_DATE, Limits.LATEST_DATE);
      case Long l -> assertThat(l).as(path).isBetween(-1L, Limits.SAFE_INTEGER);
      case Integer n -> assertThat(n).as(path).isBetween(0, Limits.ANTENNA);
      case Optional<?> o -> o.ifPresent(v -> assertStorable(path, v));
      case OptionalInt o -> o.ifPresent(v -> assertStorable(path, v));
      case List<?> list -> {
        assertThat(list).as(path).hasSizeLessThanOrEqualTo(Limits.LOANS);
        list.forEach(v -> assertStorable(path + "[]", v));
      }
      case Map<?, ?> map -> {
        assertThat(map).as(path).hasSizeLessThanOrEqualTo(Limits.SETTINGS);
        map.forEach((k, v) -> {
          assertStorable(path + " key", k);
          assertStorable(path + "." + k, v);
        });
      }
      case Record record -> {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
          try {
            assertStorable(path + "." + component.getName(), component.getAccessor().invoke(record));
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        }
      }
      default -> { } // enums, booleans, UUIDs
    }
  }

  @Provide
  Arbitrary<Hostile> hostile() {
    Arbitrary<Channel> channels = Arbitraries.of(Channel.class);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, channels.flatMap(c -> mutatedExample(c).map(p -> new Hostile(c, p)))),
        net.jqwik.api.Tuple.of(1, Combinators.combine(channels, tree(4)).as((c, t) ->
            new Hostile(c, t.toString().getBytes(StandardCharsets.UTF_8)))),
        net.jqwik.api.Tuple.of(1, channels.flatMap(c -> mutatedExample(c).map(p -> new Hostile(c, duplicated(p))))));
  }

  /** An example of the channel with one to four of its fields (or new ones) set to hostile values. */
  private Arbitrary<byte[]> mutatedExample(Channel channel) {
    JsonNode examples = Schemas.examples(channel);
    Arbitrary<Integer> which = Arbitraries.integers().between(0, examples.size() - 1);
    Arbitrary<List<Integer>> picks = Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<List<JsonNode>> values = hostileValue().list().ofMinSize(4).ofMaxSize(4);
    return Combinators.combine(which, picks, values).as((w, p, v) -> {
      ObjectNode copy = examples.get(w).deepCopy();
      for (int i = 0; i < p.size(); i++) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(copy, objects);
        ObjectNode target = objects.get(p.get(i) % objects.size());
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        names.add("addedByAFuzzer");
        target.set(names.get(p.get(i) % names.size()), v.get(i).deepCopy());
      }
      return copy.toString().getBytes(StandardCharsets.UTF_8);
    });
  }

  private static void collectObjects(JsonNode node, List<ObjectNode> into) {
    if (node instanceof ObjectNode object) {
      into.add(object);
    }
    node.forEach(child -> collectObjects(child, into));
  }

  /** The payload with its first field written twice, the second time with another value. */
  private static byte[] duplicated(byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8);
    int colon = text.indexOf("\":");
    if (colon < 0) {
      return payload;
    }
    String name = text.substring(1, colon + 1);
    return ("{" + name + ":\"x\"," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
  }

  private Arbitrary<JsonNode> hostileValue() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(0), NODES.numberNode(-0.0),
            NODES.numberNode(-1), NODES.numberNode(Limits.SAFE_INTEGER), NODES.numberNode(Limits.SAFE_INTEGER + 1),
            NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE),
            NODES.numberNode(new BigInteger("18446744073709551616")), NODES.numberNode(new BigInteger("9".repeat(64))),
            NODES.numberNode(new BigDecimal("1e400")), NODES.numberNode(new BigDecimal("-1e-400")),
            NODES.numberNode(Double.MAX_VALUE), NODES.numberNode(1.5), NODES.numberNode(Integer.MAX_VALUE + 1L),
            NODES.textNode("NaN"), NODES.textNode("Infinity"), NODES.textNode("-0"), NODES.textNode(""),
            NODES.textNode(" "), NODES.textNode("\u0000"), NODES.textNode("\uD800"), NODES.textNode("\uDC00x"),
            NODES.textNode("📚"), NODES.textNode("\u001b[2J"), NODES.textNode("+300000000-01-01T00:00:00Z"),
            NODES.textNode("-1000000000-01-01T00:00:00Z"), NODES.textNode("1970-01-01T00:00:00Z"),
            NODES.textNode("2999-12-31T23:59:59.999999999Z"), NODES.textNode("9999-12-31T23:59:59Z"),
            NODES.textNode("+10000-01-01"), NODES.textNode("2026-02-30"), NODES.textNode("1-1-1-1-1"),
            NODES.textNode("2.0"), NODES.textNode("1.+5"), NODES.textNode("01.2"), NODES.textNode("1.99999999999"),
            NODES.textNode("pp1.k.AAAAAAAAAAAAAAAAAAAAAA"), NODES.textNode("offline"), NODES.textNode("card-lost"),
            NODES.arrayNode(), NODES.objectNode()),
        Arbitraries.integers().between(0, 3).flatMap(k -> Arbitraries.of(63, 64, 65, 256, 257, 1024, 1025, 70_000)
            .map(n -> (JsonNode) NODES.textNode((k == 0 ? "7" : k == 1 ? "📚" : k == 2 ? "E" : "é").repeat(n)))),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.strings().ofMaxLength(80).map(NODES::textNode),
        Arbitraries.integers().between(1, 60).map(HostilePayloadsTest::deep),
        tree(3));
  }

  private static JsonNode deep(int depth) {
    JsonNode node = NODES.arrayNode();
    for (int i = 1; i < depth; i++) {
      node = NODES.arrayNode().add(node);
    }
    return node;
  }

  /** Random JSON of a few levels: objects, arrays, and the scalars JSON has. */
  private Arbitrary<JsonNode> tree(int depth) {
    Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20).map(s -> (JsonNode) NODES.textNode(s)),
        Arbitraries.longs().map(NODES::numberNode), Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of(NODES.nullNode(), NODES.booleanNode(false)));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<JsonNode> child = tree(depth - 1);
    Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("schemaVersion", "type", "itemId", "sequence",
        "deviceTime", "eventId", "deviceId", "loans", "settings", "version"), Arbitraries.strings().ofMaxLength(8));
    Arbitrary<JsonNode> object = Combinators.combine(names.list().ofMaxSize(6), child.list().ofSize(6))
        .as((keys, values) -> {
          ObjectNode o = NODES.objectNode();
          for (int i = 0; i < keys.size(); i++) {
            o.set(keys.get(i), values.get(i));
          }
          return (JsonNode) o;
        });
    Arbitrary<JsonNode> array = child.list().ofMaxSize(4).map(values -> {
      ArrayNode a = NODES.arrayNode();
      values.forEach(a::add);
      return (JsonNode) a;
    });
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, object), net.jqwik.api.Tuple.of(1, array),
        net.jqwik.api.Tuple.of(1, scalar));
  }
}
