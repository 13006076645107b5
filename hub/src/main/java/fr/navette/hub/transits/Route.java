package fr.navette.hub.transits;

import java.util.List;
import java.util.Objects;

/** A shuttle round: the branches the vehicle calls at, in order. */
public record Route(String id, String name, List<String> stops) {
  public Route {
    Objects.requireNonNull(id, "route id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a route needs an id");
    }
    stops = List.copyOf(Objects.requireNonNull(stops, "stops"));
    if (stops.size() < 2) {
      throw new IllegalArgumentException("route " + id + " needs at least two stops, has " + stops);
    }
    if (stops.stream().distinct().count() != stops.size()) {
      throw new IllegalArgumentException("route " + id + " calls twice at the same branch: " + stops);
    }
    name = name == null || name.isBlank() ? id : name;
  }

  public boolean serves(String from, String to) {
    return stops.contains(from) && stops.contains(to);
  }
}
