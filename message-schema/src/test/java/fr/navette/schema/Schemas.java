package fr.navette.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The shipped JSON Schemas, loaded from the class path as any reader of the module would. */
final class Schemas {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "https://navette.example/schema/v1/";
  // networknt 3.x parses with Jackson 3: give it JSON text, never our Jackson 2 nodes (FOOTGUNS.md).
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(BASE, "classpath:fr/navette/schema/v1/")));

  private Schemas() {}

  static List<Error> validate(Channel channel, byte[] payload) {
    return REGISTRY.getSchema(SchemaLocation.of(BASE + channel.wireName() + ".schema.json"))
        .validate(new String(payload, StandardCharsets.UTF_8), InputFormat.JSON);
  }

  static JsonNode file(String name) {
    try (InputStream in = EventCodec.class.getResourceAsStream("v1/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no resource fr/navette/schema/v1/" + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode examples(Channel channel) {
    return file(channel.wireName() + ".schema.json").get("examples");
  }

  /** Decodes any payload with the codec of its channel, as the hub or a device would. */
  static Object decode(Channel channel, byte[] payload) {
    return switch (channel) {
      case REQUEST -> MessageCodec.decodeRequest(payload);
      case RESPONSE -> MessageCodec.decodeResponse(payload);
      case CONFIG -> MessageCodec.decodeConfig(payload);
      case CONFIG_ACK -> MessageCodec.decodeConfigAck(payload);
      case COMMAND -> MessageCodec.decodeCommand(payload);
      case COMMAND_ACK -> MessageCodec.decodeCommandAck(payload);
      default -> EventCodec.decode(channel, payload);
    };
  }

  /** Encodes any value made by {@link #decode}. */
  static byte[] encode(Object message) {
    return switch (message) {
      case Event e -> EventCodec.encode(e);
      case SigbRequest r -> MessageCodec.encode(r);
      case SigbResponse r -> MessageCodec.encode(r);
      case DeviceConfig c -> MessageCodec.encode(c);
      case ConfigAck a -> MessageCodec.encode(a);
      case Command c -> MessageCodec.encode(c);
      case CommandAck a -> MessageCodec.encode(a);
      default -> throw new IllegalArgumentException(message.getClass().getName());
    };
  }
}
