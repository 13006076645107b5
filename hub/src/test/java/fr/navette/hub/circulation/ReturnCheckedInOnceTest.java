package fr.navette.hub.circulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.HubFixture;
import fr.navette.hub.circulation.DoubtfulSigb.FirstCheckin;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.EventStore.EventView;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.SigbResponse;
import fr.navette.sim.sigb.Hold;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Loan;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A return is checked in once at the SIGB (issue 19), even when the hub does not learn what became of its checkin:
 * killed after the SIGB applied it, or the SIGB's answer lost. Real broker, real SQLite file, real SIP2 to the
 * simulator, whose circulation log shows every checkin it applied.
 */
class ReturnCheckedInOnceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOX_BRANCH = "BR02";

  @TempDir Path dir;
  private SigbSimulator sigb;
  private HubFixture fixture;

  @AfterEach
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    if (sigb != null) {
      sigb.close();
    }
  }

  @Test
  void aHubKilledAfterTheSigbsCheckinDoesNotCheckTheReturnInAgainOnRestart() throws Exception {
    sigb = HubFixture.smallSigb();
    Item item = onLoanWithoutHoldAndHomeElsewhere();
    DoubtfulSigb dying = hub(FirstCheckin.APPLIED_THEN_HUB_KILLED, Clock.systemUTC());
    fixture.returned(BOX_BRANCH, item.id());
    await().atMost(Duration.ofSeconds(60)).until(() -> checkinsAtTheSigb(item) == 1 && dying.checkins.get() == 1);
    assertThat(event().status()).as("killed before markDone: still leased").isEqualTo(EventStore.PROCESSING);
    fixture.close();

    // Restarted on the same store once the dead hub's lease (2 min) has run out: the event is claimed again.
    DoubtfulSigb restarted = hub(FirstCheckin.ANSWERED, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3)));
    await().atMost(Duration.ofSeconds(60)).until(() -> event().status().equals(EventStore.APPLIED));

    assertThat(checkinsAtTheSigb(item)).as("checked in once at the SIGB").isEqualTo(1);
    assertThat(restarted.checkins.get()).as("no second checkin sent").isZero();
    assertThat(restarted.itemInformations.get()).as("the SIGB asked what became of it").isEqualTo(1);
    JsonNode outcome = outcome();
    assertThat(outcome.path("confirmedBy").asText()).isEqualTo(ReturnProcessor.CONFIRMED_BY_ITEM_INFORMATION);
    assertThat(outcome.path("alertType").asText()).as("as the checkin said: send home").isEqualTo("04");
    JsonNode transits = fixture.get("/api/transits").get("items");
    assertThat(transits).singleElement().satisfies(t -> {
      assertThat(t.get("itemId").asText()).isEqualTo(item.id());
      assertThat(t.get("fromBranch").asText()).isEqualTo(BOX_BRANCH);
      assertThat(t.get("toBranch").asText()).isEqualTo(item.homeBranch());
      assertThat(t.get("reason").asText()).isEqualTo("send-home");
    });
  }

  @Test
  void aCheckinWhoseAnswerWasLostIsNotSentAgainAndAHoldHereGoesToTheHoldShelf() throws Exception {
    sigb = HubFixture.smallSigb();
    Hold hold = onLoanWithAHoldWaitingFor();
    String branch = hold.pickupBranch();
    DoubtfulSigb doubtful = hub(FirstCheckin.APPLIED_THEN_TIMEOUT, Clock.systemUTC());
    String replies = "navette/v1/" + branch + "/box-" + branch + "-1/response";
    fixture.mqtt().subscribe(replies);
    fixture.returned(branch, hold.itemId());

    // The first attempt's reply says "SIGB unavailable"; the retry's, once it knows, where the document goes.
    SigbResponse routed = MessageCodec.decodeResponse(fixture.mqtt().awaitMessage(m -> m.topic().equals(replies)
        && MessageCodec.decodeResponse(m.payload()).route().isPresent()).payload());

    assertThat(routed.outcome()).isEqualTo(SigbResponse.Outcome.OK);
    assertThat(routed.route()).contains(SigbResponse.ReturnRoute.HOLD_SHELF);
    assertThat(checkinsAtTheSigb(hold.itemId())).as("checked in once at the SIGB").isEqualTo(1);
    assertThat(doubtful.checkins.get()).as("the lost one only").isEqualTo(1);
    assertThat(event().status()).isEqualTo(EventStore.APPLIED);
    JsonNode outcome = outcome();
    assertThat(outcome.path("confirmedBy").asText()).isEqualTo(ReturnProcessor.CONFIRMED_BY_ITEM_INFORMATION);
    assertThat(outcome.path("alertType").asText()).as("as the checkin said: hold here").isEqualTo("01");
    assertThat(fixture.get("/api/transits").get("items")).as("a hold here rides nothing").isEmpty();
  }

  @Test
  void aReturnKeptThroughASigbOutageIsCheckedInOnceWhenTheSigbIsBackEvenNotOnLoan() throws Exception {
    int sigbPort = freePortOutsideEphemeralRange(); // nothing listens there yet: the SIGB is down
    SigbSimulatorConfig sigbConfig = SigbSimulatorConfig.builder().size(HubFixture.SMALL).port(sigbPort).build();
    Item item;
    try (SigbSimulator twin = SigbSimulator.start(sigbConfig.toBuilder().port(0).build())) {
      // Same seed, same network. Not on loan (a document put back in a box without being borrowed, as the chaos
      // run's are): its state at the SIGB is the same checked in or not, so no item information can tell.
      item = notOnLoanAndHomeElsewhere(twin);
    }
    AtomicReference<DoubtfulSigb> counting = new AtomicReference<>();
    fixture = new HubFixture(dir, sigbPort, c -> c.withRules(NetworkRules.defaults()), Clock.systemUTC(),
        real -> counting.updateAndGet(x -> new DoubtfulSigb(real, FirstCheckin.ANSWERED)));
    fixture.returned(BOX_BRANCH, item.id());
    // Marked sent, then no connection: the checkin never left, and is not in doubt.
    await().atMost(Duration.ofSeconds(60)).until(() -> counting.get().checkins.get() >= 1
        && event().attempts() >= 1 && event().status().equals(EventStore.PENDING));

    sigb = SigbSimulator.start(sigbConfig);
    await().atMost(Duration.ofSeconds(60)).until(() -> event().status().equals(EventStore.APPLIED));

    assertThat(checkinsAtTheSigb(item)).as("checked in once, when the SIGB was back").isEqualTo(1);
    assertThat(counting.get().itemInformations.get()).as("never sent: nothing to ask").isZero();
    assertThat(outcome().has("confirmedBy")).as("the checkin's own answer").isFalse();
    assertThat(fixture.get("/api/transits").get("items")).singleElement()
        .satisfies(t -> assertThat(t.get("toBranch").asText()).isEqualTo(item.homeBranch()));
  }

  @Test
  void aCheckinLostUnappliedOfADocumentNotOnLoanIsSentAgainOnce() throws Exception {
    sigb = HubFixture.smallSigb();
    // Not on loan, away from home: checked in here, the SIGB would have put it in transit home; still available
    // there, it shows the first checkin did not take.
    Item item = notOnLoanAndHomeElsewhere(sigb);
    DoubtfulSigb lost = hub(FirstCheckin.SENT_THEN_LOST, Clock.systemUTC());
    fixture.returned(BOX_BRANCH, item.id());

    await().atMost(Duration.ofSeconds(60)).until(() -> event().status().equals(EventStore.APPLIED));
    assertThat(checkinsAtTheSigb(item)).as("checked in once, not lost").isEqualTo(1);
    assertThat(lost.itemInformations.get()).as("in doubt: asked first").isEqualTo(1);
    assertThat(outcome().has("confirmedBy")).as("the second checkin's own answer").isFalse();
    assertThat(fixture.get("/api/transits").get("items")).singleElement()
        .satisfies(t -> assertThat(t.get("toBranch").asText()).isEqualTo(item.homeBranch()));
  }

  @Test
  void aReturnNeverSentCostsOneSip2RoundTrip() throws Exception {
    sigb = HubFixture.smallSigb();
    Item item = onLoanWithoutHoldAndHomeElsewhere();
    DoubtfulSigb counted = hub(FirstCheckin.ANSWERED, Clock.systemUTC());
    fixture.returned(BOX_BRANCH, item.id());

    await().atMost(Duration.ofSeconds(60)).until(() -> event().status().equals(EventStore.APPLIED));
    assertThat(counted.checkins.get()).isEqualTo(1);
    assertThat(counted.itemInformations.get()).as("no item information for a return not in doubt").isZero();
    assertThat(checkinsAtTheSigb(item)).isEqualTo(1);
  }

  /** Starts the hub (on {@link #dir}, the test's SIGB) with its gateway wrapped by a {@link DoubtfulSigb}. */
  private DoubtfulSigb hub(FirstCheckin first, Clock clock) throws Exception {
    AtomicReference<DoubtfulSigb> wrapped = new AtomicReference<>();
    fixture = new HubFixture(dir, sigb.port(), c -> c.withRules(NetworkRules.defaults()), clock,
        real -> wrapped.updateAndGet(x -> new DoubtfulSigb(real, first)));
    return wrapped.get();
  }

  private EventView event() {
    return fixture.hub.events().recent(1).getFirst();
  }

  private JsonNode outcome() throws Exception {
    return JSON.readTree(event().outcome());
  }

  private long checkinsAtTheSigb(Item item) {
    return checkinsAtTheSigb(item.id());
  }

  private long checkinsAtTheSigb(String itemId) {
    return sigb.network().checkinLog().stream().filter(r -> r.itemId().equals(itemId)).count();
  }

  private Item onLoanWithoutHoldAndHomeElsewhere() {
    return sigb.network().itemsOnLoan().stream()
        .filter(i -> !i.homeBranch().equals(BOX_BRANCH))
        .filter(i -> sigb.network().holdFor(i.id()).isEmpty())
        .findFirst().orElseThrow();
  }

  private static Item notOnLoanAndHomeElsewhere(SigbSimulator sigb) {
    return sigb.network().items().stream()
        .filter(i -> !i.homeBranch().equals(BOX_BRANCH))
        .filter(i -> sigb.network().loanOf(i.id()).isEmpty() && sigb.network().holdFor(i.id()).isEmpty()
            && sigb.network().transitOf(i.id()).isEmpty())
        .findFirst().orElseThrow();
  }

  /** A document on loan that a patron has reserved: returned at the pickup branch, it goes to the hold shelf. */
  private Hold onLoanWithAHoldWaitingFor() {
    return sigb.network().loans().stream().map(Loan::itemId)
        .flatMap(id -> sigb.network().holdFor(id).stream())
        .filter(h -> h.status() == Hold.Status.PENDING)
        .findFirst().orElseThrow();
  }

  /** As HubReturnsTest's: below Linux's ephemeral range, so that the hub's reconnects cannot take it meanwhile. */
  private static int freePortOutsideEphemeralRange() throws java.io.IOException {
    for (int port = 20_000 + new java.util.Random().nextInt(5_000); port < 32_000; port++) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        return port;
      } catch (java.io.IOException taken) {
        // try the next one
      }
    }
    throw new java.io.IOException("no free port between 20000 and 32000");
  }
}
