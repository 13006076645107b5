package fr.navette.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.events.ActivityStats;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.EventStore.NewEvent;
import fr.navette.hub.events.QuarantineStore;
import fr.navette.hub.kiosks.KioskSecurity;
import fr.navette.hub.kiosks.PinAttempts;
import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import fr.navette.schema.CheckoutEvent;
import fr.navette.schema.CountEvent;
import fr.navette.schema.Event;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.PatronPseudonym;
import fr.navette.schema.RenewEvent;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.Topic;
import fr.navette.schema.UuidV7;
import fr.navette.sim.devices.SteppedClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retention purge on both stores, with the hub's clock in hand: a loan's link to its patron is there until the
 * end of the fourth month after its return and gone after; statistics the same before and after; quarantined
 * payloads cleared; a second run changes nothing.
 */
class RetentionPurgeTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final PatronPseudonym SECRET = new PatronPseudonym("k1", new byte[32]);
  /** Returned on 20 March: linked until 31 July 23:59:59 Paris (21:59:59Z), gone from 1 August 00:00 Paris. */
  private static final Instant LAST_LINKED = Instant.parse("2026-07-31T21:59:59Z");
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-03-01T09:00:00Z"));
  private final UuidV7 ids = new UuidV7(clock);
  @TempDir Path dir;
  private Database db;
  private long sequence;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
    TestDatabases.dropCreatedSchemas();
  }

  private void store(String channel, Event event) {
    db.inTransaction(c -> new EventStore(db, clock).insertIfAbsent(c, List.of(new NewEvent(
        new Topic("BR01", "kiosk-1", channel), event, EventCodec.encode(event), EventStore.PENDING))));
  }

  private EventHeader header(Instant at) {
    return new EventHeader("1.0", ids.next(), "kiosk-1", ++sequence, at);
  }

  private void checkout(String item, String patron, Instant at, LocalDate due) {
    store("checkout", new CheckoutEvent(header(at), item, SECRET.of(patron), Optional.ofNullable(due), true, at));
  }

  private void returned(String item, Instant at) {
    store("return", new ReturnEvent(header(at), item, at, false));
  }

  /** The patron pseudonyms the events table holds, in payload order. */
  private List<String> patronRefs() {
    return db.inTransaction(c -> {
      List<String> refs = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT payload FROM events ORDER BY device_time");
           ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("pp1\\.[^\"]+").matcher(rs.getString(1));
          while (m.find()) {
            refs.add(m.group());
          }
        }
      }
      return refs;
    });
  }

  private long eventRows() {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM events"); ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private void at(Instant when) {
    clock.advance(Duration.between(clock.instant(), when));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aReturnedLoansLinkLastsToTheEndOfTheFourthMonthAfterTheReturnMonthAndStatisticsStay(String kind) {
    db = TestDatabases.open(kind, dir);
    AuditLog audit = new AuditLog(db, clock);
    PatronKeys keys = new PatronKeys(db, SECRET, clock, audit);
    RetentionPurge purge = new RetentionPurge(db, keys, audit, Retention.cnil(), clock, PARIS);
    String alice = SECRET.of("A0001");
    String bob = SECRET.of("B0002");
    // Alice borrows a document on 10 March and brings it back to a return box on 20 March.
    checkout("DOC-1", "A0001", Instant.parse("2026-03-10T10:00:00Z"), LocalDate.parse("2026-04-07"));
    store("renew", new RenewEvent(header(Instant.parse("2026-03-15T10:00:00Z")), "DOC-1", alice,
        Optional.of(LocalDate.parse("2026-04-21")), Instant.parse("2026-03-15T10:00:00Z")));
    returned("DOC-1", Instant.parse("2026-03-20T16:00:00Z"));
    // Bob borrows on 15 June and the hub never sees it come back: due on 13 July, it counts as ended then.
    checkout("DOC-2", "B0002", Instant.parse("2026-06-15T10:00:00Z"), LocalDate.parse("2026-07-13"));
    store("count", new CountEvent(header(Instant.parse("2026-03-10T11:00:00Z")),
        Instant.parse("2026-03-10T10:00:00Z"), Instant.parse("2026-03-10T11:00:00Z"), 12, 9, 1));
    QuarantineStore quarantine = new QuarantineStore(db, clock);
    db.inTransaction(c -> {
      // a channel whose bytes the quarantine keeps (a kiosk's loan channel keeps none: PersonalChannels); a
      // malformed message may carry anything, so its bytes go by the loans' limit too
      quarantine.add(c, List.of(new QuarantineStore.SetAside("navette/v1/BR01/box-1/return",
          "{\"item\":\"DOC-9\", \"note\":\"A0001 in clear\"".getBytes(StandardCharsets.UTF_8), "not JSON")));
      return null;
    });
    ActivityStats stats = new ActivityStats(db);
    ActivityStats.Activity before = stats.between(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-07-31"), PARIS);
    assertThat(before.circulation()).isNotEmpty();

    // a subject access for Alice, as the coordinator's export does it: her loan and renewal, through her pseudonyms
    SubjectAccess access = new SubjectAccess(db, new PinAttempts(KioskSecurity.defaults(), clock), code -> code);
    assertThat(access.find(keys.pseudonymsOf("A0001"), Optional.of("A0001"))).extracting(SubjectAccess.Held::kind)
        .as("her card in clear in the set-aside return too").containsExactlyInAnyOrder("loan", "renewal", "quarantine");

    at(LAST_LINKED);
    RetentionPurge.Result kept = purge.purge();

    assertThat(kept.linksRemoved()).isZero();
    assertThat(patronRefs()).containsExactly(alice, alice, bob);
    assertThat(quarantine.recent(10).get(0).payloadBase64()).as("received 1 March: kept to 31 July").isNotEmpty();

    clock.advance(Duration.ofSeconds(1)); // 1 August, 00:00 in Paris
    RetentionPurge.Result purged = purge.purge();

    assertThat(purged.linksRemoved()).as("the loan and its renewal").isEqualTo(2);
    assertThat(access.find(keys.pseudonymsOf("A0001"), Optional.of("A0001")))
        .as("after the purge the hub holds nothing more about Alice").isEmpty();
    assertThat(access.find(keys.pseudonymsOf("B0002"), Optional.of("B0002"))).extracting(SubjectAccess.Held::kind)
        .as("Bob's loan is still linked").containsExactly("loan");
    assertThat(patronRefs()).as("Bob's loan ended 13 July: linked until 30 November").containsExactly(bob);
    assertThat(eventRows()).as("rows kept, for the counts").isEqualTo(5);
    assertThat(purged.quarantinedCleared()).isEqualTo(1);
    QuarantineStore.QuarantinedMessage cleared = quarantine.recent(10).get(0);
    assertThat(cleared.payloadBase64()).isEmpty();
    assertThat(cleared.reason()).startsWith("not JSON");
    assertThat(stats.between(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-07-31"), PARIS))
        .isEqualTo(before);
    assertThat(audit.list(AuditLog.Filter.latest(10)).audit()).anySatisfy(line -> {
      assertThat(line.action()).isEqualTo("privacy-purge");
      assertThat(line.detail()).contains("2 patron links removed").doesNotContain("pp1.").doesNotContain("DOC-");
    });

    RetentionPurge.Result again = purge.purge();

    assertThat(again.linksRemoved()).as("idempotent").isZero();
    assertThat(again.quarantinedCleared()).isZero();
    assertThat(patronRefs()).containsExactly(bob);

    at(Instant.parse("2026-11-30T22:59:59Z")); // 30 November 23:59:59 Paris
    assertThat(purge.purge().linksRemoved()).isZero();
    at(Instant.parse("2026-11-30T23:00:00Z")); // 1 December 00:00 Paris
    assertThat(purge.purge().linksRemoved()).isEqualTo(1);
    assertThat(patronRefs()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aDocumentLentAgainEndsTheLoanBeforeEvenWithoutAReturnSeen(String kind) {
    db = TestDatabases.open(kind, dir);
    AuditLog audit = new AuditLog(db, clock);
    RetentionPurge purge = new RetentionPurge(db, new PatronKeys(db, SECRET, clock, audit), audit,
        Retention.cnil(), clock, PARIS);
    // Returned at a desk (no event), lent again on 5 April to someone else whose loan is still running.
    checkout("DOC-3", "A0001", Instant.parse("2026-03-10T10:00:00Z"), LocalDate.parse("2026-12-31"));
    checkout("DOC-3", "B0002", Instant.parse("2026-04-05T10:00:00Z"), LocalDate.parse("2026-12-31"));

    at(Instant.parse("2026-09-01T10:00:00Z"));
    purge.purge();

    assertThat(patronRefs()).containsExactly(SECRET.of("B0002"));
  }
}
