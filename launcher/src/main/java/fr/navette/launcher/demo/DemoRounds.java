package fr.navette.launcher.demo;

import fr.navette.hub.transits.Crate;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.transits.Route;
import fr.navette.hub.transits.Shuttle;
import fr.navette.hub.transits.ShuttleException;
import fr.navette.hub.transits.Transit;
import fr.navette.hub.transits.TransitStatus;
import fr.navette.hub.transits.TransitStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shuttle of the seeds' network on its timetable: each round twice a week (the first on Tuesday and Friday, the
 * second on Wednesday and Saturday), leaving the depot at {@link #DEPARTS} and calling at its stops
 * {@link #BETWEEN_STOPS} apart, then back at the depot. At each call, the branch's staff do what they do on the
 * shuttle screen, through the hub's {@link Shuttle}: read the crates the van brings (arrived), put the documents
 * waiting for a branch of the round into one crate per destination, close them, and see the round leave.
 *
 * <p>The two rounds share only the depot: a document for a branch of the other round rides to the depot, is
 * relayed there (the hub opens its next leg) and leaves with the other round's next call (issue 19).
 */
public final class DemoRounds {
  private static final Logger LOG = LoggerFactory.getLogger(DemoRounds.class);
  static final LocalTime DEPARTS = LocalTime.of(14, 0);
  static final Duration BETWEEN_STOPS = Duration.ofMinutes(20);
  private static final String STAFF = "navette-demo";
  private static final List<Set<DayOfWeek>> DAYS = List.of(Set.of(DayOfWeek.TUESDAY, DayOfWeek.FRIDAY),
      Set.of(DayOfWeek.WEDNESDAY, DayOfWeek.SATURDAY));

  /** One call of a round at a branch, at a simulated time. */
  public record Call(Route route, int stop, Instant at) {
    String branch() {
      return route.stops().get(stop % route.stops().size()); // the last call is back at the depot
    }
  }

  private final Shuttle shuttle;
  private final TransitStore transits;
  private final NetworkRules rules;
  private final ZoneId zone;
  /** Crates on the road, by destination: read there at the round's next call. */
  private final Map<String, List<String>> onTheRoad = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong cratesSent = new AtomicLong();
  private final AtomicLong documentsSent = new AtomicLong();
  private final AtomicLong cratesArrived = new AtomicLong();
  private final AtomicLong documentsDelivered = new AtomicLong();
  private final AtomicLong documentsRelayed = new AtomicLong();
  /** Documents delivered at the end of a relayed journey, by the round that brought them the last leg. */
  private final Map<String, AtomicLong> deliveredAfterRelay = new ConcurrentHashMap<>();

  public DemoRounds(Shuttle shuttle, TransitStore transits, NetworkRules rules, ZoneId zone) {
    this.shuttle = shuttle;
    this.transits = transits;
    this.rules = rules;
    this.zone = zone;
  }

  /** The calls timetabled in {@code (after, until]}, in time order. */
  public List<Call> callsBetween(Instant after, Instant until) {
    List<Call> out = new ArrayList<>();
    LocalDate day = after.atZone(zone).toLocalDate();
    LocalDate last = until.atZone(zone).toLocalDate();
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      for (int r = 0; r < rules.routes().size(); r++) {
        if (!DAYS.get(r % DAYS.size()).contains(day.getDayOfWeek())) {
          continue;
        }
        Route route = rules.routes().get(r);
        Instant departs = day.atTime(DEPARTS).atZone(zone).toInstant();
        for (int stop = 0; stop <= route.stops().size(); stop++) {
          Instant at = departs.plus(BETWEEN_STOPS.multipliedBy(stop));
          if (at.isAfter(after) && !at.isAfter(until)) {
            out.add(new Call(route, stop, at));
          }
        }
      }
    }
    out.sort(java.util.Comparator.comparing(Call::at));
    return out;
  }

  /** The round calls at a branch: crates for it are read, documents for the round's other stops leave. */
  public void call(Call call) {
    String branch = call.branch();
    calls.incrementAndGet();
    for (String crate : onTheRoad.getOrDefault(branch, List.of())) {
      try {
        long lastLegs = transits.inCrate(crate).stream()
            .filter(t -> t.relayOf() != null && t.destination().equals(branch)
                && TransitStatus.of(t.status()).active())
            .count();
        Shuttle.Arrival arrival = shuttle.arriveCrate(branch, crate, STAFF);
        cratesArrived.incrementAndGet();
        documentsRelayed.addAndGet(arrival.relayed());
        documentsDelivered.addAndGet(arrival.documents() - arrival.relayed());
        deliveredAfterRelay.computeIfAbsent(call.route().id(), k -> new AtomicLong()).addAndGet(lastLegs);
      } catch (ShuttleException e) {
        LOG.warn("round {} at {}: crate {} not received: {}", call.route().id(), branch, crate, e.getMessage());
      }
    }
    onTheRoad.remove(branch);
    if (call.stop() == call.route().stops().size()) {
      return; // back at the depot: unloading only
    }
    Map<String, List<Transit>> waiting = transits.activeFrom(branch).stream()
        .filter(t -> t.status().equals(TransitStatus.OPEN.wireName()))
        .filter(t -> call.route().serves(branch, t.toBranch()))
        .collect(Collectors.groupingBy(Transit::toBranch, LinkedHashMap::new, Collectors.toList()));
    int documents = 0;
    for (Map.Entry<String, List<Transit>> destination : waiting.entrySet()) {
      Crate crate = shuttle.openCrate(branch, destination.getKey(), STAFF);
      int packed = 0;
      for (Transit transit : destination.getValue()) {
        try {
          shuttle.readIntoCrate(crate.crateId(), transit.itemId(), STAFF);
          packed++;
        } catch (ShuttleException e) {
          LOG.debug("round {} at {}: {} not packed: {}", call.route().id(), branch, transit.itemId(), e.getMessage());
        }
      }
      if (packed > 0) {
        shuttle.closeCrate(crate.crateId(), STAFF);
        onTheRoad.computeIfAbsent(destination.getKey(), k -> new CopyOnWriteArrayList<>()).add(crate.crateId());
        cratesSent.incrementAndGet();
        documents += packed;
      }
    }
    Shuttle.Departure departure = shuttle.depart(call.route().id(), branch, STAFF);
    documentsSent.addAndGet(documents);
    LOG.info("round {} left {} at {}: {} crate(s), {} document(s)", call.route().id(), branch,
        call.at().atZone(zone).toLocalDateTime(), departure.crates(), departure.documents());
  }

  public long calls() {
    return calls.get();
  }

  public long cratesSent() {
    return cratesSent.get();
  }

  public long documentsSent() {
    return documentsSent.get();
  }

  public long cratesArrived() {
    return cratesArrived.get();
  }

  /** Documents read at their destination from the crates the van brought. */
  public long documentsDelivered() {
    return documentsDelivered.get();
  }

  /** Documents read at a relay (the depot), going on with another round. */
  public long documentsRelayed() {
    return documentsRelayed.get();
  }

  /** Documents delivered after a relay, by the round of their last leg (sud: from the north to the south). */
  public Map<String, Long> deliveredAfterRelay() {
    Map<String, Long> out = new java.util.TreeMap<>();
    deliveredAfterRelay.forEach((route, n) -> out.put(route, n.get()));
    return out;
  }
}
