package fr.navette.hub.transits;

import fr.navette.hub.text.Said;
import fr.navette.schema.UuidV7;
import fr.navette.schema.SigbResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shuttle's rules, in one place: which checkins open a transit, when advice keeps a document where it was
 * returned (a ride saved), how transits are packed, leave with a round and arrive — and the manifests.
 */
public final class Shuttle {
  private static final Logger LOG = LoggerFactory.getLogger(Shuttle.class);
  public static final String KEEP_HERE = "keep-here";

  private final TransitStore store;
  private final NetworkRules rules;
  private final Clock clock;
  private final ZoneId zone;
  private final UuidV7 ids;

  public Shuttle(TransitStore store, NetworkRules rules, Clock clock, ZoneId zone) {
    this.store = store;
    this.rules = rules;
    this.clock = clock;
    this.zone = zone;
    this.ids = new UuidV7(clock);
  }

  public NetworkRules rules() {
    return rules;
  }

  /**
   * Acts on a checkin at {@code branch}, in the caller's transaction: a document read at the destination of
   * its transit has arrived (a return box checked it in: closed); a document the SIGB sends elsewhere opens a
   * transit, unless it floats and no hold calls it (advice: keep here, counted as a ride saved).
   *
   * @return where the document goes now, for the return box's bins
   */
  public SigbResponse.ReturnRoute onCheckin(Connection c, String itemId, String branch, CheckinAdvice outcome,
                                            String sourceEventId) throws SQLException {
    if (store.arriveItem(c, itemId, branch, clock.instant(), true) > 0) {
      LOG.info("transit of item {} arrived at {}", itemId, branch);
    }
    Optional<TransitReason> reason = outcome.transitReason(branch);
    if (reason.isEmpty()) {
      return outcome.holdHere() ? SigbResponse.ReturnRoute.HOLD_SHELF : SigbResponse.ReturnRoute.SHELVE;
    }
    String to = outcome.destination().orElseThrow();
    Transit transit = Transit.opened(ids.next().toString(), itemId, branch, to, reason.get().wireName(),
        outcome.callNumber().orElse(null), outcome.title().orElse(null), outcome.collection().orElse(null),
        clock.instant(), sourceEventId);
    if (reason.get() == TransitReason.SEND_HOME && rules.floats(transit.collection())) {
      store.open(c, transit.kept(KEEP_HERE));
      LOG.info("item {} floats ({}): keep it at {} instead of sending it to {}", itemId, transit.collection(),
          branch, to);
      return SigbResponse.ReturnRoute.SHELVE;
    }
    store.open(c, transit);
    LOG.info("transit {} -> {} for item {} ({})", branch, to, itemId, reason.get().wireName());
    return SigbResponse.ReturnRoute.SHUTTLE;
  }

  /** Staff put a document in a crate; a crate travels to one destination only. */
  public Transit pack(String transitId, String crate) {
    Transit transit = store.find(transitId)
        .orElseThrow(() -> ShuttleException.notFound("no transit " + transitId));
    if (crate == null || crate.isBlank()) {
      throw ShuttleException.conflict(Said.of("shuttle.crate-needed"));
    }
    store.activeFrom(transit.fromBranch()).stream()
        .filter(t -> crate.equals(t.crate()) && !t.toBranch().equals(transit.toBranch()))
        .findFirst()
        .ifPresent(other -> {
          throw ShuttleException.conflict(Said.of("shuttle.crate-elsewhere", crate, other.toBranch(),
              transit.toBranch()));
        });
    if (!store.pack(transitId, crate, clock.instant())) {
      throw ShuttleException.conflict("transit " + transitId + " is " + transit.status() + ": it cannot be packed");
    }
    return store.find(transitId).orElseThrow();
  }

  /** The round left {@code branch}: what was packed there for its other stops is on the road. */
  public int depart(String routeId, String branch) {
    Route route = rules.route(routeId).orElseThrow(() -> ShuttleException.notFound("no route " + routeId));
    if (!route.stops().contains(branch)) {
      throw ShuttleException.conflict("route " + routeId + " does not call at " + branch + " (" + route.stops() + ")");
    }
    List<String> destinations = route.stops().stream().filter(s -> !s.equals(branch)).toList();
    return store.depart(routeId, branch, destinations, clock.instant());
  }

  /** Staff read a crate or a document at {@code branch}. */
  public int arrive(String branch, String crate, String itemId) {
    if (crate != null && !crate.isBlank()) {
      return store.arriveCrate(crate, branch, clock.instant());
    }
    if (itemId != null && !itemId.isBlank()) {
      return store.arriveItem(itemId, branch, clock.instant());
    }
    throw ShuttleException.conflict(Said.of("shuttle.crate-or-document"));
  }

  public Manifest manifest(String routeId, LocalDate date) {
    Route route = rules.route(routeId).orElseThrow(() -> ShuttleException.notFound("no route " + routeId));
    List<Transit> transits = store.activeOrMovedSince(date.atStartOfDay(zone).toInstant()).stream()
        .filter(t -> t.status().equals(TransitStatus.OPEN.wireName()) || t.status().equals(TransitStatus.PACKED.wireName())
            || t.departedAt() != null && date.equals(LocalDate.ofInstant(t.departedAt(), zone)))
        .toList();
    return Manifest.of(route, date, transits);
  }
}
