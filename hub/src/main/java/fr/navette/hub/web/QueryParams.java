package fr.navette.hub.web;

import static fr.navette.hub.web.ApiProblem.abbreviated;

import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The query parameters of the API's lists, each checked: a value out of range is a 400 naming it, never a 500. */
public final class QueryParams {
  static final int MAX_LIMIT = 1000;
  private static final int DEFAULT_LIMIT = 200;
  /** Four-digit years only: LocalDate also reads "+999999999-12-31", which no store can turn into an instant. */
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern WHOLE = Pattern.compile("\\d{1,4}");

  private QueryParams() {}

  public static int limit(ServerRequest req) {
    String raw = req.query().first("limit").orElse(null);
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    if (!WHOLE.matcher(raw).matches() || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > MAX_LIMIT) {
      throw ApiProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '"
          + abbreviated(raw) + "'");
    }
    return Integer.parseInt(raw);
  }

  public static boolean flag(ServerRequest req, String name) {
    String raw = req.query().first(name).orElse("false");
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiProblem.badRequest(name + " must be true or false, got '" + abbreviated(raw) + "'");
    };
  }

  public static String required(ServerRequest req, String name, String example) {
    return req.query().first(name).filter(v -> !v.isBlank())
        .orElseThrow(() -> ApiProblem.badRequest(name + " is required, e.g. " + example));
  }

  /** The date in the parameter {@code name} ({@code YYYY-MM-DD}), {@code otherwise} where it is absent. */
  public static LocalDate date(ServerRequest req, String name, LocalDate otherwise) {
    String raw = req.query().first(name).orElse(null);
    if (raw == null) {
      return otherwise;
    }
    try {
      if (DATE.matcher(raw).matches()) {
        return LocalDate.parse(raw);
      }
    } catch (DateTimeParseException e) {
      // said below
    }
    throw ApiProblem.badRequest(name + " must be YYYY-MM-DD, got '" + abbreviated(raw) + "'");
  }

  /** {@code date=YYYY-MM-DD}, today where it is absent. */
  public static LocalDate date(ServerRequest req, Clock clock) {
    String raw = req.query().first("date").orElse(null);
    if (raw == null) {
      return LocalDate.now(clock);
    }
    try {
      if (DATE.matcher(raw).matches()) {
        return LocalDate.parse(raw);
      }
    } catch (DateTimeParseException e) {
      // said below
    }
    throw ApiProblem.badRequest("date must be YYYY-MM-DD, got '" + abbreviated(raw) + "'");
  }
}
