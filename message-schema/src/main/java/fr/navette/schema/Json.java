package fr.navette.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading and writing the fields of our JSON payloads, with one error type that names the field. Shared by
 * the three codecs so that every message checks its version and its fields the same way.
 */
final class Json {
  // Jackson's streaming parser and generator with its tree nodes, and no ObjectMapper: the mapper's serialisers,
  // deserialisers and introspection are ~270 classes (2 MiB resident on a gate, bench/README.md) that a tree of
  // strings and numbers does not need. The tree read is the one ObjectMapper.readTree builds with its defaults.
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static JsonNode parse(byte[] payload) {
    try (JsonParser parser = FACTORY.createParser(new String(payload, StandardCharsets.UTF_8))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new SchemaException("$", "expected a JSON object");
      }
      return value(parser); // what follows the object is not read, as readTree does not
    } catch (JsonProcessingException e) {
      throw new SchemaException("$", "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: the text is in memory", e);
    }
  }

  /** The value at the parser's current token, its nested values read (a later duplicate key wins). */
  private static JsonNode value(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode node = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
          parser.nextToken();
          node.set(name, value(parser));
        }
        yield node;
      }
      case START_ARRAY -> {
        ArrayNode node = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          node.add(value(parser));
        }
        yield node;
      }
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new SchemaException("$", "not JSON: unexpected " + parser.currentToken());
    };
  }

  static byte[] bytes(ObjectNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen: a tree of strings and numbers always serialises", e);
    }
    return out.toByteArray();
  }

  /** Every field written, nulls and empty arrays too, as ObjectMapper's defaults do. */
  private static void write(JsonGenerator generator, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        generator.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          generator.writeFieldName(field.getKey());
          write(generator, field.getValue());
        }
        generator.writeEndObject();
      }
      case ARRAY -> {
        generator.writeStartArray();
        for (JsonNode element : node) {
          write(generator, element);
        }
        generator.writeEndArray();
      }
      case STRING -> generator.writeString(node.textValue());
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> generator.writeNumber(node.intValue());
          case LONG -> generator.writeNumber(node.longValue());
          case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
          case FLOAT -> generator.writeNumber(node.floatValue());
          case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
          default -> generator.writeNumber(node.doubleValue());
        }
      }
      case BOOLEAN -> generator.writeBoolean(node.booleanValue());
      case NULL -> generator.writeNull();
      default -> throw new IllegalStateException("not a JSON value: " + node.getNodeType());
    }
  }

  /** Reads {@code schemaVersion} and refuses a higher major than {@link SchemaVersion#MAJOR}. */
  static String version(JsonNode node) {
    String version = text(node, "schemaVersion");
    SchemaVersion.requireReadable(version);
    return version;
  }

  static void requireType(JsonNode node, String type) {
    String actual = text(node, "type");
    if (!type.equals(actual)) {
      throw new SchemaException("type", "expected '" + type + "', got '" + actual + "'");
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new SchemaException(field, "missing");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new SchemaException(field, "expected a non-empty string");
    }
    return value.asText();
  }

  static Optional<String> optText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(text(node, field));
  }

  static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new SchemaException(field, "expected an ISO-8601 UTC instant, got '" + text + "'");
    }
  }

  static Optional<Instant> optInstant(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(instant(node, field)) : Optional.empty();
  }

  static Optional<LocalDate> optDate(JsonNode node, String field) {
    return optText(node, field).map(text -> {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new SchemaException(field, "expected a date YYYY-MM-DD, got '" + text + "'");
      }
    });
  }

  static UUID uuid(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new SchemaException(field, "not a UUID: '" + text + "'");
    }
  }

  static long integer(JsonNode node, String field, long min) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new SchemaException(field, "missing or not an integer");
    }
    if (value.asLong() < min) {
      throw new SchemaException(field, "must be >= " + min + ", got " + value.asLong());
    }
    return value.asLong();
  }

  static long integer(JsonNode node, String field, long min, long defaultValue) {
    return node.hasNonNull(field) ? integer(node, field, min) : defaultValue;
  }

  static boolean bool(JsonNode node, String field, boolean defaultValue) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isBoolean()) {
      throw new SchemaException(field, "expected true or false");
    }
    return value.asBoolean();
  }

  /** An enum written in lower case with '-' on the wire. */
  /**
   * An optional enum field. A value this version does not know reads as absent: a newer minor may add values,
   * and the reader falls back to what it does without the field.
   */
  static <E extends Enum<E>> Optional<E> optEnum(JsonNode node, String field, Class<E> type) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new SchemaException(field, "expected a string, got " + value.getNodeType());
    }
    try {
      return Optional.of(Enum.valueOf(type, value.asText().toUpperCase(Locale.ROOT).replace('-', '_')));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type) {
    String text = text(node, field);
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new SchemaException(field, "unknown value '" + text + "'");
    }
  }

  static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A flat object of scalars, read as strings (configuration settings, command arguments). */
  static Map<String, String> scalars(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new SchemaException(field, "expected an object");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      JsonNode v = entry.getValue();
      if (!v.isValueNode() || v.isNull()) {
        throw new SchemaException(field + "." + entry.getKey(), "expected a string, number or boolean");
      }
      map.put(entry.getKey(), v.asText());
    }
    return Map.copyOf(map);
  }

  static void putScalars(ObjectNode node, String field, Map<String, String> values) {
    ObjectNode map = node.putObject(field);
    values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> map.put(e.getKey(), e.getValue()));
  }

  static void putIfPresent(ObjectNode node, String field, Optional<?> value) {
    value.ifPresent(v -> node.put(field, v.toString()));
  }
}
