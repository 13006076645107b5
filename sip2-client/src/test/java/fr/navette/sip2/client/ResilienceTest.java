package fr.navette.sip2.client;

import static fr.navette.sip2.client.SimulatorFixture.client;
import static fr.navette.sip2.client.SimulatorFixture.config;
import static fr.navette.sip2.client.SimulatorFixture.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.sim.sigb.SigbSimulatorConfig.Faults;
import fr.navette.sip2.codec.messages.CheckoutResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Servers that drop, garble, reset and dawdle, and a client that copes. */
class ResilienceTest {
  private SigbSimulator sim;
  private Sip2SessionPool pool;

  private void start(SigbSimulatorConfig.Builder server, Sip2ClientConfig.Builder... clientOverride) {
    sim = SigbSimulator.start(server.build());
    pool = new Sip2SessionPool(clientOverride.length > 0 ? clientOverride[0].port(sim.port()).build()
        : client(sim).keepAliveAfter(Duration.ZERO).build());
  }

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private Item anyLoanWithoutHold() {
    return item(sim.network(), i -> sim.network().loanOf(i.id()).isPresent() && sim.network().holdFor(i.id()).isEmpty());
  }

  private Patron goodPatron() {
    return sim.network().patrons().stream().filter(p -> !p.isBlocked()
        && sim.network().balanceCents(p.id()) <= Patron.FEE_LIMIT_CENTS).findFirst().orElseThrow();
  }

  private Item availableItem() {
    return item(sim.network(), i -> sim.network().loanOf(i.id()).isEmpty() && sim.network().holdFor(i.id()).isEmpty());
  }

  @Test
  void aSilentIdleDropIsRepairedTransparently() {
    start(config().idleTimeout(Duration.ofMillis(200)));
    Item item = anyLoanWithoutHold();
    pool.itemInformation(item.id());
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.idleDrops() == 1 && sim.connectionCount() == 0);
    assertThat(pool.checkin(item.id(), item.homeBranch(), Instant.now()).ok()).isTrue();
    assertThat(pool.metrics().errors()).isZero();
    assertThat(pool.metrics().reconnects()).isEqualTo(1);
  }

  @Test
  void keepAliveKeepsAnIdleSessionOpen() {
    start(config().idleTimeout(Duration.ofMillis(600)),
        client().keepAliveAfter(Duration.ofMillis(150)));
    pool.status();
    await().atMost(Duration.ofSeconds(10)).until(() -> pool.metrics().keepAlives() >= 6);
    assertThat(sim.idleDrops()).isZero();
    pool.status();
    assertThat(pool.metrics().reconnects()).isZero();
    assertThat(pool.metrics().openSessions()).isEqualTo(1);
  }

  @Test
  void aSessionDroppedWhileIdleIsReplacedBeforeACheckout() {
    start(config().idleTimeout(Duration.ofMillis(100)),
        client().keepAliveAfter(Duration.ofMillis(150)));
    Patron patron = goodPatron();
    Item item = availableItem();
    pool.status();
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.idleDrops() >= 1);
    CheckoutResponse r = pool.checkout(patron.id(), item.id(), Optional.empty());
    assertThat(r.ok()).isTrue();
    assertThat(sim.network().loanOf(item.id()).orElseThrow().patronId()).isEqualTo(patron.id());
    assertThat(pool.metrics().errors()).isZero();
  }

  @Test
  void badChecksumsAreResentOn97() {
    start(config().errorDetection(true).faults(Faults.NONE.withBadChecksumEvery(2)),
        client().errorDetection(true).keepAliveAfter(Duration.ZERO));
    Item item = anyLoanWithoutHold();
    for (int i = 0; i < 5; i++) {
      assertThat(pool.itemInformation(item.id()).titleId()).isEqualTo(item.title());
    }
    assertThat(sim.resendsServed()).isGreaterThanOrEqualTo(3);
    assertThat(pool.metrics().errors()).isZero();
  }

  @Test
  void aGarbledByteIsCaughtByTheChecksumAndResent() {
    start(config().errorDetection(true).faults(Faults.NONE.withGarbleEvery(3)),
        client().errorDetection(true).keepAliveAfter(Duration.ZERO));
    Item item = anyLoanWithoutHold();
    for (int i = 0; i < 6; i++) {
      assertThat(pool.itemInformation(item.id()).titleId()).isEqualTo(item.title());
    }
    assertThat(sim.resendsServed()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void a96FromTheServerMakesUsSendAgain() {
    start(config().faults(Faults.NONE.withAskResendEvery(3)));
    Item item = anyLoanWithoutHold();
    for (int i = 0; i < 6; i++) {
      assertThat(pool.itemInformation(item.id()).itemId()).isEqualTo(item.id());
    }
    assertThat(pool.metrics().errors()).isZero();
  }

  @Test
  void connectionResetsAreRetriedForSafeRequests() {
    start(config().faults(Faults.NONE.withResetEvery(5)));
    Item item = anyLoanWithoutHold();
    for (int i = 0; i < 10; i++) {
      assertThat(pool.checkin(item.id(), item.homeBranch(), Instant.now()).ok()).isTrue();
    }
    assertThat(pool.metrics().retries()).isPositive();
    assertThat(pool.metrics().errors()).isZero();
  }

  @Test
  void aCheckoutAppliedBeforeTheConnectionDiedIsNotRepeated() {
    // requests: 1 login, 2 status, 3 item information (before), 4 checkout: processed, then reset
    start(config().faults(Faults.NONE.withResetEvery(4)));
    Patron patron = goodPatron();
    Item item = availableItem();
    CheckoutResponse r = pool.checkout(patron.id(), item.id(), Optional.empty());
    assertThat(r.ok()).isTrue();
    assertThat(r.screenMessages()).containsExactly(Sip2SessionPool.CONFIRMED_BY_ITEM_INFORMATION);
    assertThat(r.dueDate()).isPresent();
    assertThat(sim.network().loanOf(item.id()).orElseThrow().patronId()).isEqualTo(patron.id());
    // sent twice, the simulator (like Koha) would have taken the second for a renewal
    assertThat(sim.network().renewalsOf(item.id())).isZero();
    assertThat(pool.metrics().retries()).isZero();
  }

  @Test
  void aCheckoutLostBeforeTheServerSawItIsSentAgain() {
    // requests: 1 login, 2 status, 3 status, 4 item information (before), 5 checkout: dropped unprocessed;
    // then 6 login, 7 status, 8 item information (after), 9 checkout again
    start(config().faults(Faults.NONE.withDropRequestEvery(5)));
    Patron patron = goodPatron();
    Item item = availableItem();
    pool.status();
    CheckoutResponse r = pool.checkout(patron.id(), item.id(), Optional.empty());
    assertThat(r.ok()).isTrue();
    assertThat(r.screenMessages()).isEmpty();
    assertThat(sim.network().loanOf(item.id()).orElseThrow().patronId()).isEqualTo(patron.id());
    assertThat(sim.network().renewalsOf(item.id())).isZero();
    assertThat(pool.metrics().retries()).isEqualTo(1);
  }

  @Test
  void aSlowSigbHitsTheDeadline() {
    start(config().responseDelay(Duration.ofMillis(400)),
        client().requestTimeout(Duration.ofMillis(1500)).keepAliveAfter(Duration.ZERO));
    pool.status(); // login + 99 + 99 take 1.2 s: within the deadline
    assertThatThrownBy(() -> pool.send(fr.navette.sip2.codec.messages.ScStatusRequest.ok().toMessage(),
        Sip2SessionPool.Retry.SAFE, Duration.ofMillis(100)))
        .isInstanceOf(Sip2TimeoutException.class).hasMessageContaining("within the deadline");
    assertThat(pool.status().online()).isTrue();
  }

  @Test
  void aFullPoolMakesCallersWaitThenTimesOut() throws Exception {
    start(config().responseDelay(Duration.ofMillis(800)),
        client().maxSessions(1).requestTimeout(Duration.ofSeconds(5))
            .keepAliveAfter(Duration.ZERO));
    Thread busy = Thread.ofVirtual().start(pool::status);
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.connectionCount() == 1);
    assertThatThrownBy(() -> pool.send(fr.navette.sip2.codec.messages.ScStatusRequest.ok().toMessage(),
        Sip2SessionPool.Retry.SAFE, Duration.ofMillis(200)))
        .isInstanceOf(Sip2TimeoutException.class).hasMessageContaining("sessions stayed busy");
    busy.join();
    assertThat(sim.connectionCount()).isEqualTo(1);
  }
}
