package fr.navette.hub.transits;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The driver's and staff's sheet for one round on one day: at each stop, in the round's order, what to pick up
 * — grouped by destination, then by crate (documents not yet packed listed apart) — and how much to drop.
 */
public record Manifest(String routeId, String routeName, LocalDate date, List<Stop> stops, int documents,
                       Map<String, String> branchNames) {

  /** This manifest with the names of the branches it shows (code → name): the sheet shows names, not codes. */
  public Manifest named(NetworkRules rules) {
    Map<String, String> names = new TreeMap<>();
    for (Stop stop : stops) {
      names.put(stop.branch(), rules.branchName(stop.branch()));
      stop.pickups().forEach(p -> {
        names.put(p.destination(), rules.branchName(p.destination()));
        p.crates().forEach(c -> c.documents().forEach(l -> names.put(l.destination(), rules.branchName(l.destination()))));
        p.notPacked().forEach(l -> names.put(l.destination(), rules.branchName(l.destination())));
      });
      stop.deliveriesFrom().keySet().forEach(b -> names.put(b, rules.branchName(b)));
    }
    return new Manifest(routeId, routeName, date, stops, documents, names);
  }

  public record Stop(String branch, List<Pickup> pickups, Map<String, Integer> deliveriesFrom) {}

  public record Pickup(String destination, List<Crate> crates, List<Line> notPacked) {}

  public record Crate(String crate, List<Line> documents) {}

  /**
   * One document to pick up. {@code destination}: where the document goes in the end — the pickup's destination is
   * where this round drops it, a relay (the depot) when they differ.
   */
  public record Line(String transitId, String itemId, String title, String callNumber, String reason,
                     String status, String destination) {
    static Line of(Transit t) {
      return new Line(t.transitId(), t.itemId(), t.title(), t.callNumber(), t.reason(), t.status(), t.destination());
    }
  }

  /**
   * Builds the manifest of {@code route} from the transits the round carries: active ones, and those that left
   * or arrived on {@code date}, between two of its stops.
   */
  public static Manifest of(Route route, LocalDate date, List<Transit> transits) {
    List<Transit> carried = transits.stream()
        .filter(t -> route.serves(t.fromBranch(), t.toBranch()))
        .filter(t -> t.routeId() == null || t.routeId().equals(route.id()))
        .toList();
    List<Stop> stops = new ArrayList<>();
    for (String branch : route.stops()) {
      Map<String, List<Transit>> byDestination = new TreeMap<>();
      carried.stream().filter(t -> t.fromBranch().equals(branch))
          .forEach(t -> byDestination.computeIfAbsent(t.toBranch(), k -> new ArrayList<>()).add(t));
      List<Pickup> pickups = new ArrayList<>();
      byDestination.forEach((destination, list) -> pickups.add(pickup(destination, list)));
      Map<String, Integer> deliveries = new TreeMap<>();
      carried.stream().filter(t -> t.toBranch().equals(branch))
          .forEach(t -> deliveries.merge(t.fromBranch(), 1, Integer::sum));
      stops.add(new Stop(branch, pickups, deliveries));
    }
    return new Manifest(route.id(), route.name(), date, stops, carried.size(), Map.of());
  }

  private static Pickup pickup(String destination, List<Transit> transits) {
    Map<String, List<Line>> crates = new LinkedHashMap<>();
    List<Line> notPacked = new ArrayList<>();
    transits.stream().sorted(Comparator.comparing(t -> t.crate() == null ? "" : t.crate())).forEach(t -> {
      if (t.crate() == null) {
        notPacked.add(Line.of(t));
      } else {
        crates.computeIfAbsent(t.crate(), k -> new ArrayList<>()).add(Line.of(t));
      }
    });
    List<Crate> crateList = new ArrayList<>();
    crates.forEach((crate, lines) -> crateList.add(new Crate(crate, lines)));
    return new Pickup(destination, crateList, notPacked);
  }
}
