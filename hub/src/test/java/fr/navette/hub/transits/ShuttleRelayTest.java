package fr.navette.hub.transits;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.circulation.CheckinOutcome;
import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import fr.navette.schema.SigbResponse.ReturnRoute;
import fr.navette.sim.devices.SteppedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19, no document lost between branches: the seeds' network's two rounds share only the depot, so a
 * document of a south branch returned in a north one rides north → depot (relayed there) → south, and is
 * delivered; each leg is flagged overdue on its own. On SQLite and on PostgreSQL (skipped when absent).
 */
class ShuttleRelayTest {
  private static final Duration OVERDUE = Duration.ofDays(7);
  private static final NetworkRules SEEDS = new NetworkRules(List.of(
      new Route("nord", "Tournée nord", List.of("DEPOT", "N1", "N2")),
      new Route("sud", "Tournée sud", List.of("DEPOT", "S1", "S2"))), Set.of(), OVERDUE,
      Map.of("DEPOT", "Dépôt central", "N1", "Nord 1", "N2", "Nord 2", "S1", "Sud 1", "S2", "Sud 2"));
  private static final String STAFF = "agent";

  @TempDir Path dir;
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-01T08:00:00Z"));
  private final AtomicInteger events = new AtomicInteger();
  private Database db;
  private TransitStore store;
  private Shuttle shuttle;

  private void open(String kind) {
    db = TestDatabases.open(kind, dir);
    store = new TransitStore(db);
    shuttle = new Shuttle(store, SEEDS, clock, ZoneOffset.UTC);
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
    TestDatabases.dropCreatedSchemas();
  }

  private ReturnRoute returnedAt(String branch, String item, String home) {
    CheckinOutcome sendHome = new CheckinOutcome(true, "04", Optional.of(home), Optional.empty(),
        Optional.of("R DUM"), Optional.of("Les Misérables"), Optional.of("ADULT"));
    return db.inTransaction(c -> shuttle.onCheckin(c, item, branch, sendHome, "event-" + events.incrementAndGet()));
  }

  /** Staff at {@code from} pack the item into a crate for {@code to}; the round leaves; the crate is read at {@code to}. */
  private Shuttle.Arrival carry(String item, String route, String from, String to) {
    Crate crate = shuttle.openCrate(from, to, STAFF);
    shuttle.readIntoCrate(crate.crateId(), item, STAFF);
    shuttle.closeCrate(crate.crateId(), STAFF);
    assertThat(shuttle.depart(route, from, STAFF).crates()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(40));
    return shuttle.arriveCrate(to, crate.crateId(), STAFF);
  }

  private List<Transit> overdue() {
    return store.page(new TransitStore.Filter(List.of(), List.of(), List.of(), List.of(), null, true, null),
        clock.instant().minus(OVERDUE), 0, 100).items();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aSouthDocumentReturnedNorthRidesViaTheDepotAndIsDelivered(String kind) {
    open(kind);
    assertThat(returnedAt("N1", "I1", "S1")).isEqualTo(ReturnRoute.SHUTTLE);

    Transit first = store.activeForItem("I1").orElseThrow();
    assertThat(first.fromBranch()).isEqualTo("N1");
    assertThat(first.toBranch()).as("the van's leg ends at the depot").isEqualTo("DEPOT");
    assertThat(first.destination()).isEqualTo("S1");
    assertThat(first.relayOf()).isNull();

    Shuttle.Arrival atDepot = carry("I1", "nord", "N1", "DEPOT");
    assertThat(atDepot.documents()).isEqualTo(1);
    assertThat(atDepot.relayed()).isEqualTo(1);
    assertThat(store.find(first.transitId()).orElseThrow()).satisfies(t -> {
      assertThat(t.status()).isEqualTo(TransitStatus.RELAYED.wireName());
      assertThat(t.arrivedAt()).isEqualTo(clock.instant());
    });
    Transit second = store.activeForItem("I1").orElseThrow();
    assertThat(second.fromBranch()).isEqualTo("DEPOT");
    assertThat(second.toBranch()).isEqualTo("S1");
    assertThat(second.destination()).isEqualTo("S1");
    assertThat(second.relayOf()).isEqualTo(first.transitId());
    assertThat(second.status()).isEqualTo(TransitStatus.OPEN.wireName());

    Shuttle.Arrival atHome = carry("I1", "sud", "DEPOT", "S1");
    assertThat(atHome.outcome()).isEqualTo("arrived");
    assertThat(atHome.relayed()).isZero();
    assertThat(store.find(second.transitId()).orElseThrow().status()).isEqualTo(TransitStatus.ARRIVED.wireName());
    assertThat(store.activeForItem("I1")).as("delivered: nothing left in transit").isEmpty();
    assertThat(store.list(List.of(), 10)).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void eachLegIsFlaggedOverdueOnItsOwn(String kind) {
    open(kind);
    returnedAt("N2", "I2", "S2");
    Transit first = store.activeForItem("I2").orElseThrow();
    clock.advance(OVERDUE.plusHours(1));
    assertThat(overdue()).extracting(Transit::transitId).containsExactly(first.transitId());

    carry("I2", "nord", "N2", "DEPOT");
    assertThat(overdue()).as("the relayed leg is done, the next one just began").isEmpty();
    Transit second = store.activeForItem("I2").orElseThrow();
    assertThat(second.overdue(clock.instant(), OVERDUE)).isFalse();

    clock.advance(OVERDUE.plusHours(1));
    assertThat(overdue()).as("stuck at the depot: flagged").extracting(Transit::transitId)
        .containsExactly(second.transitId());
    assertThat(store.find(first.transitId()).orElseThrow().overdue(clock.instant(), OVERDUE)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aRelayReadTwiceOpensOneNextLeg(String kind) {
    open(kind);
    returnedAt("N1", "I3", "S2");
    Crate crate = shuttle.openCrate("N1", "DEPOT", STAFF);
    shuttle.readIntoCrate(crate.crateId(), "I3", STAFF);
    shuttle.closeCrate(crate.crateId(), STAFF);
    shuttle.depart("nord", "N1", STAFF);

    assertThat(shuttle.arriveCrate("DEPOT", crate.crateId(), STAFF).relayed()).isEqualTo(1);
    assertThat(shuttle.arriveCrate("DEPOT", crate.crateId(), STAFF).relayed()).isZero();
    assertThat(shuttle.arriveItem("DEPOT", "I3", STAFF)).as("its next leg leaves from here").satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("elsewhere");
      assertThat(a.goesTo()).isEqualTo("S2");
    });
    assertThat(store.list(List.of(TransitStatus.OPEN), 10)).singleElement()
        .satisfies(t -> assertThat(t.fromBranch() + "→" + t.toBranch()).isEqualTo("DEPOT→S2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aDocumentReadAtItsDestinationBeforeItsRelayHasArrived(String kind) {
    open(kind);
    returnedAt("N1", "I4", "S1");
    Shuttle.Arrival arrival = shuttle.arriveItem("S1", "I4", STAFF);
    assertThat(arrival.outcome()).isEqualTo("arrived");
    assertThat(store.activeForItem("I4")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aDocumentReadByItselfAtTheDepotGoesOn(String kind) {
    open(kind);
    returnedAt("N2", "I5", "S1");
    Shuttle.Arrival arrival = shuttle.arriveItem("DEPOT", "I5", STAFF);
    assertThat(arrival.outcome()).isEqualTo("relayed");
    assertThat(arrival.goesTo()).isEqualTo("S1");
    assertThat(arrival.transit().fromBranch()).isEqualTo("DEPOT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void theDestinationsStaffSeeTheDocumentComingWhileItRidesToTheDepot(String kind) {
    open(kind);
    returnedAt("N1", "I6", "S1");
    TransitStore.Page coming = store.page(new TransitStore.Filter(List.of(), List.of(), List.of("S1"), List.of(),
        null, false, null), clock.instant().minus(OVERDUE), 0, 10);
    assertThat(coming.items()).extracting(Transit::itemId).containsExactly("I6");
    TransitStore.Page mine = store.page(new TransitStore.Filter(List.of(), List.of(), List.of(), List.of("S1"),
        null, false, null), clock.instant().minus(OVERDUE), 0, 10);
    assertThat(mine.total()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aTransitStrandedByAHubOfBeforeRelaysGoesViaTheDepotAtStart(String kind) {
    open(kind);
    // As the hub opened it before issue 19: straight from a north branch to a south one, which no round links.
    db.inTransaction(c -> {
      store.open(c, Transit.opened("t-stranded", "I7", "N1", "S2", "send-home", null, null, null, clock.instant(),
          "event-old"));
      store.open(c, Transit.opened("t-fine", "I8", "N1", "N2", "send-home", null, null, null, clock.instant(),
          "event-fine"));
      return null;
    });
    assertThat(shuttle.rerouteStranded()).isEqualTo(1);
    assertThat(store.find("t-stranded").orElseThrow()).satisfies(t -> {
      assertThat(t.toBranch()).isEqualTo("DEPOT");
      assertThat(t.destination()).isEqualTo("S2");
      assertThat(t.status()).isEqualTo(TransitStatus.OPEN.wireName());
    });
    assertThat(store.find("t-fine").orElseThrow().toBranch()).isEqualTo("N2");
    assertThat(shuttle.rerouteStranded()).as("once").isZero();
  }
}
