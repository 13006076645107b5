package fr.navette.hub.web;

import static fr.navette.hub.web.ApiProblem.abbreviated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every list the API answers, as a spreadsheet: {@code GET /api/…?format=csv}. A filter notes the ask around the
 * request; {@link JsonAnswers#answer} then writes the list it would have sent as JSON as CSV instead — so an
 * endpoint answering a list through {@code answer} offers CSV without a line of its own. Lists are a JSON array,
 * a page {@code {"total": N, "items": […]}} (its total in {@code X-Total-Count}), or an object holding one array,
 * two levels deep at most ({@code {"audit": […]}}, {@code {"refusals": {"counts": {…}, "latest": […]}}}). One line per item, a column per field (nested fields as {@code parent.child}),
 * columns in the order fields first appear.
 *
 * <p>Made for a spreadsheet in French: fields separated by semicolons (a comma is the decimal mark there, and
 * decimals are written with one), UTF-8 with a byte order mark (without it Excel reads UTF-8 as Windows-1252),
 * lines ending CRLF (RFC 4180). A text cell starting with {@code = + - @}, a tab or a carriage return is defused
 * with a leading apostrophe: a spreadsheet would run it as a formula (CSV injection — a device name, a note typed
 * by anyone).
 */
public final class CsvAnswers {
  public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
  public static final HeaderName TOTAL_COUNT = HeaderNames.create("X-Total-Count");
  /** The file name's stem while a GET asked for CSV (from its path: {@code /api/admin/devices} → admin-devices). */
  private static final ThreadLocal<String> ASKED = new ThreadLocal<>();

  private CsvAnswers() {}

  /**
   * Around each request: {@code ?format=} on a GET under {@code /api/} is {@code json} (the default) or
   * {@code csv}; anything else is a 400 naming it, before any handler runs.
   */
  static void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String path = req.path().path();
    String format = req.query().first("format").orElse(null);
    if (format == null || req.prologue().method() != Method.GET || !path.startsWith("/api/")) {
      chain.proceed();
      return;
    }
    switch (format) {
      case "json" -> chain.proceed();
      case "csv" -> {
        ASKED.set(path.substring("/api/".length()).replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", ""));
        try {
          chain.proceed();
        } finally {
          ASKED.remove();
        }
      }
      default -> JsonAnswers.send(res, Status.BAD_REQUEST_400, JsonAnswers.error(
          "format must be json or csv, got '" + abbreviated(format) + "'"));
    }
  }

  /** Whether the request being answered asked for CSV. */
  static boolean asked() {
    return ASKED.get() != null;
  }

  /**
   * Sends {@code answer} (what would have been the JSON answer) as CSV, named after the request's path and today's
   * date. A refusal ({@link ApiProblem}) where it is not a list.
   */
  static void send(ServerResponse res, Object answer) {
    JsonNode tree = JsonAnswers.JSON.valueToTree(answer);
    JsonNode items = items(tree);
    if (tree.isObject() && tree.path("total").isIntegralNumber()) {
      res.header(TOTAL_COUNT, tree.get("total").asText());
    }
    byte[] body = fromJson(items);
    res.header(HeaderNames.CONTENT_DISPOSITION, attachment("navette-" + ASKED.get() + "-" + LocalDate.now()));
    res.status(Status.OK_200).header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE).send(body);
  }

  /** {@code attachment; filename="{stem}.csv"}, the stem kept to safe characters. */
  public static String attachment(String stem) {
    return "attachment; filename=\"" + stem.replaceAll("[^A-Za-z0-9._-]+", "-") + ".csv\"";
  }

  private static JsonNode items(JsonNode tree) {
    if (tree.isArray()) {
      return tree;
    }
    if (tree.isObject() && tree.path("items").isArray()) {
      return tree.get("items");
    }
    List<JsonNode> arrays = new ArrayList<>();
    arrays(tree, 2, arrays);
    if (arrays.size() == 1) {
      return arrays.getFirst(); // {"audit": […]}, {"refusals": {"counts": {…}, "latest": […]}}
    }
    throw ApiProblem.badRequest("format=csv is offered on lists; this answer is not one, ask for format=json");
  }

  /** The arrays in this object's fields, down to {@code depth} objects deep. */
  private static void arrays(JsonNode node, int depth, List<JsonNode> found) {
    if (!node.isObject() || depth == 0) {
      return;
    }
    for (JsonNode field : node) {
      if (field.isArray()) {
        found.add(field);
      } else {
        arrays(field, depth - 1, found);
      }
    }
  }

  /** The CSV of a JSON array: a line per element, a column per (flattened) field. */
  public static byte[] fromJson(JsonNode items) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    for (JsonNode item : items) {
      Map<String, Object> row = new LinkedHashMap<>();
      if (item.isObject()) {
        flatten("", (ObjectNode) item, row);
      } else {
        row.put("value", item);
      }
      columns.addAll(row.keySet());
      rows.add(row);
    }
    // A field null in one item and an object in another: its columns are the object's, not one more empty one.
    Set<String> parents = new LinkedHashSet<>(columns);
    columns.removeIf(c -> parents.stream().anyMatch(o -> o.startsWith(c + ".")));
    List<List<?>> lines = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      List<Object> line = new ArrayList<>();
      columns.forEach(c -> line.add(row.get(c)));
      lines.add(line);
    }
    return table(List.copyOf(columns), lines);
  }

  private static void flatten(String prefix, ObjectNode node, Map<String, Object> row) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = prefix + field.getKey();
      if (field.getValue().isObject() && !field.getValue().isEmpty()) {
        flatten(name + ".", (ObjectNode) field.getValue(), row);
      } else {
        row.put(name, field.getValue());
      }
    }
  }

  /**
   * The CSV file of this header and these lines: the one writer of the hub's CSV. Cells are text, numbers, booleans,
   * JSON values or null (an empty cell).
   */
  public static byte[] table(List<String> header, List<? extends List<?>> lines) {
    StringBuilder out = new StringBuilder("\uFEFF");
    line(out, header);
    lines.forEach(l -> line(out, l));
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder out, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(';');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  /** One cell: a number as the spreadsheet reads it, text defused and quoted where needed. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof JsonNode node) {
      if (node.isNull() || node.isMissingNode()) {
        return "";
      }
      if (node.isNumber()) {
        return number(node.numberValue());
      }
      if (node.isBoolean()) {
        return node.asText();
      }
      if (node.isArray() && allScalars(node)) {
        List<String> parts = new ArrayList<>();
        node.forEach(e -> parts.add(e.asText()));
        return text(String.join(", ", parts));
      }
      return text(node.isTextual() ? node.asText() : node.toString());
    }
    if (value instanceof Number n) {
      return number(n);
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    return text(value.toString());
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode e : array) {
      if (e.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  private static String number(Number n) {
    if (n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal) {
      return n.toString().replace('.', ','); // French decimal mark
    }
    return n.toString();
  }

  private static String text(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return text.matches("[^;\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
