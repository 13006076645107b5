package fr.navette.hub.kiosks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import fr.navette.agent.DeviceSession;
import fr.navette.agent.RequestClient;
import fr.navette.agent.SessionSettings;
import fr.navette.hub.HubFixture;
import fr.navette.hub.events.QuarantineStore;
import fr.navette.mqtt.Correlation;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.testkit.TestMqttClient;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.PatronPseudonym;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbRequest.Kind;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.SigbResponse.Outcome;
import fr.navette.sim.sigb.Hold;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SimulatedNetwork;
import fr.navette.sip2.client.Sip2ClientConfig;
import fr.navette.sip2.client.Sip2SessionPool;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.messages.BlockPatronRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The hub answering kiosks, as a kiosk asks: agent-runtime's RequestClient over the hub's real embedded broker,
 * SIP2 over TCP to the simulator, a real SQLite file — and every log line of the hub's side captured.
 */
class KioskRequestsTest {
  private static final String SITE = "BR01";
  private static final String KIOSK = "kiosk-BR01-1";
  private static final PatronPseudonym NETWORK = new PatronPseudonym("k2026", new byte[32]);
  /** A PIN nobody has: it can only be found in a log or a file if it leaked there. */
  private static final String SECRET_PIN = "Zq81-pin-never-logged";

  @TempDir Path dir;
  private SigbSimulator sigb;
  private SimulatedNetwork network;
  private HubFixture fixture;
  private DeviceSession kiosk;
  private RequestClient requests;
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger root;

  @BeforeEach
  void start() throws Exception {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ((Logger) LoggerFactory.getLogger("fr.navette")).setLevel(Level.DEBUG);
    captured.start();
    root.addAppender(captured);
    sigb = HubFixture.smallSigb();
    network = sigb.network();
    fixture = new HubFixture(dir, sigb.port(), c -> c.withPatronKey(NETWORK), Clock.systemUTC());
    kiosk = new DeviceSession(SessionSettings.of(fixture.hub.mqttUri(), SITE, KIOSK), Clock.systemUTC());
    requests = new RequestClient(kiosk, Clock.systemUTC());
    kiosk.connect();
    await().atMost(Duration.ofSeconds(30)).until(() -> kiosk.isConnected() && fixture.hub.kioskRequestsReady());
  }

  @AfterEach
  void stop() throws Exception {
    if (kiosk != null) {
      kiosk.close();
    }
    if (fixture != null) {
      fixture.close();
    }
    if (sigb != null) {
      sigb.close();
    }
    root.detachAppender(captured);
  }

  @Test
  void patronStatusGreetsByFirstNameOnlyAndRefusesWrongPinUnknownCardAndExpiredCard() throws Exception {
    Patron p = goodPatron();
    SigbResponse ok = ask(Kind.PATRON_STATUS, p.id(), p.pin(), null);
    assertThat(ok.outcome()).isEqualTo(Outcome.OK);
    assertThat(ok.patronRef()).hasValue(NETWORK.of(p.id()));
    String first = p.name().substring(p.name().indexOf(", ") + 2).split(" ")[0];
    String surname = p.name().substring(0, p.name().indexOf(','));
    assertThat(ok.greetingName()).hasValue(first);
    assertThat(ok.messageFr()).hasValue("Bonjour " + first + " !");
    assertThat(ok.messageEn()).hasValue("Hello " + first + "!");
    assertThat(MessageCodec.encode(ok)).asString(StandardCharsets.UTF_8).doesNotContain(surname).doesNotContain(p.id());

    // A wrong PIN and an unknown card: one answer, which says neither (KioskGuardTest: byte for byte).
    SigbResponse wrongPin = ask(Kind.PATRON_STATUS, p.id(), SECRET_PIN, null);
    assertThat(wrongPin.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(wrongPin.blocks()).containsExactly("not-recognised");
    assertThat(wrongPin.greetingName()).isEmpty();
    assertThat(wrongPin.patronRef()).isEmpty();
    assertThat(wrongPin.messageFr().orElseThrow()).startsWith("Carte ou code inconnu.");

    SigbResponse unknown = ask(Kind.PATRON_STATUS, "2999999999", "0000", null);
    assertThat(unknown.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(unknown.blocks()).containsExactly("not-recognised");
    assertThat(unknown.patronRef()).isEmpty();

    Patron expired = network.patrons().stream().filter(Patron::cardExpired).findFirst().orElseThrow();
    SigbResponse barred = ask(Kind.PATRON_STATUS, expired.id(), expired.pin(), null);
    assertThat(barred.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(barred.blocks()).contains("charge-denied", "renewal-denied");
    // No flag says "expired": the SIGB's own screen message is the reason given, in the one language the SIGB
    // speaks (French), on both sides; each side keeps its own words around it.
    assertThat(barred.messageFr().orElseThrow()).contains("Carte expirée").doesNotContain("A librarian");
    assertThat(barred.messageEn().orElseThrow()).contains("Carte expirée").doesNotContain("Un bibliothécaire");
    assertThat(barred.messageFr().orElseThrow()).endsWith("Un bibliothécaire peut vous aider.");
    assertThat(barred.messageEn().orElseThrow()).endsWith("A librarian can help you.");
    // Known card, right PIN, not lost: refused for borrowing, but the account may be seen.
    assertThat(barred.viewOnly()).isTrue();
    assertThat(barred.patronRef()).hasValue(NETWORK.of(expired.id()));
    assertThat(barred.greetingName()).isPresent();
    assertThat(wrongPin.viewOnly()).isFalse();
    assertThat(unknown.viewOnly()).isFalse();
    assertThat(ok.viewOnly()).isFalse();
    assertThat(ask(Kind.PATRON_STATUS, expired.id(), SECRET_PIN, null).viewOnly()).as("wrong PIN").isFalse();
  }

  @Test
  void aPatronBarredFromBorrowingSeesTheAccountButALostCardSeesNothing() throws Exception {
    Patron barred = network.patrons().stream()
        .filter(p -> p.isBlocked() && !network.loansOf(p.id()).isEmpty()).findFirst().orElseThrow();
    SigbResponse status = ask(Kind.PATRON_STATUS, barred.id(), barred.pin(), null);
    assertThat(status.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(status.viewOnly()).isTrue();
    assertThat(status.blocks()).contains("charge-denied");

    SigbResponse account = ask(Kind.PATRON_ACCOUNT, barred.id(), barred.pin(), null);
    assertThat(account.outcome()).isEqualTo(Outcome.OK);
    assertThat(account.loans()).extracting(SigbResponse.Loan::itemId)
        .containsExactlyInAnyOrderElementsOf(network.loansOf(barred.id()).stream().map(l -> l.itemId()).toList());

    // The same patron's card reported lost (SIP2 25 Block Patron, as a desk would send it): nothing opens.
    Patron owner = network.patrons().stream()
        .filter(p -> p.isBlocked() && !p.id().equals(barred.id())).findFirst().orElseThrow();
    reportLost(owner.id());
    SigbResponse lost = ask(Kind.PATRON_STATUS, owner.id(), owner.pin(), null);
    assertThat(lost.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(lost.viewOnly()).isFalse();
    assertThat(lost.blocks()).contains("card-lost");
    assertThat(lost.greetingName()).isEmpty();
    assertThat(lost.messageFr().orElseThrow()).contains("déclarée perdue")
        .endsWith("Un bibliothécaire peut vous aider.");
    SigbResponse lostAccount = ask(Kind.PATRON_ACCOUNT, owner.id(), owner.pin(), null);
    assertThat(lostAccount.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(lostAccount.blocks()).containsExactly("card-lost");
    assertThat(lostAccount.loans()).isEmpty();
  }

  /** Blocks a card at the simulator the way a staff client does: SIP2 25 over TCP. */
  private void reportLost(String patronId) {
    try (Sip2SessionPool desk = new Sip2SessionPool(Sip2ClientConfig.builder().host("127.0.0.1").port(sigb.port())
        .user(sigb.config().user()).password(sigb.config().password()).location(SITE)
        .institution(sigb.config().institutionId()).requestTimeout(Duration.ofSeconds(5)).maxSessions(1).build())) {
      desk.send(new BlockPatronRequest(false, Sip2Timestamp.utc(Instant.now()), sigb.config().institutionId(),
          "Carte perdue", patronId, Optional.empty(), List.of()).toMessage(), Sip2SessionPool.Retry.NEVER);
    }
    assertThat(network.isCardBlocked(patronId)).isTrue();
  }

  @Test
  void checkoutRenewUndoAndCheckinGoThroughTheSigb() throws Exception {
    Patron p = goodPatron();
    Item item = availableItem(0);
    SigbResponse loan = ask(Kind.CHECKOUT, p.id(), p.pin(), item.id());
    assertThat(loan.outcome()).isEqualTo(Outcome.OK);
    assertThat(loan.title()).hasValue(item.title());
    LocalDate due = LocalDate.ofInstant(network.loanOf(item.id()).orElseThrow().dueAt(), sigb.config().zone());
    assertThat(loan.dueDate()).hasValue(due);
    assertThat(loan.messageFr().orElseThrow()).startsWith("C'est emprunté !").contains("À rendre le");
    assertThat(network.loanOf(item.id())).hasValueSatisfying(l -> assertThat(l.patronId()).isEqualTo(p.id()));

    SigbResponse renewed = ask(Kind.RENEW, p.id(), p.pin(), item.id());
    assertThat(renewed.outcome()).isEqualTo(Outcome.OK);
    assertThat(network.renewalsOf(item.id())).isEqualTo(1);

    Patron other = network.patrons().stream().filter(x -> !x.isBlocked() && !x.id().equals(p.id())
        && !network.isCardBlocked(x.id())).findFirst().orElseThrow();
    SigbResponse taken = ask(Kind.CHECKOUT, other.id(), other.pin(), item.id());
    assertThat(taken.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(taken.messageFr().orElseThrow()).startsWith("Ce document ne peut pas être emprunté.")
        .contains("Document déjà emprunté");
    assertThat(taken.messageEn().orElseThrow()).contains("Document déjà emprunté");

    SigbResponse notHers = ask(Kind.RENEW, other.id(), other.pin(), item.id());
    assertThat(notHers.outcome()).isEqualTo(Outcome.REFUSED);

    // The kiosk could not disarm the tag: the loan goes as if never made (the simulator honours BI Y).
    SigbResponse undone = ask(Kind.UNDO_CHECKOUT, p.id(), p.pin(), item.id());
    assertThat(undone.outcome()).isEqualTo(Outcome.OK);
    assertThat(undone.title()).hasValue(item.title());
    assertThat(network.loanOf(item.id())).isEmpty();
    assertThat(network.transitOf(item.id())).isEmpty();

    Item second = availableItem(1);
    assertThat(ask(Kind.CHECKOUT, p.id(), p.pin(), second.id()).outcome()).isEqualTo(Outcome.OK);
    SigbResponse back = ask(Kind.CHECKIN, null, null, second.id());
    assertThat(back.outcome()).isEqualTo(Outcome.OK);
    assertThat(back.sortBin()).isPresent();
    assertThat(back.destination().isPresent()).isEqualTo(!second.homeBranch().equals(SITE));
    assertThat(network.loanOf(second.id())).isEmpty();

    SigbResponse unknownItem = ask(Kind.CHECKIN, null, null, "9999999999");
    assertThat(unknownItem.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(unknownItem.messageFr().orElseThrow()).contains("Document inconnu");
  }

  @Test
  void theAccountListsLoansWithTitlesAndDueDatesHoldsReadyAndWhereAndFees() throws Exception {
    // A hold waiting here: the kiosk at its pickup branch takes the document back, and it goes on the shelf.
    Hold hold = network.holds().stream().filter(h -> h.pickupBranch().equals(SITE)).findFirst().orElseThrow();
    assertThat(ask(Kind.CHECKIN, null, null, hold.itemId()).outcome()).isEqualTo(Outcome.OK);
    assertThat(network.holdFor(hold.itemId())).hasValueSatisfying(
        h -> assertThat(h.status()).isEqualTo(Hold.Status.WAITING));
    Patron p = network.patron(hold.patronId()).orElseThrow();

    SigbResponse account = ask(Kind.PATRON_ACCOUNT, p.id(), p.pin(), null);
    assertThat(account.outcome()).isEqualTo(Outcome.OK);
    assertThat(account.patronRef()).hasValue(NETWORK.of(p.id()));
    assertThat(account.holdsReady()).singleElement().satisfies(h -> {
      assertThat(h.itemId()).isEqualTo(hold.itemId());
      assertThat(h.title()).hasValue(network.item(hold.itemId()).orElseThrow().title());
      assertThat(h.pickupBranch()).hasValue(SITE);
    });
    List<fr.navette.sim.sigb.Loan> loans = network.loansOf(p.id());
    assertThat(account.loans()).hasSameSizeAs(loans);
    for (fr.navette.sim.sigb.Loan l : loans) {
      assertThat(account.loans()).filteredOn(x -> x.itemId().equals(l.itemId())).singleElement().satisfies(x -> {
        assertThat(x.title()).hasValue(network.item(l.itemId()).orElseThrow().title());
        LocalDate due = LocalDate.ofInstant(l.dueAt(), sigb.config().zone());
        assertThat(x.dueDate()).hasValue(due);
        assertThat(x.overdue()).isEqualTo(due.isBefore(LocalDate.now(ZoneId.systemDefault())));
      });
    }
    int cents = network.balanceCents(p.id());
    assertThat(account.feesDue()).isEqualTo(cents > 0
        ? Optional.of(String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, cents % 100)) : Optional.empty());
    assertThat(account.messageFr().orElseThrow()).contains(loans.size() + " document").contains("vous attend");

    SigbResponse wrongPin = ask(Kind.PATRON_ACCOUNT, p.id(), SECRET_PIN, null);
    assertThat(wrongPin.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(wrongPin.blocks()).containsExactly("not-recognised");
    assertThat(wrongPin.loans()).isEmpty();
  }

  @Test
  void lateMalformedAndMisdirectedRequestsAreAnsweredOrSetAsideWithoutTheirBytes() throws Exception {
    String device = "kiosk-BR01-2";
    String requestTopic = "navette/v1/" + SITE + "/" + device + "/request";
    String responseTopic = "navette/v1/" + SITE + "/" + device + "/response";
    List<SigbResponse> answers = new CopyOnWriteArrayList<>();
    TestMqttClient raw = fixture.mqtt();
    try (TestMqttClient listener = TestMqttClient.connect(fixture.hub.mqttUri(), "test-responses")) {
      listener.onMessage(m -> answers.add(MessageCodec.decodeResponse(m.payload())));
      listener.subscribe(responseTopic);
      misbehave(raw, requestTopic, responseTopic, device, answers);
    }
  }

  private void misbehave(TestMqttClient raw, String requestTopic, String responseTopic, String device,
      List<SigbResponse> answers) throws Exception {
    Patron p = goodPatron();

    // Past its deadline on arrival: answered expired, not left to time out.
    Instant then = Instant.now().minusSeconds(30);
    SigbRequest late = new SigbRequest(UUID.randomUUID(), device, Kind.PATRON_STATUS, Optional.of(p.id()),
        Optional.of(p.pin()), Optional.empty(), then, then.plusSeconds(5));
    send(raw, requestTopic, MessageCodec.encode(late), responseTopic, late.requestId());
    await().atMost(Duration.ofSeconds(20)).until(() -> answers.stream().anyMatch(a -> a.requestId().equals(late.requestId())));
    assertThat(answer(answers, late.requestId()).outcome()).isEqualTo(Outcome.EXPIRED);

    // Readable id and kind, but no patron for a checkout: invalid-request, and set aside without its bytes.
    UUID incomplete = UUID.randomUUID();
    String missingPatron = """
        {"schemaVersion":"1.1","type":"request","requestId":"%s","deviceId":"%s","kind":"checkout",
         "pin":"%s","itemId":"3000000001","sentAt":"%s","deadline":"%s"}""".formatted(incomplete, device, SECRET_PIN,
        Instant.now(), Instant.now().plusSeconds(20));
    send(raw, requestTopic, missingPatron.getBytes(StandardCharsets.UTF_8), responseTopic, incomplete);
    await().atMost(Duration.ofSeconds(20)).until(() -> answers.stream().anyMatch(a -> a.requestId().equals(incomplete)));
    SigbResponse invalid = answer(answers, incomplete);
    assertThat(invalid.outcome()).isEqualTo(Outcome.INVALID_REQUEST);
    assertThat(invalid.kind()).isEqualTo(Kind.CHECKOUT);
    assertThat(invalid.messageEn().orElseThrow()).contains("patronId");

    // Not JSON at all, a PIN and a barcode inside: nothing to answer; set aside, bytes not kept.
    String garbage = "{\"pin\":" + SECRET_PIN + ",\"patronId\":\"" + p.id() + "\"";
    send(raw, requestTopic, garbage.getBytes(StandardCharsets.UTF_8), responseTopic, UUID.randomUUID());
    // A response topic that is another device's: set aside, never written to.
    SigbRequest misdirected = new SigbRequest(UUID.randomUUID(), device, Kind.CHECKIN, Optional.empty(),
        Optional.empty(), Optional.of("3000000001"), Instant.now(), Instant.now().plusSeconds(20));
    send(raw, requestTopic, MessageCodec.encode(misdirected), "navette/v1/BR02/kiosk-BR02-1/response",
        misdirected.requestId());

    await().atMost(Duration.ofSeconds(20)).until(() -> fixture.hub.quarantine().recent(10).size() == 3);
    List<QuarantineStore.QuarantinedMessage> setAside = fixture.hub.quarantine().recent(10);
    assertThat(setAside).allSatisfy(q -> {
      assertThat(q.topic()).isEqualTo(requestTopic);
      assertThat(q.payloadBase64()).isEmpty();
      assertThat(q.reason()).endsWith(KioskRequests.NOT_KEPT).doesNotContain(SECRET_PIN).doesNotContain(p.id());
    });
    assertThat(setAside).extracting(QuarantineStore.QuarantinedMessage::reason)
        .anySatisfy(r -> assertThat(r).startsWith("request: patronId"))
        .anySatisfy(r -> assertThat(r).startsWith("request: $: not a JSON object"))
        .anySatisfy(r -> assertThat(r).contains("is not the device's own " + responseTopic));
    assertThat(answers).extracting(SigbResponse::requestId).doesNotContain(misdirected.requestId());
  }

  @Test
  void pinsAndClearBarcodesAppearInNoLogLineAndNowhereInTheDatabaseFiles() throws Exception {
    Patron p = goodPatron();
    Item item = availableItem(2);
    ask(Kind.PATRON_STATUS, p.id(), p.pin(), null);
    ask(Kind.PATRON_STATUS, p.id(), SECRET_PIN, null);
    ask(Kind.PATRON_ACCOUNT, p.id(), p.pin(), null);
    ask(Kind.CHECKOUT, p.id(), p.pin(), item.id());
    ask(Kind.RENEW, p.id(), SECRET_PIN, item.id());
    ask(Kind.UNDO_CHECKOUT, p.id(), p.pin(), item.id());
    String device = "kiosk-BR01-3";
    String garbage = "{\"pin\":\"" + SECRET_PIN + "\",\"patronId\":\"" + p.id() + "\",\"kind\":\"nonsense\"}";
    send(fixture.mqtt(), "navette/v1/" + SITE + "/" + device + "/request", garbage.getBytes(StandardCharsets.UTF_8),
        "navette/v1/" + SITE + "/" + device + "/response", UUID.randomUUID());
    await().atMost(Duration.ofSeconds(20)).until(() -> fixture.hub.quarantine().recent(10).size() == 1);

    List<ILoggingEvent> events;
    synchronized (captured) { // appended from the hub's, Paho's and the SIP2 pool's threads
      events = new ArrayList<>(captured.list);
    }
    assertThat(events).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(PatronPseudonym.mask(p.id())));
    for (ILoggingEvent e : events) {
      if (e.getLoggerName().startsWith("fr.navette.sim")) {
        continue; // the simulated SIGB stands for the library's own system, not ours
      }
      String line = e.getFormattedMessage()
          + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
      assertThat(line).as(e.getLoggerName()).doesNotContain(SECRET_PIN).doesNotContain("AD" + p.pin())
          .doesNotContain(p.id()).doesNotContain(p.name());
    }

    kiosk.close();
    kiosk = null;
    fixture.close(); // SQLite writes back its WAL at close: the file then holds all there is
    fixture = null;
    List<Path> files;
    try (Stream<Path> all = Files.walk(dir.resolve("hub"))) {
      files = all.filter(f -> f.getFileName().toString().startsWith("hub.db")).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      assertThat(contains(bytes, SECRET_PIN)).as(file + " holds the PIN").isFalse();
      assertThat(contains(bytes, p.id())).as(file + " holds the barcode").isFalse();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  private SigbResponse ask(Kind kind, String patron, String pin, String item) throws Exception {
    Instant now = Instant.now();
    return requests.ask(new SigbRequest(UUID.randomUUID(), KIOSK, kind, Optional.ofNullable(patron),
        Optional.ofNullable(pin), Optional.ofNullable(item), now, now.plusSeconds(20)));
  }

  private Patron goodPatron() {
    return network.patrons().stream().filter(x -> !x.isBlocked() && !network.isCardBlocked(x.id())
        && x.name().contains(", ") && network.balanceCents(x.id()) <= Patron.FEE_LIMIT_CENTS)
        .findFirst().orElseThrow();
  }

  private Item availableItem(int skip) {
    return network.items().stream().filter(i -> network.loanOf(i.id()).isEmpty() && network.holdFor(i.id()).isEmpty()
        && network.transitOf(i.id()).isEmpty()).skip(skip).findFirst().orElseThrow();
  }

  private static void send(TestMqttClient client, String topic, byte[] payload, String responseTopic,
                           UUID correlation) {
    client.publish(OutboundMessage.request(topic, payload, responseTopic, Correlation.of(correlation)));
  }

  private static SigbResponse answer(List<SigbResponse> answers, UUID id) {
    return answers.stream().filter(a -> a.requestId().equals(id)).findFirst().orElseThrow();
  }

  private static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return Arrays.equals(n, new byte[0]);
  }
}
