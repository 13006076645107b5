package fr.navette.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.hub.alarms.AlarmStore;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.QuarantineStore;
import fr.navette.hub.kiosks.KioskSecurity;
import fr.navette.hub.kiosks.PinAttempts;
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
import fr.navette.sim.devices.SteppedClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A card's subject access on both stores: everything held through its pseudonyms (loans, renewals, the alarm linked
 * to its loan, its PIN lock, a quarantined message carrying it), and nothing of another patron's.
 */
class SubjectAccessTest {
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  private static final PatronPseudonym KEY = new PatronPseudonym("k1", new byte[32]);
  private static final PatronPseudonym OLD_KEY = new PatronPseudonym("k0",
      "an older network key".repeat(2).getBytes(StandardCharsets.US_ASCII));
  private static final String CARD = "2000000042";
  private static final String OTHER_CARD = "2000000043";

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

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void everythingHeldAboutACardAndNothingOfAnotherPatrons(String kind) {
    db = TestDatabases.open(kind, dir);
    SteppedClock clock = new SteppedClock(T0);
    EventStore events = new EventStore(db, clock);
    String me = KEY.of(CARD);
    String meBefore = OLD_KEY.of(CARD);
    String other = KEY.of(OTHER_CARD);
    Instant lentAt = T0.minus(Duration.ofHours(2));
    List<EventStore.NewEvent> stored = new ArrayList<>();
    stored.add(event("BR01", "kiosk-BR01-1", new CheckoutEvent(header("kiosk-BR01-1", lentAt), "3000000001", me,
        Optional.of(LocalDate.parse("2026-12-15")), false, lentAt)));
    stored.add(event("BR02", "kiosk-BR02-1", new RenewEvent(header("kiosk-BR02-1", T0), "3000000001", me,
        Optional.of(LocalDate.parse("2027-01-05")), T0)));
    // under the key the network used before: still found while the hub keeps that key
    stored.add(event("BR02", "kiosk-BR02-1", new CheckoutEvent(header("kiosk-BR02-1", T0.minus(Duration.ofDays(30))),
        "3000000009", meBefore, Optional.empty(), true, T0.minus(Duration.ofDays(30)))));
    stored.add(event("BR01", "kiosk-BR01-1", new CheckoutEvent(header("kiosk-BR01-1", lentAt), "3000000002", other,
        Optional.empty(), true, lentAt)));
    stored.add(event("BR01", "box-BR01-1", new ReturnEvent(header("box-BR01-1", T0), "3000000001", T0, false)));
    AlarmStore alarms = new AlarmStore(db);
    QuarantineStore quarantine = new QuarantineStore(db, clock);
    db.inTransaction(c -> {
      events.insertIfAbsent(c, stored);
      alarms.save(c, alarm("alarm-mine", "3000000001", new AlarmStore.LastCheckout(lentAt, "kiosk-BR01-1", "BR01")));
      alarms.save(c, alarm("alarm-other", "3000000002", new AlarmStore.LastCheckout(lentAt, "kiosk-BR01-1", "BR01")));
      alarms.save(c, alarm("alarm-none", "3000000001", null));
      // A faulty box put the card in clear in a return: kept byte for byte (return carries no patron data by design)
      quarantine.add(c, List.of(new QuarantineStore.SetAside("navette/v1/BR03/box-BR03-1/return",
          ("{\"type\":\"return\",\"patron\":\"" + CARD + "\"}").getBytes(StandardCharsets.UTF_8), "not a return"),
          new QuarantineStore.SetAside("navette/v1/BR03/box-BR03-1/return",
              ("{\"type\":\"return\",\"patron\":\"" + OTHER_CARD + "\"}").getBytes(StandardCharsets.UTF_8), "x")));
      return null;
    });
    PinAttempts pins = new PinAttempts(new KioskSecurity(2, 10, Duration.ofMinutes(10), Duration.ofHours(1), false),
        clock);
    pins.failed(me, "kiosk-BR02-1", "BR02");
    pins.failed(me, "kiosk-BR02-1", "BR02");
    pins.failed(other, "kiosk-BR02-1", "BR02");
    pins.failed(other, "kiosk-BR02-1", "BR02");

    SubjectAccess access = new SubjectAccess(db, pins,
        code -> Map.of("BR01", "Médiathèque centrale", "BR02", "Annexe du Port").getOrDefault(code, code));
    List<SubjectAccess.Held> held = access.find(Set.of(me, meBefore), Optional.of(CARD));

    assertThat(held).extracting(SubjectAccess.Held::kind)
        .containsExactlyInAnyOrder("loan", "loan", "renewal", "alarm", "pin-lock", "quarantine");
    SubjectAccess.Held loan = held.stream().filter(h -> h.kind().equals("loan") && h.site().equals("BR01"))
        .findFirst().orElseThrow();
    assertThat(loan.branch()).isEqualTo("Médiathèque centrale");
    assertThat(loan.deviceId()).isEqualTo("kiosk-BR01-1");
    assertThat(loan.at()).isEqualTo(lentAt);
    assertThat(((JsonNode) loan.detail().get("payload")).path("itemId").asText()).isEqualTo("3000000001");
    SubjectAccess.Held alarm = held.stream().filter(h -> h.kind().equals("alarm")).findFirst().orElseThrow();
    assertThat(alarm.id()).isEqualTo("alarm-mine");
    assertThat(alarm.detail()).containsEntry("linkedLoan", loan.id());
    SubjectAccess.Held lock = held.stream().filter(h -> h.kind().equals("pin-lock")).findFirst().orElseThrow();
    assertThat(lock.branch()).isEqualTo("Annexe du Port");
    assertThat(lock.id()).doesNotContain(me.substring(8)).startsWith("pp1.k1.");
    SubjectAccess.Held setAside = held.stream().filter(h -> h.kind().equals("quarantine")).findFirst().orElseThrow();
    assertThat(setAside.site()).isEqualTo("BR03");
    assertThat((String) setAside.detail().get("payloadText")).contains(CARD).doesNotContain(OTHER_CARD);
    assertThat(held).extracting(SubjectAccess.Held::at).isSorted();
    assertThat(held.toString()).doesNotContain(other).doesNotContain("3000000002").doesNotContain("alarm-none");

    assertThat(access.find(Set.of(KEY.of("2000009999")), Optional.of("2000009999"))).isEmpty();
  }

  private EventHeader header(String device, Instant at) {
    return new EventHeader(EventCodec.SCHEMA_VERSION, UUID.randomUUID(), device, ++sequence, at);
  }

  private static EventStore.NewEvent event(String site, String device, Event event) {
    return new EventStore.NewEvent(new Topic(site, device, event.channel().wireName()), event, EventCodec.encode(event),
        EventStore.APPLIED);
  }

  private static AlarmStore.Alarm alarm(String id, String item, AlarmStore.LastCheckout last) {
    return new AlarmStore.Alarm(id, "BR01", "gate-BR01-1", "E0040000000001", item, "out", T0, "Le jardin perdu",
        "R DUR", "BR01", "01", "probably-borrowed", T0, last);
  }
}
