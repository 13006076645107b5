package fr.navette.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.EventStore.NewEvent;
import fr.navette.hub.events.EventStore.StoredEvent;
import fr.navette.hub.events.QuarantineStore;
import fr.navette.hub.transits.Transit;
import fr.navette.hub.transits.TransitStatus;
import fr.navette.hub.transits.TransitStore;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.Topic;
import fr.navette.schema.UuidV7;
import fr.navette.sim.devices.SteppedClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same repository behaviour on SQLite and on PostgreSQL: one schema, one set of SQL. */
class StoreContractTest {
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-24T08:00:00Z"));
  private final UuidV7 ids = new UuidV7(clock);
  @TempDir Path dir;
  private Database db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
    TestDatabases.dropCreatedSchemas();
  }

  private NewEvent returnEvent(String device, long sequence) {
    ReturnEvent event = new ReturnEvent(new EventHeader("1.0", ids.next(), device, sequence, clock.instant()), "X",
        clock.instant(), false);
    return new NewEvent(new Topic("BR01", device, "return"), event, EventCodec.encode(event), EventStore.PENDING);
  }

  /** A store on {@code kind} holding one pending return, from box-1. */
  private EventStore oneReturnStored(String kind) {
    db = TestDatabases.open(kind, dir);
    EventStore events = new EventStore(db, clock);
    db.inTransaction(c -> events.insertIfAbsent(c, List.of(returnEvent("box-1", 1))));
    return events;
  }

  /** What one hub's worker leases: up to 10 due returns, for 2 minutes. */
  private static List<StoredEvent> claim(EventStore events) {
    return events.claimDue("return", 10, Duration.ofMinutes(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anEventIdIsStoredOnce(String kind) {
    db = TestDatabases.open(kind, dir);
    EventStore events = new EventStore(db, clock);
    NewEvent event = returnEvent("box-1", 1);

    List<NewEvent> first = db.inTransaction(c -> events.insertIfAbsent(c, List.of(event, returnEvent("box-1", 2))));
    List<NewEvent> again = db.inTransaction(c -> events.insertIfAbsent(c, List.of(event)));

    assertThat(first).hasSize(2);
    assertThat(again).isEmpty();
    assertThat(events.recent(10)).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aClaimedEventIsLeasedToOneWorkerUntilItsLeaseRunsOut(String kind) {
    EventStore events = oneReturnStored(kind);

    assertThat(claim(events)).hasSize(1);
    assertThat(claim(events)).as("leased by the first").isEmpty();
    clock.advance(Duration.ofMinutes(3));
    assertThat(claim(events)).as("its hub died: due again").hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anEventWhoseSigbRequestWasSentSaysSoToWhoeverClaimsItNext(String kind) {
    EventStore events = oneReturnStored(kind);
    db.inTransaction(c -> events.insertIfAbsent(c, List.of(returnEvent("box-1", 2))));
    List<StoredEvent> batch = claim(events);
    assertThat(batch).hasSize(2).allSatisfy(e -> assertThat(e.sigbSentAt()).as("never sent").isEmpty());
    Instant sentAt = clock.instant();

    events.markSigbSent(batch.getFirst().eventId()); // then the hub dies: no markDone, no retryLater
    clock.advance(Duration.ofMinutes(3));

    List<StoredEvent> again = claim(events);
    assertThat(again).hasSize(2);
    assertThat(again.get(0).sigbSentAt()).as("sent by the dead hub: in doubt").contains(sentAt);
    assertThat(again.get(1).sigbSentAt()).as("leased in the same batch, never sent").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aRetriedEventWaitsForItsTimeAndRemembersWhy(String kind) {
    EventStore events = oneReturnStored(kind);
    String id = claim(events).getFirst().eventId();

    events.retryLater(id, Duration.ofSeconds(30), "SIGB down", false);

    assertThat(claim(events)).isEmpty();
    clock.advance(Duration.ofSeconds(31));
    assertThat(claim(events)).singleElement()
        .satisfies(e -> assertThat(e.attempts()).isEqualTo(1))
        .satisfies(e -> assertThat(e.failures()).as("a SIGB down for everyone is not the event's fault").isZero());
    assertThat(events.find(id).orElseThrow().lastError()).isEqualTo("SIGB down");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anEventsOwnFailuresAreCountedAndAFailedEventIsNeverDueAgain(String kind) {
    EventStore events = oneReturnStored(kind);
    String id = claim(events).getFirst().eventId();

    events.retryLater(id, Duration.ofSeconds(1), "connection dropped on this document", true);
    clock.advance(Duration.ofSeconds(2));
    assertThat(claim(events)).singleElement()
        .satisfies(e -> assertThat(e.failures()).isEqualTo(1));
    events.markFailed(id, "connection dropped on this document");

    clock.advance(Duration.ofDays(1));
    assertThat(claim(events)).as("given up: kept, never tried again").isEmpty();
    assertThat(events.find(id).orElseThrow()).satisfies(e -> {
      assertThat(e.status()).isEqualTo(EventStore.FAILED);
      assertThat(e.attempts()).isEqualTo(2);
      assertThat(e.lastError()).isEqualTo("connection dropped on this document");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void oneTransitPerSourceEvent(String kind) {
    db = TestDatabases.open(kind, dir);
    TransitStore transits = new TransitStore(db);
    Transit transit = Transit.opened(ids.next().toString(), "ITEM1", "BR01", "BR05", "send-home", "R ROW",
        "Les Misérables", "ROMAN", clock.instant(), "event-1");
    Transit again = Transit.opened(ids.next().toString(), "ITEM1", "BR01", "BR05", "send-home", "R ROW",
        "Les Misérables", "ROMAN", clock.instant(), "event-1");

    db.inTransaction(c -> {
      transits.open(c, transit);
      transits.open(c, again);
      return null;
    });

    assertThat(transits.list(List.of(TransitStatus.OPEN), 10)).singleElement()
        .satisfies(t -> assertThat(t.title()).isEqualTo("Les Misérables"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void quarantineKeepsTheExactBytes(String kind) {
    db = TestDatabases.open(kind, dir);
    QuarantineStore quarantine = new QuarantineStore(db, clock);
    byte[] notText = {(byte) 0xFF, 0x00, (byte) 0xC3, 0x28};

    db.inTransaction(c -> {
      quarantine.add(c, List.of(new QuarantineStore.SetAside("navette/v1/BR01/box/return", notText, "not JSON")));
      return null;
    });

    QuarantineStore.QuarantinedMessage stored = quarantine.recent(10).getFirst();
    assertThat(Base64.getDecoder().decode(stored.payloadBase64())).isEqualTo(notText);
    assertThat(stored.payloadText()).isNull();
    assertThat(stored.reason()).isEqualTo("not JSON");
  }
}
