package fr.navette.hub.transits;

import fr.navette.hub.text.Said;
import fr.navette.schema.UuidV7;
import fr.navette.schema.SigbResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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
    Instant now = clock.instant();
    if (store.arriveItem(c, itemId, branch, now, true) > 0) {
      LOG.info("transit of item {} arrived at {}", itemId, branch);
    }
    // Checked in at a relay (the depot) rather than read on the shuttle screen: its leg ends here, and the SIGB's
    // answer says where it goes on — the next leg — or that it stays (the leg is closed here).
    Optional<Transit> relaying = store.relayingAt(c, branch, null, itemId).stream().findFirst();
    Optional<TransitReason> reason = outcome.transitReason(branch);
    if (reason.isEmpty()) {
      endHere(c, relaying, now);
      return outcome.holdHere() ? SigbResponse.ReturnRoute.HOLD_SHELF : SigbResponse.ReturnRoute.SHELVE;
    }
    String to = outcome.destination().orElseThrow();
    Transit transit = Transit.opened(ids.next().toString(), itemId, branch, to, reason.get().wireName(),
        outcome.callNumber().orElse(null), outcome.title().orElse(null), outcome.collection().orElse(null),
        now, sourceEventId);
    if (reason.get() == TransitReason.SEND_HOME && rules.floats(transit.collection())) {
      endHere(c, relaying, now);
      store.open(c, transit.kept(KEEP_HERE));
      LOG.info("item {} floats ({}): keep it at {} instead of sending it to {}", itemId, transit.collection(),
          branch, to);
      return SigbResponse.ReturnRoute.SHELVE;
    }
    // The rounds may not link this branch to the destination: the first leg ends where the document changes van.
    String next = rules.nextStop(branch, to);
    Transit leg = transit.firstLegTo(next);
    if (relaying.isPresent() && store.endLeg(c, relaying.get().transitId(), TransitStatus.RELAYED, now, null)) {
      leg = leg.continuing(relaying.get());
    }
    store.open(c, leg);
    LOG.info("transit {} -> {} for item {} ({}){}", branch, to, itemId, reason.get().wireName(),
        next.equals(to) ? "" : " via " + next);
    return SigbResponse.ReturnRoute.SHUTTLE;
  }

  private void endHere(Connection c, Optional<Transit> relaying, Instant now) throws SQLException {
    if (relaying.isPresent() && store.endLeg(c, relaying.get().transitId(), TransitStatus.CLOSED, now, null)) {
      LOG.info("item {} checked in at {} on its way to {}: the SIGB keeps it here", relaying.get().itemId(),
          relaying.get().toBranch(), relaying.get().destination());
    }
  }

  /**
   * The legs read at {@code branch} that end there as a relay: each is relayed, and its next leg opened from here
   * toward the next stop of its journey. How many went on.
   */
  private int relayAt(Connection c, List<Transit> legs, Instant now, String by) throws SQLException {
    int relayed = 0;
    for (Transit leg : legs) {
      String next = rules.nextStop(leg.toBranch(), leg.destination());
      // The next leg's source is derived from the leg it continues: a relay read twice opens one next leg.
      String source = UUID.nameUUIDFromBytes(("relay-of:" + leg.transitId()).getBytes(StandardCharsets.UTF_8))
          .toString();
      if (store.endLeg(c, leg.transitId(), TransitStatus.RELAYED, now, by)) {
        store.open(c, leg.nextLeg(ids.next().toString(), next, now, source));
        LOG.info("item {} relayed at {}: on to {} (for {})", leg.itemId(), leg.toBranch(), next, leg.destination());
        relayed++;
      }
    }
    return relayed;
  }

  /**
   * At the hub's start: legs waiting to leave (open or packed) that no round carries, opened straight to a branch
   * of another round by a hub of before relays, are sent to their next stop instead. How many.
   */
  public int rerouteStranded() {
    int rerouted = 0;
    for (Transit leg : store.waitingToLeave()) {
      if (rules.routes().isEmpty() || rules.routeFor(leg.fromBranch(), leg.toBranch()).isPresent()) {
        continue;
      }
      String next = rules.nextStop(leg.fromBranch(), leg.destination());
      if (!next.equals(leg.toBranch()) && store.reroute(leg, next)) {
        LOG.info("transit {} of item {} rerouted: {} -> {} had no round, it goes via {}", leg.transitId(),
            leg.itemId(), leg.fromBranch(), leg.toBranch(), next);
        rerouted++;
      }
    }
    return rerouted;
  }

  /** Staff put a document in a crate; a crate travels to one destination only. */
  public Transit pack(String transitId, String crate) {
    return pack(transitId, crate, null);
  }

  /** {@code by}: who packed it (kept with the transit). A crate closed on the staff's screen takes no more. */
  public Transit pack(String transitId, String crate, String by) {
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
    store.crates().find(crate).filter(c -> !c.open()).ifPresent(c -> {
      throw ShuttleException.conflict(Said.of("shuttle.crate-not-open", crate));
    });
    if (!store.pack(transitId, crate, clock.instant(), by)) {
      throw ShuttleException.conflict("transit " + transitId + " is " + transit.status() + ": it cannot be packed");
    }
    return store.find(transitId).orElseThrow();
  }

  // ---- The shuttle worked from the staff's screen: crates opened, read into, closed, sent off, received ----

  /** What reading a document into a crate did: packed it ({@code already}: it was in this crate already). */
  public record Packed(Transit transit, Crate crate, boolean already) {}

  /** A round's departure from a branch: documents and crates now on the road; crates left open stay. */
  public record Departure(Route route, String branch, int documents, int crates, int stillOpen) {}

  /**
   * What a read at a destination did: {@code outcome} arrived (documents &gt; 0), nothing (nothing to receive
   * here), elsewhere (the document goes to {@code goesTo}: back on the shuttle), relayed (a document read at a
   * relay: it goes on, its next leg is {@code transit}, toward {@code goesTo}). {@code relayed}: how many of the
   * documents received go on from here.
   */
  public record Arrival(String outcome, int documents, Crate crate, Transit transit, String goesTo, int relayed) {
    public Arrival(String outcome, int documents, Crate crate, Transit transit, String goesTo) {
      this(outcome, documents, crate, transit, goesTo, 0);
    }
  }

  public Crate crate(String crateId) {
    return store.crates().find(crateId).orElseThrow(() -> ShuttleException.notFound(Said.of("shuttle.no-crate",
        crateId)));
  }

  /** Opens a crate at {@code from} for {@code to} (null: the first document read decides). */
  public Crate openCrate(String from, String to, String by) {
    knownBranch(from);
    if (to != null) {
      knownBranch(to);
      if (to.equals(from)) {
        throw ShuttleException.conflict(Said.of("shuttle.same-branch", rules.branchName(from)));
      }
    }
    Crate crate = store.crates().open(from, to, by, clock.instant());
    LOG.info("crate {} opened at {} for {} by {}", crate.crateId(), from, to == null ? "(first document)" : to, by);
    return crate;
  }

  /**
   * Staff read {@code itemId} into {@code crateId}: packed when its transit leaves from the crate's branch for the
   * crate's destination (the first document decides an undecided crate's); refused otherwise, and not packed.
   */
  public Packed readIntoCrate(String crateId, String itemId, String by) {
    Crate crate = crate(crateId);
    if (!crate.open()) {
      throw ShuttleException.conflict(Said.of("shuttle.crate-not-open", crateId));
    }
    Transit transit = store.activeForItem(itemId).orElseThrow(() -> ShuttleException.notFound(
        Said.of("shuttle.not-in-transit", itemId)));
    if (!transit.fromBranch().equals(crate.fromBranch())) {
      throw ShuttleException.conflict(Said.of("shuttle.leaves-elsewhere", itemId,
          rules.branchName(transit.fromBranch())));
    }
    if (transit.status().equals(TransitStatus.ON_ROAD.wireName())) {
      throw ShuttleException.conflict(Said.of("shuttle.already-on-road", itemId,
          rules.branchName(transit.toBranch())));
    }
    if (crate.toBranch() == null && store.crates().decideDestination(crateId, transit.toBranch())) {
      LOG.info("crate {}: its first document decides it goes to {}", crateId, transit.toBranch());
    }
    crate = crate(crateId);
    if (!transit.toBranch().equals(crate.toBranch())) {
      LOG.info("item {} refused in crate {}: it goes to {}, the crate to {}", itemId, crateId, transit.toBranch(),
          crate.toBranch());
      throw ShuttleException.conflict(Said.of("shuttle.wrong-destination", rules.branchName(transit.toBranch()),
          roundName(transit.fromBranch(), transit.toBranch()), rules.branchName(crate.toBranch())));
    }
    if (crateId.equals(transit.crate())) {
      return new Packed(transit, crate, true);
    }
    // Moving a document out of a crate already closed and labelled would make its label lie.
    if (transit.crate() != null && store.crates().find(transit.crate()).filter(c -> !c.open()).isPresent()) {
      throw ShuttleException.conflict(Said.of("shuttle.in-closed-crate", itemId, transit.crate()));
    }
    if (!store.pack(transit.transitId(), crateId, clock.instant(), by)) {
      throw ShuttleException.conflict("transit " + transit.transitId() + " changed meanwhile: read it again");
    }
    return new Packed(store.find(transit.transitId()).orElseThrow(), crate(crateId), false);
  }

  /** Closes a crate (labelled next); an empty crate is not closed. */
  public Crate closeCrate(String crateId, String by) {
    Crate crate = crate(crateId);
    if (!crate.open()) {
      throw ShuttleException.conflict(Said.of("shuttle.crate-not-open", crateId));
    }
    if (crate.documents() == 0) {
      throw ShuttleException.conflict(Said.of("shuttle.crate-empty", crateId));
    }
    if (!store.crates().close(crateId, by, clock.instant())) {
      throw ShuttleException.conflict(Said.of("shuttle.crate-not-open", crateId));
    }
    LOG.info("crate {} closed by {}: {} document(s) for {}", crateId, by, crate.documents(), crate.toBranch());
    return crate(crateId);
  }

  /** The round's name between two branches (its own words), or a text saying no round serves them. */
  public Object roundName(String from, String to) {
    return rules.routeFor(from, to).<Object>map(Route::name).orElse(Said.of("shuttle.no-round"));
  }

  /**
   * The round left {@code branch}: its closed crates for the round's other stops, and documents packed there
   * outside the screen's crates, are on the road; crates still open stay.
   */
  public Departure depart(String routeId, String branch, String by) {
    Route route = rules.route(routeId).orElseThrow(() -> ShuttleException.notFound("no route " + routeId));
    if (!route.stops().contains(branch)) {
      throw ShuttleException.conflict("route " + routeId + " does not call at " + branch + " (" + route.stops() + ")");
    }
    List<String> destinations = route.stops().stream().filter(s -> !s.equals(branch)).toList();
    Instant now = clock.instant();
    int documents = store.depart(routeId, branch, destinations, now, by);
    int crates = store.crates().depart(routeId, branch, destinations, by, now);
    int stillOpen = (int) store.crates().atBranch(branch, List.of(Crate.OPEN), 1000).stream()
        .filter(c -> c.toBranch() == null || destinations.contains(c.toBranch())).count();
    LOG.info("round {} left {} ({}): {} crate(s), {} document(s); {} crate(s) still open", routeId, branch, by,
        crates, documents, stillOpen);
    return new Departure(route, branch, documents, crates, stillOpen);
  }

  /** Staff read a crate at {@code branch}, its destination: everything in it has arrived. */
  public Arrival arriveCrate(String branch, String crateId, String by) {
    Optional<Crate> crate = store.crates().find(crateId);
    if (crate.isPresent() && crate.get().toBranch() != null && !crate.get().toBranch().equals(branch)) {
      throw ShuttleException.conflict(Said.of("shuttle.crate-wrong-branch", crateId,
          rules.branchName(crate.get().toBranch())));
    }
    Instant now = clock.instant();
    int[] relayed = new int[1];
    int documents = store.inTransaction(c -> {
      relayed[0] = relayAt(c, store.relayingAt(c, branch, crateId, null), now, by);
      return store.arriveCrate(c, crateId, branch, now, by) + relayed[0];
    });
    crate.ifPresent(c -> store.crates().arrive(crateId, by, now));
    LOG.info("crate {} read at {} by {}: {} document(s) received, {} of them going on", crateId, branch, by,
        documents, relayed[0]);
    return new Arrival(documents > 0 ? "arrived" : "nothing", documents,
        store.crates().find(crateId).orElse(null), null, null, relayed[0]);
  }

  /** Staff read a document at {@code branch}: its transit there has arrived, or it goes elsewhere. */
  public Arrival arriveItem(String branch, String itemId, String by) {
    Optional<Transit> active = store.activeForItem(itemId);
    if (active.isPresent() && !active.get().toBranch().equals(branch)
        && !active.get().destination().equals(branch)) {
      return new Arrival("elsewhere", 0, null, active.get(), active.get().toBranch());
    }
    if (active.isPresent() && active.get().endsAtRelay() && active.get().toBranch().equals(branch)) {
      Instant now = clock.instant();
      int relayed = store.inTransaction(c -> relayAt(c, List.of(active.get()), now, by));
      Optional<Transit> next = store.activeForItem(itemId);
      return new Arrival(relayed > 0 ? "relayed" : "nothing", relayed, null, next.orElse(active.get()),
          next.map(Transit::toBranch).orElse(null), relayed);
    }
    int documents = store.arriveItem(itemId, branch, clock.instant(), by);
    Transit transit = active.flatMap(t -> store.find(t.transitId())).orElse(null);
    return new Arrival(documents > 0 ? "arrived" : "nothing", documents, null, transit, null);
  }

  private void knownBranch(String branch) {
    if (!rules.branchNames().isEmpty() && !rules.branchNames().containsKey(branch)
        && rules.routes().stream().noneMatch(r -> r.stops().contains(branch))) {
      throw ShuttleException.badRequest(Said.of("shuttle.unknown-branch", branch));
    }
  }

  public Manifest manifest(String routeId, LocalDate date) {
    Route route = rules.route(routeId).orElseThrow(() -> ShuttleException.notFound("no route " + routeId));
    List<Transit> transits = store.activeOrMovedSince(date.atStartOfDay(zone).toInstant()).stream()
        .filter(t -> t.status().equals(TransitStatus.OPEN.wireName()) || t.status().equals(TransitStatus.PACKED.wireName())
            || t.departedAt() != null && date.equals(LocalDate.ofInstant(t.departedAt(), zone)))
        .toList();
    return Manifest.of(route, date, transits).named(rules);
  }
}
