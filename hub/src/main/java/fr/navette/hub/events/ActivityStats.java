package fr.navette.hub.events;

import fr.navette.hub.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the branches' devices counted, read from the stored events: visitors from the gates' {@code count} events,
 * loans, returns and renewals from {@code checkout}, {@code return} and {@code renew}. The sums are made in SQL per
 * branch and per UTC hour, the one bucket both stores compute alike; the hours are then put in the network's local
 * days and hours here (SQLite has no time zones). A zone whose offset is not whole hours would see its hours shifted.
 */
public final class ActivityStats {
  private static final long HOUR_MS = 3_600_000L;
  /** The UTC hour of a count's {@code periodStart}, as its first 13 characters ({@code 2026-12-03T10}). */
  private static final DateTimeFormatter UTC_HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH")
      .withZone(ZoneOffset.UTC);

  private final Database db;

  public ActivityStats(Database db) {
    this.db = db;
  }

  /** Visitors a branch's gates counted in one local hour. */
  public record HourVisits(LocalDate date, int hour, String branch, long entries, long exits) {}

  /** Visitors a branch's gates counted in one local day. */
  public record DayVisits(LocalDate date, String branch, long entries, long exits) {}

  /** Loans, returns and renewals a branch's devices recorded in one local day. */
  public record DayCirculation(LocalDate date, String branch, long checkouts, long returns, long renewals) {}

  /**
   * A branch's gates' alarms in one local day: {@code trueAlarms} sounded for a document not on loan or unknown to
   * the SIGB (it was leaving unlent); {@code disarmFailures} for a document on loan (lent, but its tag was not
   * disarmed: a false alarm); {@code undetermined} the SIGB could not say (unreadable tag, SIGB not answered yet).
   */
  public record DayAlarms(LocalDate date, String branch, long trueAlarms, long disarmFailures, long undetermined) {}

  /**
   * Documents returned at a branch in one local day that the SIGB sent elsewhere: {@code shuttled} went into the
   * shuttle; {@code ridesSaved} belonged to a floating collection and were kept where they were returned instead
   * of being sent home — one trip in a crate not made.
   */
  public record DayTransits(LocalDate date, String branch, long shuttled, long ridesSaved) {}

  /** Transits opened in the period on one shuttle route ({@code route} null: not on any route yet). */
  public record RouteTransits(String route, long transits) {}

  /** Everything over the local days {@code from}..{@code to} (both included) in {@code zone}. */
  public record Activity(List<HourVisits> visitsByHour, List<DayVisits> visitsByDay,
                         List<DayCirculation> circulation) {}

  public Activity between(LocalDate from, LocalDate to, ZoneId zone) {
    Instant start = from.atStartOfDay(zone).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
    List<HourVisits> hours = visitsByHour(start, end, zone);
    Map<String, long[]> days = new TreeMap<>(); // "date|branch" -> entries, exits; sorted by date then branch
    for (HourVisits h : hours) {
      long[] sums = days.computeIfAbsent(h.date() + "|" + h.branch(), k -> new long[2]);
      sums[0] += h.entries();
      sums[1] += h.exits();
    }
    List<DayVisits> byDay = new ArrayList<>();
    days.forEach((key, sums) -> {
      int bar = key.indexOf('|');
      byDay.add(new DayVisits(LocalDate.parse(key.substring(0, bar)), key.substring(bar + 1), sums[0], sums[1]));
    });
    return new Activity(hours, byDay, circulation(start, end, zone));
  }

  /** A JSON field of the payload as a whole number, in each store's own words (the payload is a TEXT column). */
  private String jsonNumber(String field) {
    return db.isSqlite() ? "CAST(json_extract(payload, '$." + field + "') AS BIGINT)"
        : "CAST((payload::json ->> '" + field + "') AS BIGINT)";
  }

  private String jsonText(String field) {
    return db.isSqlite() ? "json_extract(payload, '$." + field + "')" : "(payload::json ->> '" + field + "')";
  }

  private List<HourVisits> visitsByHour(Instant start, Instant end, ZoneId zone) {
    // Devices write periodStart as Instant#toString (UTC, "Z"): its first 13 characters are its UTC hour, which
    // compare as text in both stores.
    String hour = "substr(" + jsonText("periodStart") + ", 1, 13)";
    // device_time (the count's header time, its period's end) bounds the rows read through the index on
    // (channel, device_time) (events_channel_time, V9): a period's end is within a day of its start.
    String sql = "SELECT site, utc_hour, SUM(entries), SUM(exits) FROM ("
        + " SELECT site, " + hour + " AS utc_hour, " + jsonNumber("entries") + " AS entries, "
        + jsonNumber("exits") + " AS exits FROM events WHERE channel = 'count'"
        + " AND device_time >= ? AND device_time < ?) c"
        + " WHERE utc_hour >= ? AND utc_hour < ? GROUP BY site, utc_hour";
    Map<String, HourVisits> sorted = new TreeMap<>();
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setLong(1, start.minus(java.time.Duration.ofDays(1)).toEpochMilli());
        st.setLong(2, end.plus(java.time.Duration.ofDays(1)).toEpochMilli());
        st.setString(3, UTC_HOUR.format(start));
        st.setString(4, UTC_HOUR.format(end));
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            ZonedDateTime local = utcHour(rs.getString(2)).atZone(zone);
            HourVisits h = new HourVisits(local.toLocalDate(), local.getHour(), rs.getString(1), rs.getLong(3),
                rs.getLong(4));
            // Two UTC hours can fall in one local hour (the autumn's repeated hour): summed.
            sorted.merge(h.date() + "|" + String.format("%02d", h.hour()) + "|" + h.branch(), h,
                (a, b) -> new HourVisits(a.date(), a.hour(), a.branch(), a.entries() + b.entries(),
                    a.exits() + b.exits()));
          }
        }
      }
      return null;
    });
    return List.copyOf(sorted.values());
  }

  private static Instant utcHour(String text) {
    return Instant.parse(text + ":00:00Z");
  }

  private List<DayCirculation> circulation(Instant start, Instant end, ZoneId zone) {
    // device_time: when the device recorded the loan, return or renewal (epoch ms); whole-number division is the
    // same in both stores.
    String sql = "SELECT site, device_time / " + HOUR_MS + " AS utc_hour, channel, COUNT(*) FROM events"
        + " WHERE channel IN ('checkout', 'return', 'renew') AND device_time >= ? AND device_time < ?"
        + " GROUP BY site, device_time / " + HOUR_MS + ", channel";
    Map<String, long[]> days = new TreeMap<>();
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setLong(1, start.toEpochMilli());
        st.setLong(2, end.toEpochMilli());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            LocalDate date = Instant.ofEpochMilli(rs.getLong(2) * HOUR_MS).atZone(zone).toLocalDate();
            long[] sums = days.computeIfAbsent(date + "|" + rs.getString(1), k -> new long[3]);
            int column = switch (rs.getString(3)) {
              case "checkout" -> 0;
              case "return" -> 1;
              default -> 2;
            };
            sums[column] += rs.getLong(4);
          }
        }
      }
      return null;
    });
    List<DayCirculation> out = new ArrayList<>();
    days.forEach((key, sums) -> {
      int bar = key.indexOf('|');
      out.add(new DayCirculation(LocalDate.parse(key.substring(0, bar)), key.substring(bar + 1), sums[0], sums[1],
          sums[2]));
    });
    return out;
  }

  /** The gates' alarms per local day and branch over {@code from}..{@code to} in {@code zone}. */
  public List<DayAlarms> alarms(LocalDate from, LocalDate to, ZoneId zone) {
    String sql = "SELECT site, detected_at / " + HOUR_MS + ", verdict, COUNT(*) FROM alarms"
        + " WHERE detected_at >= ? AND detected_at < ? GROUP BY site, detected_at / " + HOUR_MS + ", verdict";
    List<DayAlarms> out = new ArrayList<>();
    perDay(sql, from, to, zone, 3, row -> switch (row) {
      case "not-borrowed", "unknown-item" -> 0;
      case "probably-borrowed" -> 1;
      default -> 2;
    }).forEach((key, n) -> out.add(new DayAlarms(key.date(), key.branch(), n[0], n[1], n[2])));
    return out;
  }

  /**
   * Documents the SIGB sent elsewhere, per local day and branch where they were returned: journeys, not legs (a
   * leg opened at a relay, relay_of set, is the same document riding on).
   */
  public List<DayTransits> transits(LocalDate from, LocalDate to, ZoneId zone) {
    String sql = "SELECT from_branch, created_at / " + HOUR_MS + ", CASE WHEN status = 'kept' THEN 'kept' ELSE"
        + " 'shuttled' END AS fate, COUNT(*) FROM transits WHERE relay_of IS NULL AND created_at >= ?"
        + " AND created_at < ?"
        + " GROUP BY from_branch, created_at / " + HOUR_MS + ", CASE WHEN status = 'kept' THEN 'kept' ELSE"
        + " 'shuttled' END";
    List<DayTransits> out = new ArrayList<>();
    perDay(sql, from, to, zone, 2, fate -> fate.equals("kept") ? 1 : 0)
        .forEach((key, n) -> out.add(new DayTransits(key.date(), key.branch(), n[0], n[1])));
    return out;
  }

  /**
   * Transits opened in the period per shuttle route (kept documents are not transits on a route): legs, each the
   * load of the round that carries it — a document relayed at the depot counts on both its rounds.
   */
  public List<RouteTransits> transitsByRoute(LocalDate from, LocalDate to, ZoneId zone, java.util.Set<String> branches) {
    String sql = "SELECT route_id, from_branch, COUNT(*) FROM transits WHERE status <> 'kept' AND created_at >= ?"
        + " AND created_at < ? GROUP BY route_id, from_branch";
    Map<String, Long> byRoute = new TreeMap<>();
    long[] none = {0};
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setLong(1, from.atStartOfDay(zone).toInstant().toEpochMilli());
        st.setLong(2, to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            if (branches != null && !branches.contains(rs.getString(2))) {
              continue;
            }
            if (rs.getString(1) == null) {
              none[0] += rs.getLong(3);
            } else {
              byRoute.merge(rs.getString(1), rs.getLong(3), Long::sum);
            }
          }
        }
      }
      return null;
    });
    List<RouteTransits> out = new ArrayList<>();
    byRoute.forEach((route, n) -> out.add(new RouteTransits(route, n)));
    if (none[0] > 0) {
      out.add(new RouteTransits(null, none[0]));
    }
    return out;
  }

  private record DayBranch(LocalDate date, String branch) implements Comparable<DayBranch> {
    @Override
    public int compareTo(DayBranch o) {
      int byDate = date.compareTo(o.date);
      return byDate != 0 ? byDate : branch.compareTo(o.branch);
    }
  }

  /**
   * Runs {@code sql} (branch, UTC hour as epoch ms / 1 h, a kind, a count; two epoch-ms bounds) and sums its counts
   * per local day and branch into {@code columns} columns, the kind telling which.
   */
  private Map<DayBranch, long[]> perDay(String sql, LocalDate from, LocalDate to, ZoneId zone, int columns,
      java.util.function.ToIntFunction<String> column) {
    Map<DayBranch, long[]> days = new TreeMap<>();
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setLong(1, from.atStartOfDay(zone).toInstant().toEpochMilli());
        st.setLong(2, to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            LocalDate date = Instant.ofEpochMilli(rs.getLong(2) * HOUR_MS).atZone(zone).toLocalDate();
            days.computeIfAbsent(new DayBranch(date, rs.getString(1)), k -> new long[columns])[
                column.applyAsInt(rs.getString(3))] += rs.getLong(4);
          }
        }
      }
      return null;
    });
    return days;
  }

  /** How many days {@code from}..{@code to} covers, both included. */
  public static long days(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }
}
