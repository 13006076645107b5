package fr.navette.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * JSON encoding of device events, as described by the JSON Schemas under {@code fr/navette/schema/v1/}.
 * Decoding ignores unknown fields (newer minor versions add some) and refuses a higher major version with
 * a clear error; every other problem is a {@link SchemaException} naming the field.
 */
public final class EventCodec {
  public static final String SCHEMA_VERSION = "1.0";
  private static final int MAJOR = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventCodec() {}

  public static byte[] encode(ReturnEvent event) {
    ObjectNode node = header(event.header(), "return");
    node.put("itemId", event.itemId());
    node.put("returnedAt", event.returnedAt().toString());
    node.put("offline", event.offline());
    return bytes(node);
  }

  public static ReturnEvent decodeReturn(byte[] payload) {
    JsonNode node = parse(payload);
    requireType(node, "return");
    return new ReturnEvent(header(node), text(node, "itemId"), instant(node, "returnedAt"),
        node.path("offline").asBoolean(false));
  }

  private static ObjectNode header(EventHeader header, String type) {
    ObjectNode node = JSON.createObjectNode();
    node.put("schemaVersion", header.schemaVersion());
    node.put("type", type);
    node.put("eventId", header.eventId().toString());
    node.put("deviceId", header.deviceId());
    node.put("sequence", header.sequence());
    node.put("deviceTime", header.deviceTime().toString());
    return node;
  }

  private static EventHeader header(JsonNode node) {
    String version = text(node, "schemaVersion");
    int major;
    try {
      major = Integer.parseInt(version.split("\\.", 2)[0]);
    } catch (NumberFormatException e) {
      throw new SchemaException("schemaVersion", "expected MAJOR.MINOR, got '" + version + "'");
    }
    if (major > MAJOR) {
      throw new SchemaException("schemaVersion",
          "version " + version + " is newer than this hub understands (" + SCHEMA_VERSION + "): upgrade the hub");
    }
    UUID id;
    try {
      id = UUID.fromString(text(node, "eventId"));
    } catch (IllegalArgumentException e) {
      throw new SchemaException("eventId", "not a UUID: '" + node.path("eventId").asText() + "'");
    }
    JsonNode seq = node.get("sequence");
    if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber()) {
      throw new SchemaException("sequence", "missing or not an integer");
    }
    return new EventHeader(version, id, text(node, "deviceId"), seq.asLong(), instant(node, "deviceTime"));
  }

  private static JsonNode parse(byte[] payload) {
    try {
      JsonNode node = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) {
        throw new SchemaException("$", "expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new SchemaException("$", "not JSON: " + e.getOriginalMessage());
    }
  }

  private static void requireType(JsonNode node, String type) {
    String actual = text(node, "type");
    if (!type.equals(actual)) {
      throw new SchemaException("type", "expected '" + type + "', got '" + actual + "'");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new SchemaException(field, "missing");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new SchemaException(field, "expected a non-empty string");
    }
    return value.asText();
  }

  private static Instant instant(JsonNode node, String field) {
    try {
      return Instant.parse(text(node, field));
    } catch (DateTimeParseException e) {
      throw new SchemaException(field, "expected an ISO-8601 UTC instant, got '" + node.get(field).asText() + "'");
    }
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot happen: a tree of strings and numbers always serialises", e);
    }
  }
}
