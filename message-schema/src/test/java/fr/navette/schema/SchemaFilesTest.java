package fr.navette.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every channel has a schema with examples; every example is valid, decodes, and survives the round trip. */
class SchemaFilesTest {

  @ParameterizedTest
  @EnumSource(Channel.class)
  void everyExampleIsValidAndDecodesToWhatItSays(Channel channel) throws Exception {
    JsonNode examples = Schemas.examples(channel);
    assertThat(examples).as(channel + " examples").isNotNull().hasSizeGreaterThan(0);
    for (JsonNode example : examples) {
      byte[] bytes = example.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(Schemas.validate(channel, bytes)).as(example.toString()).isEmpty();
      Object decoded = Schemas.decode(channel, bytes);
      byte[] reencoded = Schemas.encode(decoded);
      // The codec writes what it read: same fields, same values (defaults made explicit aside).
      assertThat(Schemas.JSON.readTree(reencoded)).as(example.toString()).isEqualTo(withDefaults(example));
      assertThat(Schemas.decode(channel, reencoded)).isEqualTo(decoded);
    }
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void unknownFieldsAreIgnored(Channel channel) {
    for (JsonNode example : Schemas.examples(channel)) {
      ObjectNode newer = example.deepCopy();
      newer.put("schemaVersion", "1.7");
      newer.put("addedInAMinor", "x");
      Object decoded = Schemas.decode(channel, newer.toString().getBytes(StandardCharsets.UTF_8));
      assertThat(decoded).isNotNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void aHigherMajorIsRefusedNamingTheVersion(Channel channel) {
    ObjectNode newer = Schemas.examples(channel).get(0).deepCopy();
    newer.put("schemaVersion", "2.0");
    assertThatThrownBy(() -> Schemas.decode(channel, newer.toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("schemaVersion")
        .hasMessageContaining("2.0")
        .hasMessageContaining("upgrade");
    assertThat(Schemas.validate(channel, newer.toString().getBytes(StandardCharsets.UTF_8))).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void aMessageOfAnotherChannelIsRefusedNamingType(Channel channel) {
    ObjectNode other = Schemas.examples(channel).get(0).deepCopy();
    other.put("type", "something-else");
    assertThatThrownBy(() -> Schemas.decode(channel, other.toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SchemaException.class)
        .extracting(e -> ((SchemaException) e).field()).isEqualTo("type");
  }

  @Test
  void theAsyncApiDocumentDescribesEveryChannelWithItsSchema() throws Exception {
    JsonNode doc;
    try (InputStream in = EventCodec.class.getResourceAsStream("v1/asyncapi.yaml")) {
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    assertThat(doc.path("asyncapi").asText()).startsWith("3.");
    List<String> addresses = new ArrayList<>();
    doc.get("channels").forEach(c -> addresses.add(c.get("address").asText()));
    for (Channel channel : Channel.values()) {
      assertThat(addresses).contains("navette/v1/{site}/{device}/" + channel.wireName());
    }
    assertThat(addresses).hasSize(Channel.values().length);
    doc.at("/components/messages").forEach(message -> {
      String file = message.at("/payload/$ref").asText().replace("./", "");
      assertThat(Schemas.file(file).get("$id").asText()).endsWith("/" + file);
    });
    doc.get("operations").forEach(op -> {
      String channelRef = op.at("/channel/$ref").asText();
      String name = channelRef.substring(channelRef.lastIndexOf('/') + 1);
      boolean retained = op.at("/bindings/mqtt/retain").asBoolean();
      Channel channel = Channel.values()[indexOf(doc, name)];
      assertThat(retained).as(name + " retain").isEqualTo(channel.retained());
      assertThat(op.get("action").asText()).as(name + " action")
          .isEqualTo(channel.direction() == Channel.Direction.DEVICE_TO_HUB ? "receive" : "send");
    });
  }

  private static int indexOf(JsonNode doc, String channelKey) {
    String address = doc.at("/channels/" + channelKey + "/address").asText();
    String wire = address.substring(address.lastIndexOf('/') + 1);
    return Channel.fromWire(wire).orElseThrow().ordinal();
  }

  // Fields the codec writes even when an example leaves them to their default.
  private static JsonNode withDefaults(JsonNode example) {
    ObjectNode copy = example.deepCopy();
    switch (copy.get("type").asText()) {
      // These carry no version of their own once read: the codec writes the current one (1.0 examples stay, to
      // prove that older payloads still read).
      case "request", "response", "config-ack", "command-ack" -> copy.put("schemaVersion", SchemaVersion.CURRENT);
      case "return" -> { if (!copy.has("offline")) copy.put("offline", false); }
      case "count" -> { if (!copy.has("aggregated")) copy.put("aggregated", 1); }
      case "health" -> { if (!copy.has("brokerConnected")) copy.put("brokerConnected", false); }
      case "command", "config" -> {
        String field = copy.get("type").asText().equals("command") ? "args" : "settings";
        if (copy.has(field)) {
          ObjectNode asText = Schemas.JSON.createObjectNode();
          copy.get(field).properties().forEach(e -> asText.put(e.getKey(), e.getValue().asText()));
          copy.set(field, asText); // scalars travel back as strings
        } else {
          copy.putObject(field);
        }
      }
      default -> { }
    }
    return copy;
  }
}
