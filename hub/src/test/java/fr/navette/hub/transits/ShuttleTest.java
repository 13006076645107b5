package fr.navette.hub.transits;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.circulation.CheckinOutcome;
import fr.navette.hub.store.Database;
import fr.navette.schema.SigbResponse.ReturnRoute;
import fr.navette.sim.devices.SteppedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one checkin does to the shuttle — open a transit, close one that arrived, keep a floating document, and the
 * route the return box sorts by — on a real SQLite file, without a broker or a SIGB. (The {@code PROBLEM} route is
 * {@code ReturnProcessor}'s, for a checkin the SIGB refused: such a checkin never reaches the shuttle.)
 */
class ShuttleTest {
  private static final String FLOATING = "DVD";
  @TempDir Path dir;
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-24T08:00:00Z"));
  private final AtomicInteger events = new AtomicInteger();
  private Database db;
  private TransitStore store;
  private Shuttle shuttle;

  @BeforeEach
  void open() {
    db = Database.sqlite(dir.resolve("hub.db"));
    store = new TransitStore(db);
    shuttle = new Shuttle(store, new NetworkRules(List.of(), Set.of(FLOATING), Duration.ofDays(7)), clock,
        ZoneOffset.UTC);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static CheckinOutcome outcome(String alertType, String destination, String collection) {
    return new CheckinOutcome(true, alertType, Optional.ofNullable(destination), Optional.empty(),
        Optional.of("R DUM"), Optional.of("Les Misérables"), Optional.ofNullable(collection));
  }

  /** Checks {@code item} in at {@code branch} as one stored return event would. */
  private ReturnRoute checkin(String item, String branch, CheckinOutcome outcome) {
    String event = "event-" + events.incrementAndGet();
    return db.inTransaction(c -> shuttle.onCheckin(c, item, branch, outcome, event));
  }

  private List<Transit> transits() {
    return store.list(List.of(), 100);
  }

  @Test
  void aSendHomeOpensOneTransitFromTheReturningBranchToTheHome() {
    assertThat(checkin("I1", "BR01", outcome("04", "BR07", "ADULT"))).isEqualTo(ReturnRoute.SHUTTLE);

    assertThat(transits()).singleElement().satisfies(t -> {
      assertThat(t.itemId()).isEqualTo("I1");
      assertThat(t.fromBranch()).isEqualTo("BR01");
      assertThat(t.toBranch()).isEqualTo("BR07");
      assertThat(t.reason()).isEqualTo("send-home");
      assertThat(t.status()).isEqualTo(TransitStatus.OPEN.wireName());
      assertThat(t.callNumber()).isEqualTo("R DUM");
      assertThat(t.title()).isEqualTo("Les Misérables");
      assertThat(t.collection()).isEqualTo("ADULT");
      assertThat(t.createdAt()).isEqualTo(clock.instant());
      assertThat(t.sourceEventId()).isEqualTo("event-1");
    });
  }

  @Test
  void aHoldElsewhereOpensOneTransitToThePickupBranch() {
    assertThat(checkin("I2", "BR01", outcome("02", "BR03", "ADULT"))).isEqualTo(ReturnRoute.SHUTTLE);

    assertThat(transits()).singleElement().satisfies(t -> {
      assertThat(t.fromBranch()).isEqualTo("BR01");
      assertThat(t.toBranch()).isEqualTo("BR03");
      assertThat(t.reason()).isEqualTo("hold-elsewhere");
      assertThat(t.status()).isEqualTo(TransitStatus.OPEN.wireName());
    });
  }

  @Test
  void aPaddedDestinationOpensATransitToTheBranchItNamesAndNoneAtHome() {
    assertThat(checkin("I3", "BR01", outcome("04", " BR07", "ADULT"))).isEqualTo(ReturnRoute.SHUTTLE);
    assertThat(transits()).extracting(Transit::toBranch).containsExactly("BR07");

    assertThat(checkin("I4", "BR07", outcome("04", " BR07 ", "ADULT"))).as("already home").isEqualTo(ReturnRoute.SHELVE);
    assertThat(transits()).hasSize(1);
  }

  @Test
  void aDocumentThatStaysIsShelvedOrHeldHereAndOpensNothing() {
    assertThat(checkin("I5", "BR01", outcome("00", null, "ADULT"))).isEqualTo(ReturnRoute.SHELVE);
    assertThat(checkin("I6", "BR01", outcome("01", null, "ADULT"))).isEqualTo(ReturnRoute.HOLD_SHELF);
    assertThat(checkin("I7", "BR01", outcome("01", "BR01", "ADULT"))).isEqualTo(ReturnRoute.HOLD_SHELF);
    assertThat(checkin("I8", "BR01", outcome("04", "BR01", "ADULT"))).isEqualTo(ReturnRoute.SHELVE);
    assertThat(checkin("I9", "BR01", outcome("03", "BR07", "ADULT"))).as("ILL: not the shuttle's")
        .isEqualTo(ReturnRoute.SHELVE);
    assertThat(checkin("I10", "BR01", outcome("99", "BR07", "ADULT"))).isEqualTo(ReturnRoute.SHELVE);
    assertThat(checkin("I11", "BR01", outcome("04", "  ", "ADULT"))).as("blank: no destination")
        .isEqualTo(ReturnRoute.SHELVE);

    assertThat(transits()).isEmpty();
  }

  @Test
  void aDocumentReadAtItsDestinationClosesItsTransit() {
    checkin("I1", "BR01", outcome("04", "BR07", "ADULT"));
    Transit opened = transits().getFirst();
    clock.advance(Duration.ofHours(26));

    assertThat(checkin("I1", "BR03", outcome("04", "BR07", "ADULT"))).as("read on the way, elsewhere")
        .isEqualTo(ReturnRoute.SHUTTLE);
    assertThat(store.find(opened.transitId()).orElseThrow().status()).isEqualTo(TransitStatus.OPEN.wireName());

    assertThat(checkin("I1", "BR07", outcome("00", null, "ADULT"))).isEqualTo(ReturnRoute.SHELVE);
    Transit arrived = store.find(opened.transitId()).orElseThrow();
    assertThat(arrived.status()).isEqualTo(TransitStatus.CLOSED.wireName());
    assertThat(arrived.arrivedAt()).isEqualTo(clock.instant());
    assertThat(arrived.closedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aHoldCollectedAtItsPickupBranchClosesItsTransitAndGoesToTheHoldShelf() {
    checkin("I2", "BR01", outcome("02", "BR03", "ADULT"));

    assertThat(checkin("I2", "BR03", outcome("01", null, "ADULT"))).isEqualTo(ReturnRoute.HOLD_SHELF);
    assertThat(transits()).singleElement().extracting(Transit::status).isEqualTo(TransitStatus.CLOSED.wireName());
  }

  @Test
  void aFloatingDocumentSentHomeIsKeptHereAsARideSaved() {
    assertThat(checkin("I12", "BR01", outcome("04", "BR07", FLOATING))).isEqualTo(ReturnRoute.SHELVE);

    assertThat(transits()).singleElement().satisfies(t -> {
      assertThat(t.status()).isEqualTo(TransitStatus.KEPT.wireName());
      assertThat(t.advice()).isEqualTo(Shuttle.KEEP_HERE);
      assertThat(t.fromBranch()).isEqualTo("BR01");
      assertThat(t.toBranch()).isEqualTo("BR07");
      assertThat(t.closedAt()).isEqualTo(clock.instant());
    });
    assertThat(store.activeForItem("I12")).as("nothing to carry").isEmpty();
  }

  @Test
  void aFloatingDocumentAHoldCallsElsewhereStillRides() {
    assertThat(checkin("I13", "BR01", outcome("02", "BR03", FLOATING))).isEqualTo(ReturnRoute.SHUTTLE);

    assertThat(store.activeForItem("I13")).hasValueSatisfying(t -> {
      assertThat(t.toBranch()).isEqualTo("BR03");
      assertThat(t.status()).isEqualTo(TransitStatus.OPEN.wireName());
    });
  }

  @Test
  void theSameEventAppliedTwiceOpensOneTransit() {
    CheckinOutcome sendHome = outcome("04", "BR07", "ADULT");
    for (int i = 0; i < 2; i++) {
      ReturnRoute route = db.inTransaction(c -> shuttle.onCheckin(c, "I14", "BR01", sendHome, "event-same"));
      assertThat(route).isEqualTo(ReturnRoute.SHUTTLE);
    }
    assertThat(transits()).hasSize(1);
  }
}
