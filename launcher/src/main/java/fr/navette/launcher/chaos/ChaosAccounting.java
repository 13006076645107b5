package fr.navette.launcher.chaos;

import fr.navette.agent.OutboxPolicy;
import fr.navette.hub.HubConfig;
import fr.navette.schema.Channel;
import fr.navette.sim.sigb.Hold;
import fr.navette.sim.sigb.SimulatedNetwork;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The chaos run's accounting: what the boxes stored against what the hub holds (its SQLite store, read beside it)
 * and what the SIGB applied (the simulator's checkin log and item states).
 *
 * <ul>
 *   <li>events: every sequence number each device's outbox (boxes and gates) ever gave (1 to its high-water mark) stored exactly once
 *       at the hub, and applied;
 *   <li>returns: every document a box took checked in exactly once at the SIGB, dated when it was truly dropped
 *       (within the hub's clock tolerance, whatever the box's clock read); one whose box was killed while it was
 *       in the slot may be checked in once or not at all, never twice;
 *   <li>states: no open transit at the hub for a document on loan at the SIGB; no document the SIGB sends to
 *       another branch without a transit at the hub (lost between branches); no transit past the overdue delay
 *       without its alert;
 *   <li>alerts: raised for the faults staff must act on (SIGB link, device offline, clock off), none left open.
 * </ul>
 */
public final class ChaosAccounting {
  /** The kinds of alert the faults must raise and the end must see resolved. */
  static final List<String> FAULT_ALERTS = List.of("sigb-link", "device-offline", "clock-off");
  /** A return date within this of the truth is true: the hub leaves a clock this close alone (ClockOffset). */
  static final Duration DATE_TOLERANCE = Duration.ofMinutes(2);
  private static final Duration TRANSIT_OVERDUE = Duration.ofDays(7);
  /**
   * The channels a device's outbox numbers (its sequence): {@code state} and {@code health} are live and carry the
   * high-water mark, not a number of their own.
   */
  private static final String OUTBOX_CHANNELS = Arrays.stream(Channel.values()).filter(OutboxPolicy::storable)
      .map(c -> "'" + c.wireName() + "'").collect(Collectors.joining(", "));

  /**
   * A device's outbox numbering: {@code lastSequence} as the network settled (what must be at the hub), and
   * {@code latest} read again after the hub's store was: a gate goes on counting its visitors every minute, and a
   * count it made meanwhile is not one it "never had".
   */
  record BoxSequences(String deviceId, long lastSequence, java.util.function.LongSupplier latest) {
    BoxSequences(String deviceId, long lastSequence) {
      this(deviceId, lastSequence, () -> lastSequence);
    }
  }

  /** One line of the recovery table. */
  public record FaultLine(String fault, Duration lasted, long eventsDuring, long lost, long appliedTwice,
                          Duration recovery) {}

  public record Result(long boxes, long processBoxes, long gates, Duration ran, long events, long eventsAtHub,
                       long eventsLost, long eventsStoredTwice, Map<String, Long> eventStatuses,
                       long dropsAccepted, long dropsUnanswered, long returnsCheckedInOnce, long returnsMissing,
                       long returnsTwice, long unanswererdCheckedIn, long datesWrong, Duration worstDateError,
                       long transitsOpen, long transitsOnLoan, long lostBetweenBranches, long overdueUnflagged,
                       Map<String, Long> alertsRaised, Map<String, Long> alertsOpen, List<FaultLine> faults,
                       List<String> skipped, List<String> problems, List<String> twiceAfterHubKill) {
    /** Whether everything was accounted for: nothing lost, nothing twice, dates true, states agree, alerts right. */
    public boolean whole() {
      return problems.isEmpty() && twiceAfterHubKill.isEmpty();
    }

    public String table() {
      StringBuilder t = new StringBuilder();
      t.append(String.format("%-44s %9s %13s %6s %14s %16s%n", "fault", "lasted", "events during", "lost",
          "applied twice", "time to recover"));
      for (FaultLine f : faults) {
        t.append(String.format("%-44s %8.1fs %,13d %,6d %,14d %15.1fs%n", f.fault(), f.lasted().toMillis() / 1000.0,
            f.eventsDuring(), f.lost(), f.appliedTwice(), f.recovery().toMillis() / 1000.0));
      }
      t.append(String.format("%nevents: %,d stored by %d boxes (%d in processes of their own) and %d gates in %s; at"
              + " the hub %,d; lost %,d; stored twice %,d; statuses %s%n", events, boxes, processBoxes, gates,
          ran.withNanos(0), eventsAtHub, eventsLost, eventsStoredTwice, eventStatuses));
      t.append(String.format("returns: %,d taken by the boxes, %,d checked in once, %,d missing, %,d twice;"
              + " %,d drops unanswered (box killed meanwhile), %,d of them checked in; dates off by more than %s: %,d"
              + " (worst %s)%n", dropsAccepted, returnsCheckedInOnce, returnsMissing, returnsTwice, dropsUnanswered,
          unanswererdCheckedIn, DATE_TOLERANCE, datesWrong, worstDateError));
      t.append(String.format("states: %,d open transits; on loan at the SIGB: %,d; lost between branches: %,d;"
          + " overdue unflagged: %,d%n", transitsOpen, transitsOnLoan, lostBetweenBranches, overdueUnflagged));
      t.append(String.format("alerts raised: %s; still open: %s%n", alertsRaised, alertsOpen));
      skipped.forEach(s -> t.append("left out: ").append(s).append('\n'));
      if (!twiceAfterHubKill.isEmpty()) {
        t.append("returns checked in twice at the SIGB, the same event sent twice:\n  ")
            .append(String.join("\n  ", twiceAfterHubKill)).append('\n');
      }
      t.append(whole() ? "ACCOUNTED: every event and every return once, dates true, states agree, alerts"
          + " raised and cleared\n" : problems.isEmpty() ? "NOT ACCOUNTED: returns applied twice (above)\n"
          : "NOT ACCOUNTED:\n  " + String.join("\n  ", problems) + "\n");
      return t.toString();
    }
  }

  private final String url;
  private final SimulatedNetwork network;

  ChaosAccounting(Path hubData, SimulatedNetwork network) {
    this.url = HubConfig.storeUrl(hubData, null);
    this.network = network;
  }

  /** What keeps the network from being settled: work left at the hub, fault alerts still open. Empty: settled. */
  List<String> unsettled() {
    List<String> left = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url)) {
      long pending = count(c, "SELECT COUNT(*) FROM events WHERE status IN ('pending', 'processing')");
      if (pending > 0) {
        left.add(pending + " events to apply at the hub");
      }
      List<String> open = openSubjects(c);
      if (!open.isEmpty()) {
        left.add("alerts open: " + open);
      }
    } catch (SQLException e) {
      left.add("hub store unreadable: " + e.getMessage());
    }
    return left;
  }

  Result account(List<ChaosRun.Drop> ledger, List<BoxSequences> boxes, List<ChaosRun.Fault> faults,
                 Map<String, List<Instant>> checkinsSeen, List<String> skipped, Instant began, Instant settled,
                 long boxCount, long processBoxes, long gateCount) throws SQLException {
    List<String> problems = new ArrayList<>();
    List<String> twiceAfterHubKill = new ArrayList<>();
    // Events: by (device, sequence), as the boxes numbered them.
    long events = boxes.stream().mapToLong(BoxSequences::lastSequence).sum();
    long atHub = 0;
    long lost = 0;
    long twice = 0;
    Map<String, Long> statuses = new TreeMap<>();
    Map<String, Long> raised;
    Map<String, Long> open;
    List<String> openAtEnd;
    List<String[]> activeTransits = new ArrayList<>();
    Set<String> overdueFlagged = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url)) {
      for (BoxSequences box : boxes) {
        Map<Long, Integer> seen = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
            "SELECT sequence, status FROM events WHERE device_id = ? AND channel IN (" + OUTBOX_CHANNELS + ")")) {
          st.setString(1, box.deviceId());
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              seen.merge(rs.getLong(1), 1, Integer::sum);
              statuses.merge(rs.getString(2), 1L, Long::sum);
            }
          }
        }
        atHub += seen.size();
        long boxLost = 0;
        for (long s = 1; s <= box.lastSequence(); s++) {
          if (!seen.containsKey(s)) {
            boxLost++;
          }
        }
        long boxTwice = seen.values().stream().filter(n -> n > 1).count();
        long latest = box.latest().getAsLong(); // after the hub's store was read
        long beyond = seen.keySet().stream().filter(s -> s > latest).count();
        if (boxLost > 0 || boxTwice > 0 || beyond > 0) {
          problems.add(String.format("%s: %d of its %d events missing at the hub, %d stored twice, %d the box never"
              + " had", box.deviceId(), boxLost, box.lastSequence(), boxTwice, beyond));
        }
        lost += boxLost;
        twice += boxTwice;
      }
      statuses.forEach((status, n) -> {
        if (!status.equals("applied")) {
          problems.add(n + " events " + status + " at the hub");
        }
      });
      raised = alerts(c, "");
      open = alerts(c, " AND resolved_at IS NULL");
      openAtEnd = openSubjects(c);
      try (PreparedStatement st = c.prepareStatement("SELECT transit_id, item_id, to_branch, created_at FROM transits"
          + " WHERE status IN ('open', 'packed', 'on-road')"); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          activeTransits.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
              Long.toString(rs.getLong(4))});
        }
      }
      try (PreparedStatement st = c.prepareStatement("SELECT subject FROM alerts WHERE kind = 'transit-overdue'"
          + " AND resolved_at IS NULL"); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          overdueFlagged.add(rs.getString(1));
        }
      }
    }
    if (lost > 0) {
      problems.add(lost + " events lost");
    }

    // Returns: the SIGB's checkin log against the drops.
    Map<String, List<SimulatedNetwork.CheckinRecord>> checkins = network.checkinLog().stream()
        .collect(Collectors.groupingBy(SimulatedNetwork.CheckinRecord::itemId));
    long accepted = 0;
    long unanswered = 0;
    long once = 0;
    long missing = 0;
    long returnsTwice = 0;
    long unansweredIn = 0;
    long datesWrong = 0;
    Duration worst = Duration.ZERO;
    Set<String> dropped = new HashSet<>();
    for (ChaosRun.Drop d : ledger) {
      dropped.add(d.itemId());
      List<SimulatedNetwork.CheckinRecord> in = checkins.getOrDefault(d.itemId(), List.of());
      boolean answered = d.outcome() == BoxCore.Outcome.ACCEPTED;
      if (answered) {
        accepted++;
      } else {
        unanswered++;
      }
      if (in.size() > 1) {
        returnsTwice++;
        // Identical checkins (branch, date): one event sent twice (a hub killed between the SIGB's checkin and its
        // record of it, before the sent mark and item information; or the SIP2 client's own resend); otherwise
        // two events for one drop. Either is a return applied twice.
        boolean sameEvent = in.stream().distinct().count() == 1;
        (sameEvent ? twiceAfterHubKill : problems).add((sameEvent ? "one event applied twice: " : "")
            + String.format("%s dropped at %s into %s: checked in %d times"
            + " at the SIGB (%s)", d.itemId(), d.trueAt(), d.deviceId(), in.size(), in));
      } else if (in.size() == 1) {
        if (answered) {
          once++;
        } else {
          unansweredIn++;
        }
      } else if (answered) {
        missing++;
      }
      for (SimulatedNetwork.CheckinRecord r : in) {
        Duration error = Duration.between(d.trueAt(), r.returnedAt()).abs();
        worst = error.compareTo(worst) > 0 ? error : worst;
        if (error.compareTo(DATE_TOLERANCE) > 0) {
          datesWrong++;
          if (datesWrong <= 5) {
            problems.add(String.format("%s dropped at %s into %s: return date at the SIGB %s", d.itemId(),
                d.trueAt(), d.deviceId(), r.returnedAt()));
          }
        }
      }
    }
    if (missing > 0) {
      problems.add(missing + " returns taken by a box never checked in at the SIGB");
    }
    if (datesWrong > 0) {
      problems.add(datesWrong + " return dates off by more than " + DATE_TOLERANCE);
    }
    long strangers = checkins.keySet().stream().filter(i -> !dropped.contains(i)).count();
    if (strangers > 0) {
      problems.add(strangers + " documents checked in that no box took");
    }

    // States: the hub's transits against the SIGB.
    long onLoan = 0;
    long overdueUnflagged = 0;
    Set<String> inTransitAtHub = new HashSet<>();
    Instant now = Instant.now();
    for (String[] t : activeTransits) {
      inTransitAtHub.add(t[1]);
      if (network.loanOf(t[1]).isPresent()) {
        onLoan++;
        problems.add("transit " + t[0] + " open at the hub for " + t[1] + ", on loan at the SIGB");
      }
      if (Instant.ofEpochMilli(Long.parseLong(t[3])).plus(TRANSIT_OVERDUE).isBefore(now)
          && !overdueFlagged.contains(t[0])) {
        overdueUnflagged++;
        problems.add("transit " + t[0] + " of " + t[1] + " overdue without its alert");
      }
    }
    long lostBetween = 0;
    for (String itemId : checkins.keySet()) { // what the run checked in: the SIGB's state of it is the run's doing
      boolean travelling = network.transitOf(itemId).isPresent()
          || network.holdFor(itemId).filter(h -> h.status() == Hold.Status.IN_TRANSIT).isPresent();
      if (travelling && !inTransitAtHub.contains(itemId)) {
        lostBetween++;
        if (lostBetween <= 5) {
          problems.add(itemId + " travels to another branch at the SIGB, no transit at the hub");
        }
      }
    }
    if (lostBetween > 5) {
      problems.add(lostBetween + " documents in all lost between branches");
    }

    // Alerts: each fault's kind raised, none left open.
    for (String kind : FAULT_ALERTS) {
      if (!raised.containsKey(kind)) {
        problems.add("no " + kind + " alert was raised");
      }
      if (open.containsKey(kind)) {
        problems.add(open.get(kind) + " " + kind + " alerts still open at the end: " + openAtEnd);
      }
    }

    // The recovery table: per fault, the drops made while it lasted.
    List<FaultLine> lines = new ArrayList<>();
    for (ChaosRun.Fault f : faults) {
      long during = 0;
      long faultLost = 0;
      long faultTwice = 0;
      Instant recovered = f.end();
      for (ChaosRun.Drop d : ledger) {
        if (d.trueAt().isBefore(f.start()) || d.trueAt().isAfter(f.end())) {
          continue;
        }
        during++;
        int n = checkins.getOrDefault(d.itemId(), List.of()).size();
        if (n == 0 && d.outcome() == BoxCore.Outcome.ACCEPTED) {
          faultLost++;
        }
        if (n > 1) {
          faultTwice++;
        }
        List<Instant> seen = checkinsSeen.getOrDefault(d.itemId(), List.of());
        if (!seen.isEmpty() && seen.getFirst().isAfter(recovered)) {
          recovered = seen.getFirst();
        }
      }
      lines.add(new FaultLine(f.name(), Duration.between(f.start(), f.end()), during, faultLost, faultTwice,
          Duration.between(f.end(), recovered)));
    }
    return new Result(boxCount, processBoxes, gateCount, Duration.between(began, settled), events, atHub, lost, twice,
        statuses, accepted, unanswered, once, missing, returnsTwice, unansweredIn, datesWrong, worst,
        activeTransits.size(), onLoan, lostBetween, overdueUnflagged, raised, open, lines, skipped, problems,
        twiceAfterHubKill);
  }

  /** The fault alerts still open, as kind and subject. */
  private static List<String> openSubjects(Connection c) throws SQLException {
    List<String> open = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT kind, subject FROM alerts WHERE kind IN"
        + " ('sigb-link', 'device-offline', 'clock-off') AND resolved_at IS NULL"); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        open.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return open;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Alerts of the faults' kinds, counted by kind ({@code where}: more conditions). */
  private static Map<String, Long> alerts(Connection c, String where) throws SQLException {
    Map<String, Long> byKind = new TreeMap<>();
    try (PreparedStatement st = c.prepareStatement("SELECT kind, COUNT(*) FROM alerts WHERE kind IN"
        + " ('sigb-link', 'device-offline', 'clock-off')" + where + " GROUP BY kind"); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        byKind.put(rs.getString(1), rs.getLong(2));
      }
    }
    return byKind;
  }
}
