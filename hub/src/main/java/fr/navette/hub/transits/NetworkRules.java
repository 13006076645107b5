package fr.navette.hub.transits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the network runs its shuttle: its rounds, the collections that float (a returned document stays where
 * it was returned unless a hold calls it elsewhere), and when a transit is overdue. Parsed once, validated.
 *
 * <p>File format (JSON):
 * <pre>{@code
 * {"branches": [{"code": "BR01", "name": "Médiathèque centrale"}, …],
 *  "routes": [{"id": "north", "name": "Tournée nord", "stops": ["BR01", "BR03", "BR07"]}],
 *  "floatingCollections": ["ADULT-FICTION", "DVD"],
 *  "transitOverdueAfter": "P7D"}
 * }</pre>
 *
 * @param branchNames each branch's name as the network writes it (code → name, in the file's order): what staff
 *     read on every screen and sheet; a branch not named here shows its code
 */
public record NetworkRules(List<Route> routes, Set<String> floatingCollections, Duration transitOverdueAfter,
                           Map<String, String> branchNames) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public NetworkRules {
    routes = List.copyOf(routes);
    floatingCollections = Set.copyOf(floatingCollections);
    branchNames = Collections.unmodifiableMap(new LinkedHashMap<>(branchNames));
    if (transitOverdueAfter.isNegative() || transitOverdueAfter.isZero()) {
      throw new IllegalArgumentException("transitOverdueAfter must be positive, got " + transitOverdueAfter);
    }
    Set<String> ids = new HashSet<>();
    for (Route route : routes) {
      if (!ids.add(route.id())) {
        throw new IllegalArgumentException("two routes have the id '" + route.id() + "'");
      }
    }
  }

  /** Rules without branch names (each branch shows its code). */
  public NetworkRules(List<Route> routes, Set<String> floatingCollections, Duration transitOverdueAfter) {
    this(routes, floatingCollections, transitOverdueAfter, Map.of());
  }

  /** These rules with the branches named. */
  public NetworkRules withBranchNames(Map<String, String> names) {
    return new NetworkRules(routes, floatingCollections, transitOverdueAfter, names);
  }

  /** The branch's name, or its code when the network did not name it. */
  public String branchName(String code) {
    return branchNames.getOrDefault(code, code);
  }

  /** No rounds configured, nothing floats, overdue after 7 days. */
  public static NetworkRules defaults() {
    return new NetworkRules(List.of(), Set.of(), Duration.ofDays(7));
  }

  /** The first round that calls at both branches, if any. */
  public Optional<Route> routeFor(String from, String to) {
    return routes.stream().filter(r -> r.serves(from, to)).findFirst();
  }

  /**
   * The branches a document calls at from {@code from} to {@code to}, both included: the fewest rounds' changes
   * over the graph where two branches are linked when a round calls at both (in the seeds' network, a branch of
   * the north round reaches one of the south round via the depot both rounds start from). Each step is one
   * round's leg, so the document changes van only where the journey says. {@code [from, to]} when a round links
   * them directly, when they are the same branch, and when no round links them at all, directly or not (a
   * network without rounds: the document goes straight, as before rounds were known).
   */
  public List<String> journey(String from, String to) {
    if (from.equals(to)) {
      return List.of(from);
    }
    if (routeFor(from, to).isPresent()) {
      return List.of(from, to);
    }
    // Breadth first, in the rounds' order then their stops' order: the same network always gives the same path.
    Map<String, String> cameFrom = new LinkedHashMap<>();
    cameFrom.put(from, null);
    java.util.ArrayDeque<String> frontier = new java.util.ArrayDeque<>(List.of(from));
    while (!frontier.isEmpty()) {
      String here = frontier.removeFirst();
      for (Route route : routes) {
        if (!route.stops().contains(here)) {
          continue;
        }
        for (String next : route.stops()) {
          if (cameFrom.containsKey(next)) {
            continue;
          }
          cameFrom.put(next, here);
          if (next.equals(to)) {
            List<String> path = new ArrayList<>();
            for (String at = to; at != null; at = cameFrom.get(at)) {
              path.add(at);
            }
            Collections.reverse(path);
            return List.copyOf(path);
          }
          frontier.addLast(next);
        }
      }
    }
    return List.of(from, to);
  }

  /** Where a document leaving {@code from} for {@code to} gets off its van first: {@code to} itself, or a relay. */
  public String nextStop(String from, String to) {
    List<String> journey = journey(from, to);
    return journey.size() < 2 ? to : journey.get(1);
  }

  public Optional<Route> route(String id) {
    return routes.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  public boolean floats(String collection) {
    return collection != null && floatingCollections.contains(collection);
  }

  /** Reads a rules file; the error names the file and what is wrong in it. */
  public static NetworkRules read(Path file) {
    try {
      JsonNode root = JSON.readTree(file.toFile());
      List<Route> routes = new ArrayList<>();
      for (JsonNode r : root.path("routes")) {
        List<String> stops = new ArrayList<>();
        r.path("stops").forEach(s -> stops.add(s.asText()));
        routes.add(new Route(r.path("id").asText(""), r.path("name").asText(null), stops));
      }
      Set<String> floating = new HashSet<>();
      root.path("floatingCollections").forEach(c -> floating.add(c.asText()));
      Duration overdue = Duration.parse(root.path("transitOverdueAfter").asText("P7D"));
      Map<String, String> names = new LinkedHashMap<>();
      for (JsonNode b : root.path("branches")) {
        String code = b.path("code").asText("");
        if (code.isBlank() || b.path("name").asText("").isBlank()) {
          throw new IllegalArgumentException("each branch needs a code and a name, got " + b);
        }
        if (names.put(code, b.path("name").asText()) != null) {
          throw new IllegalArgumentException("branch '" + code + "' is named twice");
        }
      }
      return new NetworkRules(routes, floating, overdue, names);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("network rules " + file + ": " + e.getMessage(), e);
    }
  }
}
