package fr.navette.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
import java.util.regex.Pattern;

/**
 * Reading and writing the fields of our JSON payloads, with one error type that names the field. Shared by
 * the three codecs so that every message checks its version and its fields the same way.
 */
final class Json {
  // Jackson's streaming parser and generator with its tree nodes, and no ObjectMapper: the mapper's serialisers,
  // deserialisers and introspection are ~270 classes (2 MiB resident on a gate, bench/README.md) that a tree of
  // strings and numbers does not need. The tree read is the one ObjectMapper.readTree builds with its defaults.
  // The parser's own bounds (Limits): a payload nested 10,000 deep, a 1,000-digit number or a huge field name is
  // refused while it is read, before any of it is built or converted.
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(Limits.NESTING_DEPTH)
          .maxNumberLength(Limits.NUMBER_CHARS)
          .maxNameLength(Limits.NAME_CHARS)
          .maxStringLength(Limits.HUB_PAYLOAD_BYTES)
          .build())
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern INSTANT = Pattern.compile(Limits.INSTANT_PATTERN);
  private static final Pattern DATE = Pattern.compile(Limits.DATE_PATTERN);
  private static final Pattern UUID_TEXT = Pattern.compile(Limits.UUID_PATTERN);
  // An instant, a date or a UUID is at most 36 characters: a longer text is refused by its length alone.
  private static final int FORMATTED_CHARS = 64;
  // The constraint's message names Jackson's getter, meaningless to whoever reads a quarantine reason.
  private static final Pattern JACKSON_GETTER = Pattern.compile(", from `[^`]*`");

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * The JSON object of a payload received on {@code channel}. Refused before parsing when larger than the
   * channel's bound ({@link Limits#DEVICE_PAYLOAD_BYTES} for what devices send, {@link Limits#HUB_PAYLOAD_BYTES}
   * for what the hub sends); while parsing when nested too deep, with a too-long number or name, or with a field
   * named twice in one object.
   */
  static JsonNode parse(Channel channel, byte[] payload) {
    int bound = channel.direction() == Channel.Direction.DEVICE_TO_HUB
        ? Limits.DEVICE_PAYLOAD_BYTES : Limits.HUB_PAYLOAD_BYTES;
    if (payload.length > bound) {
      throw new SchemaException("$", payload.length + " bytes, at most " + bound);
    }
    try (JsonParser parser = FACTORY.createParser(new String(payload, StandardCharsets.UTF_8))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new SchemaException("$", "expected a JSON object");
      }
      return value(parser); // what follows the object is not read, as readTree does not
    } catch (StreamConstraintsException e) {
      throw new SchemaException("$", JACKSON_GETTER.matcher(e.getOriginalMessage()).replaceAll(""));
    } catch (JsonProcessingException e) {
      throw new SchemaException("$", "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: the text is in memory", e);
    }
  }

  /**
   * The value at the parser's current token, its nested values read. A field named twice is refused: readers
   * disagree on which value counts (the first, the last), so a validator and the hub could see different items.
   */
  private static JsonNode value(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode node = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
          parser.nextToken();
          if (node.replace(name, value(parser)) != null) {
            throw new SchemaException(name, "appears twice in one object");
          }
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
    String version = text(node, "schemaVersion", Limits.VERSION_CHARS);
    SchemaVersion.requireReadable(version);
    return version;
  }

  static void requireType(JsonNode node, String type) {
    String actual = text(node, "type", Limits.TOKEN);
    if (!type.equals(actual)) {
      throw new SchemaException("type", "expected '" + type + "', got '" + actual + "'");
    }
  }

  /** A non-empty string of at most {@code maxLength} characters ({@link Fields#requireLength}). */
  static String text(JsonNode node, String field, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new SchemaException(field, "missing");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new SchemaException(field, "expected a non-empty string");
    }
    return Fields.requireLength(field, value.asText(), maxLength);
  }

  static Optional<String> optText(JsonNode node, String field, int maxLength) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(text(node, field, maxLength));
  }

  /** An instant in UTC of the years 2000-2999 ({@link Limits#INSTANT_PATTERN}): Java, JS and the store hold it. */
  static Instant instant(JsonNode node, String field) {
    String text = text(node, field, FORMATTED_CHARS);
    try {
      if (INSTANT.matcher(text).matches()) {
        return Instant.parse(text);
      }
    } catch (DateTimeParseException e) {
      // a month 13 or a day 32: said as any other wrong instant
    }
    throw new SchemaException(field, "expected an ISO-8601 UTC instant of the years 2000-2999, got "
        + Fields.quote(text));
  }

  static Optional<Instant> optInstant(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(instant(node, field)) : Optional.empty();
  }

  static Optional<LocalDate> optDate(JsonNode node, String field) {
    return optText(node, field, FORMATTED_CHARS).map(text -> {
      try {
        if (DATE.matcher(text).matches()) {
          return LocalDate.parse(text);
        }
      } catch (DateTimeParseException e) {
        // a February 30th: said as any other wrong date
      }
      throw new SchemaException(field, "expected a date YYYY-MM-DD of the years 1900-9999, got " + Fields.quote(text));
    });
  }

  /** A UUID in its canonical form only: "1-1-1-1-1" reads as a UUID in Java, as another id everywhere else. */
  static UUID uuid(JsonNode node, String field) {
    String text = text(node, field, FORMATTED_CHARS);
    if (!UUID_TEXT.matcher(text).matches()) {
      throw new SchemaException(field, "not a UUID: " + Fields.quote(text));
    }
    return UUID.fromString(text);
  }

  /** An integer from {@code min} to {@code max}; a larger one is refused with its own digits, not rounded. */
  static long integer(JsonNode node, String field, long min, long max) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber()) {
      throw new SchemaException(field, "missing or not an integer");
    }
    if (!value.canConvertToLong()) { // its digits are at most Limits.NUMBER_CHARS
      throw new SchemaException(field, value.bigIntegerValue() + (value.bigIntegerValue().signum() < 0
          ? ", at least " + min : ", at most " + max));
    }
    return Fields.requireRange(field, value.asLong(), min, max);
  }

  static long integer(JsonNode node, String field, long min, long max, long defaultValue) {
    return node.hasNonNull(field) ? integer(node, field, min, max) : defaultValue;
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
    Fields.requireLength(field, value.asText(), Limits.TOKEN);
    try {
      return Optional.of(Enum.valueOf(type, value.asText().toUpperCase(Locale.ROOT).replace('-', '_')));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** An enum written in lower case with '-' on the wire. */
  static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type) {
    String text = text(node, field, Limits.TOKEN);
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
    Fields.requireSize(field, value.size(), Limits.SETTINGS);
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      JsonNode v = entry.getValue();
      if (!v.isValueNode() || v.isNull()) {
        throw new SchemaException(field + "." + entry.getKey(), "expected a string, number or boolean");
      }
      map.put(entry.getKey(), v.asText());
    }
    return Fields.requireScalars(field, map);
  }

  static void putScalars(ObjectNode node, String field, Map<String, String> values) {
    ObjectNode map = node.putObject(field);
    values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> map.put(e.getKey(), e.getValue()));
  }

  static void putIfPresent(ObjectNode node, String field, Optional<?> value) {
    value.ifPresent(v -> node.put(field, v.toString()));
  }
}
