package fr.navette.hub.transits;

import static fr.navette.hub.web.JsonAnswers.answer;
import static fr.navette.hub.web.JsonAnswers.answerAs;

import fr.navette.hub.events.ActivityStats;
import fr.navette.hub.events.ActivityStats.Activity;
import fr.navette.hub.events.ActivityStats.DayAlarms;
import fr.navette.hub.events.ActivityStats.DayCirculation;
import fr.navette.hub.events.ActivityStats.DayTransits;
import fr.navette.hub.events.ActivityStats.DayVisits;
import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.CsvAnswers;
import fr.navette.hub.web.QueryParams;
import fr.navette.hub.web.StaffUser;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;

/**
 * {@code GET /api/stats}: transits by status, rides saved (documents kept where they were returned), and over a
 * period ({@code ?from=YYYY-MM-DD&to=YYYY-MM-DD}, both included, the last 7 days by default, in the network's zone)
 * the visitors the gates counted per branch, day and hour, and the loans, returns and renewals per branch and day;
 * today's occupancy per branch; the gates' alarms per day (true alarms, disarm failures); documents sent elsewhere
 * per day (shuttled, or kept where returned: rides saved) and per route. {@code ?branch=BR01,BR02}: those branches
 * only (branch staff: theirs at most). {@code ?format=csv}: one line per day and branch (see {@link #csv}).
 */
public final class StatsService implements HttpService {
  static final int DEFAULT_DAYS = 7;
  /** A year and a day: a leap year's whole period, not an accidental scan of the events of ten years. */
  static final int MAX_DAYS = 367;

  private final TransitStore transits;
  private final ActivityStats activity;
  private final Clock clock;
  private final ZoneId zone;
  private final NetworkRules rules;

  public StatsService(TransitStore transits, ActivityStats activity, Clock clock, ZoneId zone) {
    this(transits, activity, clock, zone, new NetworkRules(List.of(), Set.of(), Duration.ofDays(7)));
  }

  /** @param rules the routes and branch names the statistics are shown with */
  public StatsService(TransitStore transits, ActivityStats activity, Clock clock, ZoneId zone, NetworkRules rules) {
    this.transits = transits;
    this.activity = activity;
    this.clock = clock;
    this.zone = zone;
    this.rules = rules;
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
        Set<String> branches = branches(req);
        byte[] body = csv(only(activity.between(period.from(), period.to(), zone), branches),
            activity.alarms(period.from(), period.to(), zone).stream()
                .filter(d -> branches == null || branches.contains(d.branch())).toList(),
            activity.transits(period.from(), period.to(), zone).stream()
                .filter(d -> branches == null || branches.contains(d.branch())).toList());
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
        Set<String> branches = branches(req);
        Activity a = only(activity.between(period.from(), period.to(), zone), branches);
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("from", period.from().toString());
        about.put("to", period.to().toString());
        about.put("zone", zone.getId());
        about.put("branches", branches == null ? null : new TreeSet<>(branches)); // null: the whole network
        stats.put("period", about);
        stats.put("visitsByDay", a.visitsByDay());
        stats.put("visitsByHour", a.visitsByHour());
        stats.put("circulationByDay", a.circulation());
        stats.put("occupancy", occupancy(branches));
        stats.put("alarmsByDay", activity.alarms(period.from(), period.to(), zone).stream()
            .filter(d -> branches == null || branches.contains(d.branch())).toList());
        stats.put("transitsByDay", activity.transits(period.from(), period.to(), zone).stream()
            .filter(d -> branches == null || branches.contains(d.branch())).toList());
        stats.put("transitsByRoute", activity.transitsByRoute(period.from(), period.to(), zone, branches).stream()
            .map(r -> Map.of("route", r.route() == null ? "" : r.route(), "name", routeName(r.route()),
                "transits", r.transits())).toList());
        stats.put("branchNames", rules.branchNames());
        return stats;
      });
      default -> answer(res, () -> {
        throw ApiProblem.badRequest("format must be json or csv, got '" + ApiProblem.abbreviated(format) + "'");
      });
    }
  }

  record Period(LocalDate from, LocalDate to) {}

  /**
   * A branch's visitors today, in the network's zone: who came in and went out since midnight, and who is
   * {@code present} now (in minus out, never below zero: a gate may count a leaver it missed coming in).
   */
  public record Occupancy(String branch, long entries, long exits, long present) {}

  private List<Occupancy> occupancy(Set<String> branches) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    List<Occupancy> out = new ArrayList<>();
    for (DayVisits v : activity.between(today, today, zone).visitsByDay()) {
      if (branches == null || branches.contains(v.branch())) {
        out.add(new Occupancy(v.branch(), v.entries(), v.exits(), Math.max(0, v.entries() - v.exits())));
      }
    }
    return out;
  }

  private String routeName(String route) {
    return route == null ? "" : rules.routes().stream().filter(r -> r.id().equals(route)).map(Route::name)
        .findFirst().orElse(route);
  }

  /**
   * The branches asked for ({@code ?branch=BR01,BR02}, repeatable), within those the asker sees (branch staff:
   * theirs); null for the whole network. A branch asked for that the asker does not see is a 400 naming it.
   */
  private static Set<String> branches(ServerRequest req) {
    StaffUser user = StaffUser.current();
    Set<String> asked = new TreeSet<>();
    for (String value : req.query().contains("branch") ? req.query().all("branch") : List.<String>of()) {
      for (String code : value.split(",")) {
        if (!code.isBlank()) {
          asked.add(code.strip());
        }
      }
    }
    for (String code : asked) {
      if (!code.matches("[A-Za-z0-9_-]{1,64}")) {
        throw ApiProblem.badRequest("branch must be a branch code such as BR01, got '" + ApiProblem.abbreviated(code)
            + "'");
      }
      if (!user.sees(code)) {
        throw ApiProblem.badRequest("branch " + code + " is not one of yours (" + String.join(", ",
            new TreeSet<>(user.branches())) + ")");
      }
    }
    if (asked.isEmpty()) {
      return user.seesNetwork() ? null : user.branches();
    }
    return asked;
  }

  /** This activity kept to {@code branches} (null: all). */
  private static Activity only(Activity a, Set<String> branches) {
    if (branches == null) {
      return a;
    }
    return new Activity(a.visitsByHour().stream().filter(h -> branches.contains(h.branch())).toList(),
        a.visitsByDay().stream().filter(d -> branches.contains(d.branch())).toList(),
        a.circulation().stream().filter(c -> branches.contains(c.branch())).toList());
  }

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
    return csv(a, List.of(), List.of());
  }

  static byte[] csv(Activity a, List<DayAlarms> alarms, List<DayTransits> sent) {
    // [date, branch] -> entries, exits, checkouts, returns, renewals, true alarms, disarm failures, shuttled, kept
    Map<List<String>, long[]> lines = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
        .thenComparing(k -> k.get(1)));
    for (DayVisits v : a.visitsByDay()) {
      long[] l = lines.computeIfAbsent(List.of(v.date().toString(), v.branch()), k -> new long[9]);
      l[0] += v.entries();
      l[1] += v.exits();
    }
    for (DayCirculation c : a.circulation()) {
      long[] l = lines.computeIfAbsent(List.of(c.date().toString(), c.branch()), k -> new long[9]);
      l[2] += c.checkouts();
      l[3] += c.returns();
      l[4] += c.renewals();
    }
    for (DayAlarms d : alarms) {
      long[] l = lines.computeIfAbsent(List.of(d.date().toString(), d.branch()), k -> new long[9]);
      l[5] += d.trueAlarms();
      l[6] += d.disarmFailures();
    }
    for (DayTransits d : sent) {
      long[] l = lines.computeIfAbsent(List.of(d.date().toString(), d.branch()), k -> new long[9]);
      l[7] += d.shuttled();
      l[8] += d.ridesSaved();
    }
    List<List<Object>> rows = new ArrayList<>();
    lines.forEach((key, l) -> rows.add(List.of(key.get(0), key.get(1), l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7],
        l[8])));
    return CsvAnswers.table(List.of("date", "branch", "entries", "exits", "checkouts", "returns", "renewals",
        "trueAlarms", "disarmFailures", "shuttled", "ridesSaved"), rows);
  }

}
