package fr.navette.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schemas state the very limits the decoders enforce: every bound in every schema file is listed here
 * with the {@link Limits} constant it must equal, so that neither side can change alone, and every string,
 * integer, list and map in them is bounded.
 */
class SchemaLimitsTest {
  private static final List<String> FILES = List.of("common", "alarm", "return", "return-problem", "checkout",
      "renew", "count", "state", "health", "request", "response", "config", "config-ack", "command", "command-ack");
  private static final Set<String> BOUNDS = Set.of("maxLength", "maximum", "minimum", "maxItems", "maxProperties");
  private static final String P = "/properties/";

  /** Every bound of every schema, as {@code file#pointer}, and the value Java enforces. */
  private static Map<String, Object> expected() {
    Map<String, Object> e = new TreeMap<>();
    String h = "common#/$defs/eventHeader/properties/";
    e.put("common#/$defs/schemaVersion/maxLength", Limits.VERSION_CHARS);
    e.put("common#/$defs/deviceId/maxLength", Limits.IDENTIFIER);
    e.put("common#/$defs/patronRef/maxLength", PatronPseudonym.MAX_CHARS);
    e.put("common#/$defs/scalars/maxProperties", Limits.SETTINGS);
    e.put("common#/$defs/scalars/propertyNames/maxLength", Limits.NAME_CHARS);
    e.put("common#/$defs/scalars/additionalProperties/maxLength", Limits.SETTING_VALUE);
    e.put(h + "type/maxLength", Limits.TOKEN);
    range(e, h + "sequence", 0L, Limits.SAFE_INTEGER);
    e.put("alarm#" + P + "tagUid/maxLength", Limits.TAG_UID);
    e.put("alarm#" + P + "itemId/maxLength", Limits.IDENTIFIER);
    range(e, "alarm#" + P + "antenna", 1L, Limits.ANTENNA);
    e.put("alarm#" + P + "tagDataError/maxLength", Limits.FREE_TEXT);
    e.put("return#" + P + "itemId/maxLength", Limits.IDENTIFIER);
    e.put("return-problem#" + P + "tagUid/maxLength", Limits.TAG_UID);
    e.put("return-problem#" + P + "itemId/maxLength", Limits.IDENTIFIER);
    e.put("return-problem#" + P + "detail/maxLength", Limits.FREE_TEXT);
    e.put("checkout#" + P + "itemId/maxLength", Limits.IDENTIFIER);
    e.put("renew#" + P + "itemId/maxLength", Limits.IDENTIFIER);
    for (String field : List.of("entries", "exits")) {
      range(e, "count#" + P + field, 0L, Limits.COUNT);
    }
    range(e, "count#" + P + "aggregated", 1L, Limits.COUNT);
    e.put("state#" + P + "softwareVersion/maxLength", Limits.IDENTIFIER);
    for (String field : List.of("uptimeSeconds", "outboxOldestAgeSeconds")) {
      range(e, "health#" + P + field, 0L, Limits.SECONDS);
    }
    range(e, "health#" + P + "outboxDepth", 0L, Limits.COUNT);
    e.put("health#" + P + "lastError/maxLength", Limits.FREE_TEXT);
    e.put("request#" + P + "patronId/maxLength", Limits.IDENTIFIER);
    e.put("request#" + P + "pin/maxLength", Limits.PIN);
    e.put("request#" + P + "itemId/maxLength", Limits.IDENTIFIER);
    String r = "response#" + P;
    e.put(r + "greetingName/maxLength", Limits.GREETING_NAME);
    e.put(r + "title/maxLength", Limits.TITLE);
    e.put(r + "blocks/maxItems", Limits.BLOCKS);
    e.put(r + "blocks/items/maxLength", Limits.TOKEN);
    e.put(r + "loans/maxItems", Limits.LOANS);
    e.put(r + "loans/items/properties/itemId/maxLength", Limits.IDENTIFIER);
    e.put(r + "loans/items/properties/title/maxLength", Limits.TITLE);
    e.put(r + "holdsReady/maxItems", Limits.HOLDS_READY);
    e.put(r + "holdsReady/items/properties/itemId/maxLength", Limits.IDENTIFIER);
    e.put(r + "holdsReady/items/properties/title/maxLength", Limits.TITLE);
    e.put(r + "holdsReady/items/properties/pickupBranch/maxLength", Limits.IDENTIFIER);
    e.put(r + "feesDue/maxLength", Limits.AMOUNT_CHARS);
    e.put(r + "sortBin/maxLength", Limits.IDENTIFIER);
    e.put(r + "destination/maxLength", Limits.IDENTIFIER);
    e.put(r + "messageFr/maxLength", Limits.FREE_TEXT);
    e.put(r + "messageEn/maxLength", Limits.FREE_TEXT);
    range(e, "config#" + P + "version", 1L, Limits.SAFE_INTEGER);
    range(e, "config-ack#" + P + "version", -1L, Limits.SAFE_INTEGER);
    range(e, "config-ack#" + P + "versionInForce", 0L, Limits.SAFE_INTEGER);
    e.put("config-ack#" + P + "reason/maxLength", Limits.FREE_TEXT);
    e.put("command#" + P + "name/maxLength", Limits.IDENTIFIER);
    e.put("command-ack#" + P + "message/maxLength", Limits.FREE_TEXT);
    // numbers as the schema files hold them
    e.replaceAll((k, v) -> ((Number) v).longValue());
    return e;
  }

  /** An integer field's bounds: {@code minimum} and {@code maximum} under its pointer. */
  private static void range(Map<String, Object> e, String field, Number minimum, Number maximum) {
    e.put(field + "/minimum", minimum);
    e.put(field + "/maximum", maximum);
  }

  @Test
  void everyBoundInTheSchemasIsTheOneJavaEnforces() {
    Map<String, Object> found = new TreeMap<>();
    for (String file : FILES) {
      walk(file, "", Schemas.file(file + ".schema.json"), (pointer, node) -> node.properties().forEach(field -> {
        if (BOUNDS.contains(field.getKey())) {
          found.put(file + "#" + pointer + "/" + field.getKey(), field.getValue().asLong());
        }
      }));
    }
    assertThat(found).isEqualTo(expected());
  }

  @Test
  void theWireFormsOfInstantsDatesIdsAndNamesAreJavasPatterns() {
    JsonNode defs = Schemas.file("common.schema.json").get("$defs");
    assertThat(defs.at("/instant/pattern").asText()).isEqualTo(Limits.INSTANT_PATTERN);
    assertThat(defs.at("/date/pattern").asText()).isEqualTo(Limits.DATE_PATTERN);
    assertThat(defs.at("/uuid/pattern").asText()).isEqualTo(Limits.UUID_PATTERN);
    assertThat(defs.at("/deviceId/pattern").asText()).isEqualTo(Limits.NAME_PATTERN);
  }

  @Test
  void everyStringIntegerListAndMapOfEverySchemaIsBounded() {
    List<String> unbounded = new ArrayList<>();
    for (String file : FILES) {
      walk(file, "", Schemas.file(file + ".schema.json"), (pointer, node) -> {
        JsonNode type = node.get("type");
        boolean string = type != null && (type.asText().equals("string")
            || type.isArray() && type.toString().contains("\"string\""));
        if (string && !node.has("maxLength") && !isBoundedPattern(node.path("pattern").asText())) {
          unbounded.add(file + "#" + pointer + " (string)");
        }
        if (type != null && type.asText().equals("integer") && !(node.has("minimum") && node.has("maximum"))) {
          unbounded.add(file + "#" + pointer + " (integer)");
        }
        if (type != null && type.asText().equals("array") && !node.has("maxItems")) {
          unbounded.add(file + "#" + pointer + " (array)");
        }
        if (node.path("additionalProperties").isObject() && !node.has("maxProperties")) {
          unbounded.add(file + "#" + pointer + " (map)");
        }
      });
    }
    assertThat(unbounded).isEmpty();
  }

  private static boolean isBoundedPattern(String pattern) {
    return pattern.equals(Limits.INSTANT_PATTERN) || pattern.equals(Limits.DATE_PATTERN)
        || pattern.equals(Limits.UUID_PATTERN);
  }

  /** Visits every schema object of a file (its examples aside) with its JSON pointer. */
  private static void walk(String file, String pointer, JsonNode node,
      java.util.function.BiConsumer<String, JsonNode> visit) {
    if (node.isObject()) {
      visit.accept(pointer, node);
      node.properties().forEach(field -> {
        if (!field.getKey().equals("examples")) {
          walk(file, pointer + "/" + field.getKey(), field.getValue(), visit);
        }
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(file, pointer + "/" + i, node.get(i), visit);
      }
    }
  }
}
