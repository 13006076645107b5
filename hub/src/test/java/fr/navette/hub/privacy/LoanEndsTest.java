package fr.navette.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.EventStore.NewEvent;
import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import fr.navette.schema.CheckoutEvent;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When the hub saw each loan end, kept in the event's own columns (V17): recorded as returns and new loans arrive,
 * whatever order the devices' outboxes deliver them in (the event's time decides, not its arrival), and computed
 * by the migration for the events a hub of before V17 stored.
 */
class LoanEndsTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final PatronPseudonym SECRET = new PatronPseudonym("k1", new byte[32]);
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

  /** A loan's columns: item, patron, due date, when the hub saw it end (null: not seen). */
  record Loan(String itemId, String patronRef, String dueDate, Instant endedAt) {}

  private static Instant t(String instant) {
    return Instant.parse(instant);
  }

  private CheckoutEvent checkout(String item, String patron, String at, String due) {
    return new CheckoutEvent(header(t(at)), item, SECRET.of(patron), Optional.of(LocalDate.parse(due)), true, t(at));
  }

  private RenewEvent renew(String item, String patron, String at, String due) {
    return new RenewEvent(header(t(at)), item, SECRET.of(patron), Optional.of(LocalDate.parse(due)), t(at));
  }

  private ReturnEvent returned(String item, String at) {
    return new ReturnEvent(header(t(at)), item, t(at), false);
  }

  private EventHeader header(Instant at) {
    return new EventHeader("1.0", ids.next(), "kiosk-1", ++sequence, at);
  }

  private void store(Event... events) {
    List<NewEvent> batch = new ArrayList<>();
    for (Event event : events) {
      batch.add(new NewEvent(new Topic("BR01", "kiosk-1", event.channel().wireName()), event, EventCodec.encode(event),
          EventStore.APPLIED));
    }
    db.inTransaction(c -> new EventStore(db, clock).insertIfAbsent(c, batch));
  }

  private Loan loan(Event event) {
    return db.inTransaction(c -> loan(c, event));
  }

  private static Loan loan(Connection c, Event event) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT item_id, patron_ref, due_date, loan_ended_at FROM events WHERE event_id = ?")) {
      st.setString(1, event.header().eventId().toString());
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).as("stored").isTrue();
        long ended = rs.getLong(4);
        Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
        return new Loan(rs.getString(1), rs.getString(2), rs.getString(3), endedAt);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aLoanEndsAtTheFirstReturnOrLoanOfItsDocumentAfterItInTheEventsTimeWhateverTheArrivalOrder(String kind) {
    db = TestDatabases.open(kind, dir);
    // In order: lent, renewed, returned in a box.
    CheckoutEvent lent = checkout("DOC-1", "A0001", "2026-03-10T10:00:00Z", "2026-04-07");
    RenewEvent renewed = renew("DOC-1", "A0001", "2026-03-15T10:00:00Z", "2026-04-21");
    ReturnEvent back = returned("DOC-1", "2026-03-20T16:00:00Z");
    store(lent);
    store(renewed);
    assertThat(loan(lent)).isEqualTo(new Loan("DOC-1", SECRET.of("A0001"), "2026-04-07", null));
    store(back);
    assertThat(loan(lent).endedAt()).isEqualTo(t("2026-03-20T16:00:00Z"));
    assertThat(loan(renewed)).isEqualTo(new Loan("DOC-1", SECRET.of("A0001"), "2026-04-21", t("2026-03-20T16:00:00Z")));
    assertThat(loan(back)).as("a return names no patron").isEqualTo(new Loan("DOC-1", null, null, null));

    // Out of order: the box was offline, its return of DOC-2 arrives after the loan that followed it, and after
    // a loan that preceded it.
    CheckoutEvent first = checkout("DOC-2", "A0001", "2026-04-01T10:00:00Z", "2026-04-29");
    CheckoutEvent second = checkout("DOC-2", "B0002", "2026-04-12T10:00:00Z", "2026-05-10");
    ReturnEvent lateReturn = returned("DOC-2", "2026-04-08T18:00:00Z");
    store(second);
    assertThat(loan(second).endedAt()).isNull();
    store(first);
    assertThat(loan(first).endedAt()).as("the loan that followed it ends it, until the return arrives")
        .isEqualTo(t("2026-04-12T10:00:00Z"));
    store(lateReturn);
    assertThat(loan(first).endedAt()).as("the return, earlier, ends it").isEqualTo(t("2026-04-08T18:00:00Z"));
    assertThat(loan(second).endedAt()).as("a return before a loan does not end it").isNull();

    // A return that arrives before its loan (both in one outbox drain, the return first).
    CheckoutEvent lentAfter = checkout("DOC-3", "A0001", "2026-05-02T10:00:00Z", "2026-05-30");
    ReturnEvent backBefore = returned("DOC-3", "2026-05-09T10:00:00Z");
    store(backBefore, lentAfter);
    assertThat(loan(lentAfter).endedAt()).isEqualTo(t("2026-05-09T10:00:00Z"));

    // Another document's return ends nothing; a duplicate delivery changes nothing.
    CheckoutEvent other = checkout("DOC-4", "A0001", "2026-05-02T10:00:00Z", "2026-05-30");
    store(other);
    store(returned("DOC-44", "2026-05-03T10:00:00Z"), backBefore);
    assertThat(loan(other).endedAt()).isNull();
    assertThat(loan(lentAfter).endedAt()).isEqualTo(t("2026-05-09T10:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void theMigrationFindsTheEndsOfTheLoansAHubOfBeforeStored(String kind) throws SQLException {
    String url = kind.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("hub.db").toAbsolutePath()
        : TestDatabases.PG_URL + "?currentSchema=" + TestDatabases.freshPostgresSchema();
    String user = kind.equals("sqlite") ? null : TestDatabases.PG_USER;
    Flyway.configure().dataSource(url, user, null).locations("classpath:db/migration").target("15").load().migrate();
    CheckoutEvent lent = checkout("DOC-1", "A0001", "2026-03-10T10:00:00Z", "2026-04-07");
    RenewEvent renewed = renew("DOC-1", "A0001", "2026-03-15T10:00:00Z", "2026-04-21");
    ReturnEvent back = returned("DOC-1", "2026-03-20T16:00:00Z");
    CheckoutEvent again = checkout("DOC-1", "B0002", "2026-03-25T10:00:00Z", "2026-04-22");
    CheckoutEvent deskReturned = checkout("DOC-2", "A0001", "2026-03-10T10:00:00Z", "2026-04-07");
    CheckoutEvent lentAgain = checkout("DOC-2", "B0002", "2026-04-05T10:00:00Z", "2026-05-03");
    CheckoutEvent running = checkout("DOC-3", "A0001", "2026-06-15T10:00:00Z", "2026-07-13");
    // Stored by a hub of V15, in an arrival order that is not the events' own.
    try (Connection c = DriverManager.getConnection(url, user, null)) {
      for (Event event : List.of(back, lentAgain, lent, running, again, deskReturned, renewed)) {
        v15Insert(c, event);
      }
    }

    db = Database.open(url, user, null);

    assertThat(loan(lent)).isEqualTo(new Loan("DOC-1", SECRET.of("A0001"), "2026-04-07", t("2026-03-20T16:00:00Z")));
    assertThat(loan(renewed).endedAt()).isEqualTo(t("2026-03-20T16:00:00Z"));
    assertThat(loan(back)).isEqualTo(new Loan("DOC-1", null, null, null));
    assertThat(loan(again)).isEqualTo(new Loan("DOC-1", SECRET.of("B0002"), "2026-04-22", null));
    assertThat(loan(deskReturned).endedAt()).isEqualTo(t("2026-04-05T10:00:00Z"));
    assertThat(loan(lentAgain).endedAt()).isNull();
    assertThat(loan(running).endedAt()).isNull();

    // and the purge goes by them: on 1 September (limit 1 May) the loans ended in March and April lose their
    // patron; those never seen ended count as ended when due: 22 April goes, 3 May and 13 July stay
    clock.advance(java.time.Duration.between(clock.instant(), t("2026-09-01T10:00:00Z")));
    AuditLog audit = new AuditLog(db, clock);
    RetentionPurge purge = new RetentionPurge(db, new PatronKeys(db, SECRET, clock, audit), audit, Retention.cnil(),
        clock, PARIS);
    assertThat(purge.purge().linksRemoved()).as("lent, renewed, again, deskReturned").isEqualTo(4);
    assertThat(loan(lentAgain).patronRef()).isEqualTo(SECRET.of("B0002"));
    assertThat(loan(running).patronRef()).isEqualTo(SECRET.of("A0001"));
    assertThat(loan(lent).patronRef()).isNull();
  }

  /** An event row as V15's EventStore wrote it: no loan columns. */
  private static void v15Insert(Connection c, Event event) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("""
        INSERT INTO events (event_id, site, device_id, channel, sequence, device_time, received_at, payload,
                            status, attempts, next_attempt_at, clock_offset_ms)
        VALUES (?, 'BR01', 'kiosk-1', ?, ?, ?, ?, ?, 'applied', 0, 0, NULL)""")) {
      st.setString(1, event.header().eventId().toString());
      st.setString(2, event.channel().wireName());
      st.setLong(3, event.header().sequence());
      st.setLong(4, event.header().deviceTime().toEpochMilli());
      st.setLong(5, event.header().deviceTime().toEpochMilli() + 1_000);
      st.setString(6, new String(EventCodec.encode(event), StandardCharsets.UTF_8));
      st.executeUpdate();
    }
  }
}
