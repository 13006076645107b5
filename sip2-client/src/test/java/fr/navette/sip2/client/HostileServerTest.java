package fr.navette.sip2.client;

import static fr.navette.sip2.client.SimulatorFixture.client;
import static fr.navette.sip2.client.SimulatorFixture.config;
import static fr.navette.sip2.client.SimulatorFixture.item;
import static fr.navette.sip2.client.TamperingProxy.NOTHING;
import static fr.navette.sip2.client.TamperingProxy.RESET;
import static fr.navette.sip2.client.TamperingProxy.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sip2.codec.messages.CheckinResponse;
import fr.navette.sip2.codec.messages.CheckoutResponse;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A SIGB that answers another item, another request, twice, late, with another AY sequence, or with an endless line:
 * the reply must answer the request, or the session goes and the request is retried (per the retry rules) or fails
 * with an error naming it. Real TCP: the client talks to {@link TamperingProxy}, in front of {@code sim-sigb}.
 */
class HostileServerTest {
  private SigbSimulator sim;
  private TamperingProxy proxy;
  private Sip2SessionPool pool;

  private void start(boolean errorDetection, TamperingProxy.Tamper tamper) throws Exception {
    sim = SigbSimulator.start(config().errorDetection(errorDetection).build());
    Sip2ClientConfig cfg = client().errorDetection(errorDetection).keepAliveAfter(Duration.ZERO)
        .requestTimeout(Duration.ofSeconds(3)).build();
    proxy = new TamperingProxy(sim.port(), cfg.format(), tamper);
    pool = new Sip2SessionPool(client().port(proxy.port()).errorDetection(errorDetection)
        .keepAliveAfter(Duration.ZERO).requestTimeout(Duration.ofSeconds(3)).build());
  }

  @AfterEach
  void stop() throws Exception {
    if (pool != null) {
      pool.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private Item loanedItem(int skip) {
    return sim.network().items().stream()
        .filter(i -> sim.network().loanOf(i.id()).isPresent() && sim.network().holdFor(i.id()).isEmpty())
        .skip(skip).findFirst().orElseThrow();
  }

  /** Passes every reply through, except the ones {@code which} picks, answered by {@code how}. */
  private static TamperingProxy.Tamper onlyWhen(java.util.function.Predicate<TamperingProxy.Exchange> which,
      TamperingProxy.Tamper how) {
    return x -> which.test(x) ? how.answer(x) : x.reply();
  }

  @Test
  void aCheckinReplyNamingAnotherItemDiscardsTheSessionAndIsRetried() throws Exception {
    AtomicInteger checkins = new AtomicInteger();
    start(false, onlyWhen(x -> x.requestCode().equals("09") && checkins.incrementAndGet() == 1,
        x -> x.replyWith("AB", "ANOTHER-ITEM")));
    Item a = loanedItem(0);
    Item b = loanedItem(1);

    CheckinResponse r = pool.checkin(a.id(), a.homeBranch(), Instant.now());

    assertThat(r.itemId()).isEqualTo(a.id());
    assertThat(proxy.connections()).as("the session that read another item's reply was not reused").isEqualTo(2);
    assertThat(pool.metrics().retries()).isEqualTo(1);
    assertThat(pool.metrics().errors()).isZero();
    assertThat(pool.itemInformation(b.id()).itemId()).isEqualTo(b.id());
    assertThat(pool.metrics().openSessions()).isEqualTo(1);
  }

  @Test
  void aPersistentMismatchFailsWithAnErrorNamingTheCheckinNotTheLogin() throws Exception {
    start(false, onlyWhen(x -> x.requestCode().equals("09"), x -> x.replyWith("AB", "ANOTHER-ITEM")));
    Item a = loanedItem(0);

    assertThatThrownBy(() -> pool.checkin(a.id(), a.homeBranch(), Instant.now()))
        .isInstanceOf(Sip2ProtocolException.class)
        .hasMessageContaining("checkin (09) of item " + a.id())
        .hasMessageContaining("ANOTHER-ITEM")
        .hasMessageNotContaining("login")
        .message().doesNotContainPattern("\\b93\\b");
    assertThat(proxy.connections()).as("tried once more on a fresh session").isEqualTo(2);
    assertThat(pool.metrics().openSessions()).isZero();
  }

  @Test
  void anItemTheSigbMakesUpIsCutAndDefusedInTheError() throws Exception {
    // 50,000 characters and a terminal escape: neither may reach a log line or the hub's error whole
    String forged = "X".repeat(50_000) + "\u001b[2J";
    start(false, onlyWhen(x -> x.requestCode().equals("17"), x -> x.replyWith("AB", forged)));
    Item a = loanedItem(0);

    assertThatThrownBy(() -> pool.itemInformation(a.id()))
        .isInstanceOf(Sip2BadReplyException.class)
        .hasMessageContaining("item information (17) of item " + a.id() + ": reply 18 names item XXXX")
        .hasMessageNotContaining("\u001b")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void aSecondReplyInTheSameWriteNeverAnswersTheNextRequest() throws Exception {
    AtomicBoolean once = new AtomicBoolean();
    start(false, onlyWhen(x -> x.requestCode().equals("17") && once.compareAndSet(false, true),
        x -> concat(x.reply(), x.reply())));
    Item a = loanedItem(0);
    Item b = loanedItem(1);

    assertThat(pool.itemInformation(a.id()).itemId()).isEqualTo(a.id());
    ItemInformationResponse next = pool.itemInformation(b.id());

    assertThat(next.itemId()).isEqualTo(b.id());
    assertThat(pool.metrics().errors()).isZero();
  }

  @Test
  void aStrayReplyArrivingLateIsNotTakenForTheNextAnswer() throws Exception {
    AtomicReference<byte[]> held = new AtomicReference<>();
    start(false, onlyWhen(x -> x.requestCode().equals("17"), x -> {
      byte[] stray = held.getAndSet(x.reply());
      // the first reply goes out twice: now, and again just before the answer to the next request
      return stray == null ? x.reply() : concat(stray, x.reply());
    }));
    Item a = loanedItem(0);
    Item b = loanedItem(1);

    assertThat(pool.itemInformation(a.id()).itemId()).isEqualTo(a.id());
    assertThat(pool.itemInformation(b.id()).itemId()).isEqualTo(b.id());
    assertThat(pool.metrics().retries()).isEqualTo(1);
    assertThat(pool.metrics().errors()).isZero();
  }

  @Test
  void aStrayReplyArrivingWhileTheSessionIsIdleIsNeverReadAsTheNextAnswer() throws Exception {
    // Without error detection a copy of an earlier reply for the same item looks like the answer: only the bytes
    // waiting on the idle session give it away.
    AtomicReference<byte[]> stale = new AtomicReference<>();
    start(false, onlyWhen(x -> x.requestCode().equals("17"), x -> {
      stale.compareAndSet(null, x.replyWith("AF", "STALE"));
      return x.reply();
    }));
    Item a = loanedItem(0);
    pool.itemInformation(a.id());

    proxy.sendToClients(stale.get());
    ItemInformationResponse again = pool.itemInformation(a.id());

    assertThat(again.screenMessages()).doesNotContain("STALE");
    assertThat(proxy.connections()).as("the idle session with a stray reply waiting was not used").isEqualTo(2);
    assertThat(pool.metrics().errors()).isZero();
  }

  @Test
  void aCheckoutReplyNamingAnotherItemIsCheckedThroughTheItemNotSentTwice() throws Exception {
    start(false, onlyWhen(x -> x.requestCode().equals("11"), x -> x.replyWith("AB", "ANOTHER-ITEM")));
    Patron p = sim.network().patrons().stream().filter(x -> !x.isBlocked()
        && sim.network().balanceCents(x.id()) <= Patron.FEE_LIMIT_CENTS).findFirst().orElseThrow();
    Item free = item(sim.network(), i -> sim.network().loanOf(i.id()).isEmpty()
        && sim.network().holdFor(i.id()).isEmpty());

    CheckoutResponse r = pool.checkout(p.id(), free.id(), Optional.empty());

    assertThat(r.ok()).isTrue();
    assertThat(r.itemId()).isEqualTo(free.id());
    assertThat(r.screenMessages()).containsExactly(Sip2SessionPool.CONFIRMED_BY_ITEM_INFORMATION);
    assertThat(sim.network().loanOf(free.id()).orElseThrow().patronId()).isEqualTo(p.id());
    assertThat(sim.network().renewalsOf(free.id())).as("sent once: a second checkout would renew").isZero();
  }

  @Test
  void withErrorDetectionAStaleReplyForTheSameItemIsToldApartByItsSequence() throws Exception {
    AtomicReference<byte[]> stale = new AtomicReference<>();
    AtomicInteger reads = new AtomicInteger();
    start(true, onlyWhen(x -> x.requestCode().equals("17"), x -> {
      // a copy of the first reply (marked, to be recognised) comes back again before the second one
      if (reads.incrementAndGet() == 1) {
        stale.set(x.replyWith("AF", "STALE"));
        return x.reply();
      }
      byte[] s = stale.getAndSet(null);
      return s == null ? x.reply() : concat(s, x.reply());
    }));
    Item a = loanedItem(0);

    pool.itemInformation(a.id());
    ItemInformationResponse again = pool.itemInformation(a.id());

    assertThat(again.screenMessages()).doesNotContain("STALE");
    assertThat(pool.metrics().retries()).isEqualTo(1);
    assertThat(proxy.connections()).isEqualTo(2);
  }

  @Test
  void withErrorDetectionAReplyCarryingAnotherSequenceIsRefused() throws Exception {
    start(true, onlyWhen(x -> x.requestCode().equals("17"),
        x -> x.replyWithSequence((x.decodedReply().sequence().orElseThrow() + 1) % 10)));
    Item a = loanedItem(0);

    assertThatThrownBy(() -> pool.itemInformation(a.id()))
        .isInstanceOf(Sip2ProtocolException.class)
        .hasMessageContaining("item information (17) of item " + a.id())
        .hasMessageContaining("AY");
    assertThat(pool.metrics().openSessions()).isZero();
  }

  @Test
  void aReplyOfAnotherTypeIsRetriedOnAFreshSession() throws Exception {
    AtomicReference<byte[]> lastStatus = new AtomicReference<>();
    AtomicInteger checkins = new AtomicInteger();
    start(false, x -> {
      if (x.requestCode().equals("99")) {
        lastStatus.set(x.reply());
      }
      // the first checkin is answered with the 98 the server sent before
      return x.requestCode().equals("09") && checkins.incrementAndGet() == 1 ? lastStatus.get() : x.reply();
    });
    Item a = loanedItem(0);

    CheckinResponse r = pool.checkin(a.id(), a.homeBranch(), Instant.now());

    assertThat(r.itemId()).isEqualTo(a.id());
    assertThat(proxy.connections()).isEqualTo(2);
    assertThat(pool.metrics().errors()).isZero();
  }

  @Test
  void anEndlessLineFailsTheRequestWithoutFillingTheMemoryAndDropsTheSession() throws Exception {
    AtomicBoolean hostile = new AtomicBoolean(true);
    byte[] endless = new byte[4 << 20]; // 4 MiB without a line end
    Arrays.fill(endless, (byte) 'A');
    start(false, onlyWhen(x -> x.requestCode().equals("09") && hostile.get(), x -> endless));
    Item a = loanedItem(0);

    assertThatThrownBy(() -> pool.checkin(a.id(), a.homeBranch(), Instant.now()))
        .isInstanceOf(Sip2ProtocolException.class)
        .hasMessageContaining("checkin (09) of item " + a.id())
        .hasMessageContaining("65536 bytes without a line end");
    assertThat(pool.metrics().openSessions()).isZero();

    hostile.set(false);
    assertThat(pool.checkin(a.id(), a.homeBranch(), Instant.now()).itemId()).isEqualTo(a.id());
  }

  @Test
  void garbageForEveryCheckinEndsInAnErrorNamingItAfterResendsAndOneFreshSession() throws Exception {
    start(false, onlyWhen(x -> x.requestCode().equals("09") || x.requestCode().equals("97"),
        x -> TamperingProxy.ascii("HELLO FROM NOWHERE\r")));
    Item a = loanedItem(0);

    assertThatThrownBy(() -> pool.checkin(a.id(), a.homeBranch(), Instant.now()))
        .isInstanceOf(Sip2BadReplyException.class)
        .hasMessageContaining("checkin (09) of item " + a.id())
        .hasMessageContaining("could not be read after 3 resends");
    assertThat(proxy.connections()).isEqualTo(2);
    assertThat(pool.metrics().openSessions()).isZero();
  }

  @Test
  void aFailureOnTheNewSessionOfARetryNamesTheCheckinNotTheLogin() throws Exception {
    // the first connection is reset on the checkin; the next one never answers the login
    start(false, x -> x.connection() == 1 ? (x.requestCode().equals("09") ? RESET : x.reply()) : NOTHING);
    Item a = loanedItem(0);

    assertThatThrownBy(() -> pool.checkin(a.id(), a.homeBranch(), Instant.now()))
        .isInstanceOf(Sip2TimeoutException.class)
        .hasMessageContaining("checkin (09) of item " + a.id())
        .hasMessageContaining("logging in")
        .message().doesNotContainPattern("\\b93\\b");
  }

  @Test
  void aCheckinThatFailsBeforeItIsWrittenSaysTheSigbCannotHaveAppliedIt() throws Exception {
    // The login is never answered: the checkin never goes out. A caller may send it again without doubt (the
    // hub's returns clear their "sent" mark on it; issue 19).
    start(false, x -> x.requestCode().equals("93") ? NOTHING : x.reply());
    Item a = loanedItem(0);

    assertThatThrownBy(() -> pool.checkin(a.id(), a.homeBranch(), Instant.now()))
        .isInstanceOfSatisfying(Sip2Exception.class, e -> assertThat(e.requestMayHaveArrived()).isFalse());
    assertThat(sim.network().checkinLog()).isEmpty();
  }

  @Test
  void aCheckinWhoseConnectionIsResetAfterItWentMayHaveBeenApplied() throws Exception {
    // Reset on the checkin (the SIGB had it), then no login on the fresh session: the failure comes before the
    // retry was written, but the first one went.
    start(false, x -> x.connection() == 1 ? (x.requestCode().equals("09") ? RESET : x.reply()) : NOTHING);
    Item a = loanedItem(0);

    assertThatThrownBy(() -> pool.checkin(a.id(), a.homeBranch(), Instant.now()))
        .isInstanceOfSatisfying(Sip2Exception.class, e -> assertThat(e.requestMayHaveArrived()).isTrue());
  }

  @Test
  void aPatronMismatchNamesThePatronMaskedAndNeverThePin() throws Exception {
    start(false, onlyWhen(x -> x.requestCode().equals("23"), x -> x.replyWith("AA", "SOMEONE-ELSE-77")));
    Patron p = sim.network().patrons().stream().filter(x -> !x.isBlocked()).findFirst().orElseThrow();

    assertThatThrownBy(() -> pool.patronStatus(p.id(), Optional.of(p.pin())))
        .isInstanceOf(Sip2ProtocolException.class)
        .hasMessageContaining("patron status (23)")
        .hasMessageContaining("***" + p.id().substring(p.id().length() - 2))
        .hasMessageContaining("***77")
        .hasMessageNotContaining(p.id())
        .hasMessageNotContaining("SOMEONE-ELSE")
        .hasMessageNotContaining("AD")
        .hasMessageNotContaining("s3cret")
        .message().doesNotContain(p.pin());
  }

  @Test
  void aReplyThatOmitsTheItemIsAccepted() throws Exception {
    start(false, onlyWhen(x -> x.requestCode().equals("17"), x -> x.replyWithout("AB")));
    Item a = loanedItem(0);

    assertThat(pool.itemInformation(a.id()).titleId()).isEqualTo(a.title());
    assertThat(pool.metrics().errors()).isZero();
    assertThat(proxy.connections()).isEqualTo(1);
  }

  @Test
  void anItemEchoedWithSpacesOrInAnotherCaseIsTheSameItem() throws Exception {
    start(false, onlyWhen(x -> x.requestCode().equals("17"),
        x -> x.replyWith("AB", " " + x.request().message().field("AB").orElseThrow().toLowerCase() + " ")));
    Item a = loanedItem(0);

    assertThat(pool.itemInformation(a.id()).titleId()).isEqualTo(a.title());
    assertThat(pool.metrics().errors()).isZero();
  }
}
