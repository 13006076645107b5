package fr.navette.hub.kiosks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.navette.agent.DeviceSession;
import fr.navette.agent.RequestClient;
import fr.navette.agent.SessionSettings;
import fr.navette.hub.HubConfig;
import fr.navette.hub.HubFixture;
import fr.navette.hub.events.QuarantineStore;
import fr.navette.hub.web.StaffAccess;
import fr.navette.mqtt.Correlation;
import fr.navette.mqtt.InboundMessage;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.testkit.TestMqttClient;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.PatronPseudonym;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbRequest.Kind;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.SigbResponse.Outcome;
import fr.navette.sim.devices.SteppedClock;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.sim.sigb.SimulatedNetwork;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an intruder's made-up kiosk tried, against a real hub (embedded broker, SQLite, SIP2 over TCP to the
 * simulator): reading an account without a PIN, guessing a PIN as fast as the hub answers, telling an unknown card
 * from a wrong PIN, having the answer sent elsewhere, claiming another branch. The hub's clock is stepped, so that
 * "within ten minutes" is what the test says; the SIGB calls naming a patron are counted at the hub's gateway.
 */
class KioskGuardTest {
  private static final String SITE = "BR01";
  private static final String KIOSK = "kiosk-BR01-1";
  private static final String OTHER_KIOSK = "kiosk-BR01-2";
  private static final PatronPseudonym NETWORK = new PatronPseudonym("k2026", new byte[32]);
  private static final String STAFF = "staff-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SEE_A_LIBRARIAN = "Trop d'essais : adressez-vous à un bibliothécaire.";

  @TempDir Path dir;
  private final SteppedClock clock = new SteppedClock(Instant.now());
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> open = new ArrayList<>();
  private SigbSimulator sigb;
  private SimulatedNetwork network;
  private HubFixture fixture;
  private CountingSigb counted;
  private RequestClient kiosk;
  private RequestClient otherKiosk;

  private void start(UnaryOperator<HubConfig> configure) throws Exception {
    start(configure, SigbSimulatorConfig.builder().size(HubFixture.SMALL).build());
  }

  private void start(UnaryOperator<HubConfig> configure, SigbSimulatorConfig sigbConfig) throws Exception {
    sigb = SigbSimulator.start(sigbConfig);
    open.add(sigb);
    network = sigb.network();
    fixture = new HubFixture(dir, sigb.port(), c -> configure.apply(c.withPatronKey(NETWORK)
        .withStaffAccess(StaffAccess.parse("staff:" + STAFF))), clock, g -> counted = new CountingSigb(g));
    open.add(fixture);
    kiosk = kiosk(KIOSK);
    otherKiosk = kiosk(OTHER_KIOSK);
  }

  private RequestClient kiosk(String id) {
    DeviceSession session = new DeviceSession(SessionSettings.of(fixture.hub.mqttUri(), SITE, id), Clock.systemUTC());
    open.add(session);
    RequestClient client = new RequestClient(session, Clock.systemUTC());
    session.connect();
    await().atMost(Duration.ofSeconds(30)).until(() -> session.isConnected() && fixture.hub.kioskRequestsReady());
    return client;
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void anAccountIsReadNeitherChangedWithoutAPinAndTheSigbIsNotAsked() throws Exception {
    start(c -> c);
    Patron p = patronWithLoans();
    Item item = availableItem();
    int before = counted.patronCalls.get();

    SigbResponse account = ask(kiosk, Kind.PATRON_ACCOUNT, p.id(), null, null);
    assertThat(account.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(account.blocks()).containsExactly("pin-required");
    assertThat(account.loans()).isEmpty();
    assertThat(account.patronRef()).isEmpty();
    // An empty PIN does not even decode as a request (invalid-request); either way, nothing of the account.
    SigbResponse emptyPin = ask(kiosk, Kind.PATRON_ACCOUNT, p.id(), "", null);
    assertThat(emptyPin.outcome()).isIn(Outcome.REFUSED, Outcome.INVALID_REQUEST);
    assertThat(emptyPin.loans()).isEmpty();
    assertThat(emptyPin.patronRef()).isEmpty();
    assertThat(ask(kiosk, Kind.PATRON_STATUS, p.id(), null, null).blocks()).containsExactly("pin-required");
    assertThat(ask(kiosk, Kind.CHECKOUT, p.id(), null, item.id()).blocks()).containsExactly("pin-required");
    assertThat(ask(kiosk, Kind.RENEW, p.id(), null, network.loansOf(p.id()).get(0).itemId()).blocks())
        .containsExactly("pin-required");
    assertThat(network.loanOf(item.id())).isEmpty();
    assertThat(counted.patronCalls.get()).as("SIGB calls naming a patron").isEqualTo(before);

    // With the PIN, the same account opens.
    SigbResponse withPin = ask(kiosk, Kind.PATRON_ACCOUNT, p.id(), p.pin(), null);
    assertThat(withPin.outcome()).isEqualTo(Outcome.OK);
    assertThat(withPin.loans()).hasSameSizeAs(network.loansOf(p.id()));
  }

  @Test
  void theSixthWrongPinWithinTenMinutesIsRefusedWithoutTheSigbUntilALibrarianLiftsTheLock() throws Exception {
    start(c -> c);
    Patron p = goodPatron();
    String wrong = p.pin().equals("0000") ? "1111" : "0000";

    // Four wrong tries, then ten minutes pass: they no longer count.
    for (int i = 0; i < 4; i++) {
      assertThat(ask(kiosk, Kind.PATRON_STATUS, p.id(), wrong, null).blocks()).containsExactly("not-recognised");
      clock.advance(Duration.ofMinutes(1));
    }
    clock.advance(Duration.ofMinutes(10));
    for (int i = 1; i <= 4; i++) {
      SigbResponse refused = ask(kiosk, Kind.PATRON_STATUS, p.id(), wrong, null);
      assertThat(refused.blocks()).as("try %d", i).containsExactly("not-recognised");
      clock.advance(Duration.ofMinutes(2));
    }
    // The fifth within ten minutes (8 minutes since the first of these) locks the card, and says so.
    SigbResponse fifth = ask(kiosk, Kind.PATRON_STATUS, p.id(), wrong, null);
    assertThat(fifth.blocks()).containsExactly("too-many-attempts");
    assertThat(fifth.messageFr()).hasValue(SEE_A_LIBRARIAN);

    int before = counted.patronCalls.get();
    SigbResponse sixth = ask(kiosk, Kind.PATRON_STATUS, p.id(), wrong, null);
    assertThat(sixth.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(sixth.blocks()).containsExactly("too-many-attempts");
    assertThat(sixth.messageFr()).hasValue(SEE_A_LIBRARIAN);
    assertThat(sixth.messageEn()).hasValue("Too many tries: please ask a librarian.");
    // Not even the right PIN, nor at another kiosk, nor for the account: the SIGB is not asked.
    assertThat(ask(kiosk, Kind.PATRON_STATUS, p.id(), p.pin(), null).blocks()).containsExactly("too-many-attempts");
    assertThat(ask(otherKiosk, Kind.PATRON_ACCOUNT, p.id(), p.pin(), null).blocks())
        .containsExactly("too-many-attempts");
    assertThat(counted.patronCalls.get()).as("SIGB calls naming a patron").isEqualTo(before);

    // The desk sees the lock, masked, and lifts it (a staff token; the card number in the body).
    JsonNode locks = get("/api/kiosk-locks").path("locks");
    assertThat(locks).hasSize(1);
    assertThat(locks.get(0).path("scope").asText()).isEqualTo("card");
    assertThat(locks.get(0).path("who").asText()).startsWith("pp1.k2026.").doesNotContain(NETWORK.of(p.id()))
        .doesNotContain(p.id());
    assertThat(locks.get(0).path("site").asText()).isEqualTo(SITE);
    assertThat(Instant.parse(locks.get(0).path("until").asText())).isAfter(clock.instant());
    assertThat(post("/api/kiosk-locks/lift", null, "{\"card\":\"" + p.id() + "\"}").statusCode()).isEqualTo(401);
    HttpResponse<String> lifted = post("/api/kiosk-locks/lift", STAFF, "{\"card\":\"" + p.id() + "\"}");
    assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
    assertThat(lifted.body()).doesNotContain(p.id());
    assertThat(get("/api/kiosk-locks").path("locks")).isEmpty();
    assertThat(post("/api/kiosk-locks/lift", STAFF, "{\"card\":\"" + p.id() + "\"}").statusCode()).isEqualTo(404);
    assertThat(post("/api/kiosk-locks/lift", STAFF, "{}").statusCode()).isEqualTo(400);

    SigbResponse open = ask(kiosk, Kind.PATRON_STATUS, p.id(), p.pin(), null);
    assertThat(open.outcome()).isEqualTo(Outcome.OK);
    assertThat(open.patronRef()).hasValue(NETWORK.of(p.id()));
  }

  @Test
  void aBurstOfWrongPinsSentAtOnceGetsNoMoreTriesThanTheLimit() throws Exception {
    // A SIGB taking 300 ms a question: the burst's requests are answered side by side, as on a busy network.
    start(c -> c, SigbSimulatorConfig.builder().size(HubFixture.SMALL).responseDelay(Duration.ofMillis(300))
        .build());
    Patron p = goodPatron();
    String wrong = p.pin().equals("0000") ? "1111" : "0000";
    String device = "kiosk-BR01-9";
    String own = "navette/v1/" + SITE + "/" + device + "/response";
    List<SigbResponse> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (TestMqttClient listener = TestMqttClient.connect(fixture.hub.mqttUri(), "test-burst")) {
      listener.onMessage(m -> answers.add(MessageCodec.decodeResponse(m.payload())));
      listener.subscribe(own);
      int before = counted.patronCalls.get();
      // As the intruder did: as fast as MQTT carries them, the hub's four SIGB workers answering side by side.
      for (int i = 0; i < 20; i++) {
        SigbRequest r = request(device, Kind.PATRON_STATUS, p.id(), wrong, null);
        send("navette/v1/" + SITE + "/" + device + "/request", MessageCodec.encode(r), own, r.requestId());
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> answers.size() == 20);
      assertThat(counted.patronCalls.get() - before).as("PINs the SIGB was asked to check").isEqualTo(5);
      assertThat(answers).filteredOn(a -> a.blocks().contains("not-recognised")).hasSizeLessThanOrEqualTo(4);
      assertThat(answers).allSatisfy(a -> assertThat(a.blocks()).containsAnyOf("not-recognised",
          "too-many-attempts"));
      assertThat(get("/api/kiosk-locks").path("locks")).singleElement()
          .satisfies(l -> assertThat(l.path("scope").asText()).isEqualTo("card"));
    }
  }

  @Test
  void aKioskTryingOneWrongPinOnManyCardsIsLockedAndOnlyThatKiosk() throws Exception {
    start(c -> c.withKioskSecurity(new KioskSecurity(5, 3, Duration.ofMinutes(10), Duration.ofHours(1), false)));
    List<Patron> cards = network.patrons().stream().filter(x -> !x.pin().equals("9999")).limit(3).toList();
    for (int i = 0; i < cards.size(); i++) {
      SigbResponse refused = ask(kiosk, Kind.PATRON_ACCOUNT, cards.get(i).id(), "9999", null);
      assertThat(refused.blocks()).as("card %d", i + 1)
          .containsExactly(i < 2 ? "not-recognised" : "too-many-attempts");
      clock.advance(Duration.ofMinutes(1));
    }
    Patron p = goodPatron();
    int before = counted.patronCalls.get();
    SigbResponse locked = ask(kiosk, Kind.PATRON_STATUS, p.id(), p.pin(), null);
    assertThat(locked.blocks()).containsExactly("too-many-attempts");
    assertThat(locked.messageFr()).hasValue(SEE_A_LIBRARIAN);
    assertThat(counted.patronCalls.get()).isEqualTo(before);
    // The card itself is fine: at the kiosk next to it, it opens.
    assertThat(ask(otherKiosk, Kind.PATRON_STATUS, p.id(), p.pin(), null).outcome()).isEqualTo(Outcome.OK);

    JsonNode locks = get("/api/kiosk-locks").path("locks");
    assertThat(locks).singleElement().satisfies(l -> {
      assertThat(l.path("scope").asText()).isEqualTo("kiosk");
      assertThat(l.path("who").asText()).isEqualTo(KIOSK);
    });
    assertThat(post("/api/kiosk-locks/lift", STAFF, "{\"kiosk\":\"" + KIOSK + "\"}").statusCode()).isEqualTo(200);
    assertThat(ask(kiosk, Kind.PATRON_STATUS, p.id(), p.pin(), null).outcome()).isEqualTo(Outcome.OK);
  }

  @Test
  void anUnknownCardAndAWrongPinGetTheVerySameAnswerUnlessTheNetworkAsksOtherwise() throws Exception {
    start(c -> c);
    Patron p = goodPatron();
    String wrong = p.pin().equals("0000") ? "1111" : "0000";
    for (Kind kind : List.of(Kind.PATRON_STATUS, Kind.PATRON_ACCOUNT)) {
      SigbResponse wrongPin = ask(kiosk, kind, p.id(), wrong, null);
      SigbResponse unknown = ask(kiosk, kind, "2999999999", wrong, null);
      assertThat(wrongPin.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(wrongPin.blocks()).containsExactly("not-recognised");
      assertThat(wrongPin.patronRef()).as("the pseudonym would say the card exists").isEmpty();
      assertThat(wrongPin.messageFr().orElseThrow()).startsWith("Carte ou code inconnu");
      assertThat(sameBytes(wrongPin, unknown)).as(kind + ": the two answers, request id aside").isTrue();
    }
  }

  @Test
  void aNetworkThatWantsItTellsAnUnknownCardFromAWrongPin() throws Exception {
    start(c -> c.withKioskSecurity(KioskSecurity.defaults().withRevealUnknownCard(true)));
    Patron p = goodPatron();
    String wrong = p.pin().equals("0000") ? "1111" : "0000";
    SigbResponse wrongPin = ask(kiosk, Kind.PATRON_STATUS, p.id(), wrong, null);
    assertThat(wrongPin.blocks()).containsExactly("wrong-pin");
    assertThat(wrongPin.patronRef()).hasValue(NETWORK.of(p.id()));
    assertThat(ask(kiosk, Kind.PATRON_STATUS, "2999999999", wrong, null).blocks()).containsExactly("unknown-patron");
  }

  @Test
  void theAnswerGoesOnlyToTheSendersOwnResponseTopicAndAClaimedBranchIsRefused() throws Exception {
    start(c -> c);
    String device = "kiosk-BR01-7";
    String requestTopic = "navette/v1/" + SITE + "/" + device + "/request";
    String own = "navette/v1/" + SITE + "/" + device + "/response";
    Patron p = goodPatron();
    List<InboundMessage> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (TestMqttClient listener = TestMqttClient.connect(fixture.hub.mqttUri(), "test-listener")) {
      listener.onMessage(m -> {
        // What the hub writes: anything but the requests, on the topics of the kiosks in play or any response topic
        // (the test's kiosks publish their own status elsewhere).
        boolean ours = m.topic().contains(device) || m.topic().contains("kiosk-BR01-8")
            || m.topic().endsWith("/response");
        if (ours && !m.topic().endsWith("/request")) {
          heard.add(m);
        }
      });
      listener.subscribe("navette/v1/#");
      List<String> foreign = List.of("navette/v1/BR01/kiosk-BR01-8/response", "navette/v1/BR02/" + device
          + "/response", "navette/v1/BR01/" + device + "/config", own + "/x", "navette/v1/BR01/" + device);
      List<UUID> foreignIds = new ArrayList<>();
      for (String elsewhere : foreign) {
        SigbRequest r = request(device, Kind.PATRON_STATUS, p.id(), p.pin(), null);
        foreignIds.add(r.requestId());
        send(requestTopic, MessageCodec.encode(r), elsewhere, r.requestId());
      }
      // A payload that claims another branch than its topic's.
      SigbRequest claiming = request(device, Kind.CHECKIN, null, null, availableItem().id());
      ObjectNode node = (ObjectNode) JSON.readTree(MessageCodec.encode(claiming));
      node.put("site", "BR02");
      send(requestTopic, JSON.writeValueAsBytes(node), own, claiming.requestId());
      SigbRequest honest = request(device, Kind.PATRON_STATUS, p.id(), p.pin(), null);
      send(requestTopic, MessageCodec.encode(honest), own, honest.requestId());

      await().atMost(Duration.ofSeconds(20)).until(() -> heard.size() >= 2
          && fixture.hub.quarantine().recent(20).size() == foreign.size() + 1);
      assertThat(heard).extracting(InboundMessage::topic).containsOnly(own);
      List<SigbResponse> answers = heard.stream().map(m -> MessageCodec.decodeResponse(m.payload())).toList();
      assertThat(answers).extracting(SigbResponse::requestId)
          .containsExactlyInAnyOrder(honest.requestId(), claiming.requestId());
      assertThat(answers).filteredOn(a -> a.requestId().equals(honest.requestId())).singleElement()
          .satisfies(a -> assertThat(a.outcome()).isEqualTo(Outcome.OK));
      SigbResponse refused = answers.stream().filter(a -> a.requestId().equals(claiming.requestId())).findFirst()
          .orElseThrow();
      assertThat(refused.outcome()).isEqualTo(Outcome.INVALID_REQUEST);
      assertThat(refused.messageEn().orElseThrow()).contains("'BR02'").contains("'BR01'");
      assertThat(network.loanOf(claiming.itemId().orElseThrow())).isEmpty();

      List<String> reasons = fixture.hub.quarantine().recent(20).stream()
          .map(QuarantineStore.QuarantinedMessage::reason).toList();
      for (String elsewhere : foreign) {
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("'" + elsewhere + "' is not the device's own "
            + own));
      }
      assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("request: site").contains("BR02"));
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  private SigbRequest request(String device, Kind kind, String patron, String pin, String item) {
    Instant now = clock.instant();
    return new SigbRequest(UUID.randomUUID(), device, kind, Optional.ofNullable(patron), Optional.ofNullable(pin),
        Optional.ofNullable(item), now, now.plusSeconds(20));
  }

  private SigbResponse ask(RequestClient client, Kind kind, String patron, String pin, String item)
      throws Exception {
    String device = client == kiosk ? KIOSK : OTHER_KIOSK;
    return client.ask(request(device, kind, patron, pin, item));
  }

  private void send(String topic, byte[] payload, String responseTopic, UUID correlation) {
    fixture.mqtt().publish(OutboundMessage.request(topic, payload, responseTopic, Correlation.of(correlation)));
  }

  private static boolean sameBytes(SigbResponse a, SigbResponse b) {
    String one = new String(MessageCodec.encode(a), StandardCharsets.UTF_8).replace(a.requestId().toString(), "");
    String two = new String(MessageCodec.encode(b), StandardCharsets.UTF_8).replace(b.requestId().toString(), "");
    return one.equals(two);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + STAFF)
        .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + fixture.hub.httpPort() + path);
  }

  private Patron goodPatron() {
    return network.patrons().stream().filter(x -> !x.isBlocked() && !network.isCardBlocked(x.id())
        && network.balanceCents(x.id()) <= Patron.FEE_LIMIT_CENTS).findFirst().orElseThrow();
  }

  private Patron patronWithLoans() {
    return network.patrons().stream().filter(x -> !network.loansOf(x.id()).isEmpty()).findFirst().orElseThrow();
  }

  private Item availableItem() {
    return network.items().stream().filter(i -> network.loanOf(i.id()).isEmpty() && network.holdFor(i.id()).isEmpty()
        && network.transitOf(i.id()).isEmpty()).findFirst().orElseThrow();
  }
}
