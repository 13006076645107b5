package fr.navette.hub.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A text to be said later in its reader's language: a key of the hub's catalogue and its arguments — words that
 * are the same in every language (an id, a branch, the SIGB's own message), instants (written as the reader's
 * language writes dates), or texts of their own (a printer's state, a transit's status). An alert keeps it in the
 * store ({@link #argumentsJson()}) and is rendered at read time, French or English.
 */
public record Said(String key, List<Object> arguments) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Said {
    Objects.requireNonNull(key, "key");
    arguments = List.copyOf(arguments.stream().map(a -> a instanceof Said || a instanceof Instant ? a
        : String.valueOf(a)).toList());
  }

  public static Said of(String key, Object... arguments) {
    return new Said(key, List.of(arguments));
  }

  public String in(Locale language) {
    Object[] shown = arguments.stream().map(a -> a instanceof Said s ? s.in(language)
        : a instanceof Instant i ? when(i, language) : a).toArray();
    return HubTexts.say(language, key, shown);
  }

  /** In the network's language: what the mail and the webhook say, and what the store keeps readable. */
  public String french() {
    return in(Locale.FRENCH);
  }

  private static String when(Instant instant, Locale language) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(language)
        .withZone(ZoneId.systemDefault()).format(instant);
  }

  /** The arguments as the store keeps them: a JSON array of strings, {"at": instant}, {"key", "arguments"}. */
  public String argumentsJson() {
    return array(arguments).toString();
  }

  /** A text kept by {@link #argumentsJson()}. */
  public static Said stored(String key, String argumentsJson) {
    try {
      return new Said(key, read(JSON.readTree(argumentsJson)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored text " + key + ": arguments are not JSON", e);
    }
  }

  private static ArrayNode array(List<Object> arguments) {
    ArrayNode out = JSON.createArrayNode();
    for (Object a : arguments) {
      if (a instanceof Said s) {
        ObjectNode o = out.addObject().put("key", s.key());
        o.set("arguments", array(s.arguments()));
      } else if (a instanceof Instant i) {
        out.addObject().put("at", i.toString());
      } else {
        out.add((String) a);
      }
    }
    return out;
  }

  private static List<Object> read(JsonNode array) {
    List<Object> out = new ArrayList<>();
    for (JsonNode a : array) {
      if (a.has("key")) {
        out.add(new Said(a.get("key").asText(), read(a.path("arguments"))));
      } else if (a.has("at")) {
        out.add(Instant.parse(a.get("at").asText()));
      } else {
        out.add(a.asText());
      }
    }
    return out;
  }
}
