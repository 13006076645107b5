package fr.navette.hub.web;

import static fr.navette.hub.web.ApiProblem.abbreviated;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.hub.text.Said;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A POST's body: one JSON object of at most {@link HubWeb#MAX_BODY_BYTES}, and its fields read with their type
 * checked. Whatever is wrong is an {@link ApiProblem} (400, 413) naming the field — thrown before the endpoint
 * does anything, so that a refused request changes nothing.
 */
public final class JsonBody {
  private final JsonNode object;

  private JsonBody(JsonNode object) {
    this.object = object;
  }

  /** The body, which must be there. */
  public static JsonBody of(ServerRequest req) {
    return read(req).orElseThrow(() -> ApiProblem.badRequest(Said.of("error.body-missing")));
  }

  /** For endpoints that need no body (the dashboard sends none): absent is fine, but one given must be JSON. */
  public static void allowEmpty(ServerRequest req) {
    read(req);
  }

  private static Optional<JsonBody> read(ServerRequest req) {
    if (!req.content().hasEntity()) {
      return Optional.empty();
    }
    byte[] bytes;
    // Bounded here too, for routes served by a server without our limit (HubWeb.routing).
    try (InputStream in = req.content().inputStream()) {
      bytes = in.readNBytes(HubWeb.MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw ApiProblem.badRequest("the body could not be read: " + e.getMessage());
    }
    if (bytes.length > HubWeb.MAX_BODY_BYTES) {
      throw ApiProblem.tooLarge();
    }
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JsonAnswers.JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiProblem.badRequest("the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiProblem.badRequest("the body could not be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiProblem.badRequest("the body must be a JSON object, got " + (node == null ? "nothing"
          : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return Optional.of(new JsonBody(node));
  }

  /** A string field that must be there and not blank. */
  public String text(String field) {
    return optionalText(field).filter(v -> !v.isBlank())
        .orElseThrow(() -> ApiProblem.badRequest(field + " is required"));
  }

  /** A string field that may be absent or null; a number, an object… is refused. */
  public Optional<String> optionalText(String field) {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw ApiProblem.badRequest(field + " must be a string, got " + kind(value));
    }
    return Optional.of(value.asText());
  }

  /** A whole number within [min, max], or {@code otherwise} when absent. */
  public long wholeNumber(String field, long otherwise, long min, long max) {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return otherwise;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
      throw ApiProblem.badRequest(field + " must be a whole number from " + min + " to " + max + ", got "
          + abbreviated(value.toString()));
    }
    return value.asLong();
  }

  /**
   * An object of names to scalars (strings, numbers, booleans), as flat strings. {@code required}: it must be
   * there; else absent gives an empty map.
   */
  public Map<String, String> scalars(String field, boolean required) {
    JsonNode value = object.path(field);
    if (!required && (value.isMissingNode() || value.isNull())) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw ApiProblem.badRequest(field + " must be an object of names to values, e.g. {\"" + field
          + "\":{\"name\":\"value\"}}, got " + kind(value));
    }
    Map<String, String> values = new LinkedHashMap<>();
    value.fields().forEachRemaining(f -> {
      if (!f.getValue().isValueNode() || f.getValue().isNull()) {
        throw ApiProblem.badRequest(field + "." + abbreviated(f.getKey())
            + " must be a string, a number or a boolean, got " + kind(f.getValue()));
      }
      values.put(f.getKey(), f.getValue().asText());
    });
    return values;
  }

  /** An array of strings that may be absent or null (then empty); anything else is refused. */
  public Optional<java.util.List<String>> optionalTexts(String field) {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    java.util.List<String> texts = new java.util.ArrayList<>();
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw ApiProblem.badRequest(field + " must be an array of strings, got an element " + kind(item));
        }
        texts.add(item.asText());
      }
      return Optional.of(texts);
    }
    throw ApiProblem.badRequest(field + " must be an array of strings, got " + kind(value));
  }

  /** true or false, or empty when absent or null; anything else is refused. */
  public Optional<Boolean> optionalFlag(String field) {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw ApiProblem.badRequest(field + " must be true or false, got " + kind(value));
    }
    return Optional.of(value.asBoolean());
  }

  private static String kind(JsonNode value) {
    return value.isMissingNode() ? "nothing" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
