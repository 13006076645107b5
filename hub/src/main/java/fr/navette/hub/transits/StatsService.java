package fr.navette.hub.transits;

import static fr.navette.hub.web.JsonAnswers.answer;
import static fr.navette.hub.web.JsonAnswers.answerAs;

import fr.navette.hub.events.ActivityStats;
import fr.navette.hub.events.ActivityStats.Activity;
import fr.navette.hub.events.ActivityStats.DayCirculation;
import fr.navette.hub.events.ActivityStats.DayVisits;
import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.CsvAnswers;
import fr.navette.hub.web.QueryParams;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/stats}: transits by status, rides saved (documents kept where they were returned), and over a
 * period ({@code ?from=YYYY-MM-DD&to=YYYY-MM-DD}, both included, the last 7 days by default, in the network's zone)
 * the visitors the gates counted per branch, day and hour, and the loans, returns and renewals per branch and day.
 * {@code ?format=csv}: one line per day and branch (see {@link #csv}).
 */
public final class StatsService implements HttpService {
  static final int DEFAULT_DAYS = 7;
  /** A year and a day: a leap year's whole period, not an accidental scan of the events of ten years. */
  static final int MAX_DAYS = 367;

  private final TransitStore transits;
  private final ActivityStats activity;
  private final Clock clock;
  private final ZoneId zone;

  public StatsService(TransitStore transits, ActivityStats activity, Clock clock, ZoneId zone) {
    this.transits = transits;
    this.activity = activity;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/stats", this::stats);
  }

  private void stats(ServerRequest req, ServerResponse res) {
    String format = req.query().first("format").orElse("json");
    switch (format) {
      case "csv" -> answerAs(res, CsvAnswers.CONTENT_TYPE, () -> {
        Period period = period(req);
        byte[] body = csv(activity.between(period.from(), period.to(), zone));
        res.header(HeaderNames.CONTENT_DISPOSITION,
            CsvAnswers.attachment("navette-stats-" + period.from() + "-" + period.to()));
        return body;
      });
      case "json" -> answer(res, () -> {
        Period period = period(req);
        Map<String, Object> stats = new LinkedHashMap<>();
        Map<String, Long> byStatus = transits.countByStatus();
        stats.put("transitsByStatus", byStatus);
        stats.put("ridesSaved", byStatus.getOrDefault(TransitStatus.KEPT.wireName(), 0L));
        Activity a = activity.between(period.from(), period.to(), zone);
        Map<String, String> about = new LinkedHashMap<>();
        about.put("from", period.from().toString());
        about.put("to", period.to().toString());
        about.put("zone", zone.getId());
        stats.put("period", about);
        stats.put("visitsByDay", a.visitsByDay());
        stats.put("visitsByHour", a.visitsByHour());
        stats.put("circulationByDay", a.circulation());
        return stats;
      });
      default -> answer(res, () -> {
        throw ApiProblem.badRequest("format must be json or csv, got '" + ApiProblem.abbreviated(format) + "'");
      });
    }
  }

  record Period(LocalDate from, LocalDate to) {}

  private Period period(ServerRequest req) {
    LocalDate to = QueryParams.date(req, "to", LocalDate.now(clock.withZone(zone)));
    LocalDate from = QueryParams.date(req, "from", to.minusDays(DEFAULT_DAYS - 1));
    if (from.isAfter(to)) {
      throw ApiProblem.badRequest("from (" + from + ") is after to (" + to + ")");
    }
    if (ActivityStats.days(from, to) > MAX_DAYS) {
      throw ApiProblem.badRequest("from " + from + " to " + to + " is more than " + MAX_DAYS + " days");
    }
    return new Period(from, to);
  }

  /**
   * One line per day and branch that saw anything: visitors in and out, loans, returns, renewals; written by the
   * hub's one CSV writer ({@link CsvAnswers#table}: semicolons, BOM, CRLF, for a French spreadsheet).
   */
  static byte[] csv(Activity a) {
    Map<List<String>, long[]> lines = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
        .thenComparing(k -> k.get(1))); // [date, branch] -> entries, exits, checkouts, returns, renewals
    for (DayVisits v : a.visitsByDay()) {
      long[] l = lines.computeIfAbsent(List.of(v.date().toString(), v.branch()), k -> new long[5]);
      l[0] += v.entries();
      l[1] += v.exits();
    }
    for (DayCirculation c : a.circulation()) {
      long[] l = lines.computeIfAbsent(List.of(c.date().toString(), c.branch()), k -> new long[5]);
      l[2] += c.checkouts();
      l[3] += c.returns();
      l[4] += c.renewals();
    }
    List<List<Object>> rows = new ArrayList<>();
    lines.forEach((key, l) -> rows.add(List.of(key.get(0), key.get(1), l[0], l[1], l[2], l[3], l[4])));
    return CsvAnswers.table(List.of("date", "branch", "entries", "exits", "checkouts", "returns", "renewals"), rows);
  }
}
