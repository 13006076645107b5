package fr.navette.sip2.client;

import static fr.navette.sip2.client.SimulatorFixture.client;
import static fr.navette.sip2.client.SimulatorFixture.config;
import static fr.navette.sip2.client.SimulatorFixture.item;
import static fr.navette.sip2.client.SimulatorFixture.otherThan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.sim.sigb.Hold;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SimulatedNetwork;
import fr.navette.sip2.codec.AlertType;
import fr.navette.sip2.codec.CirculationStatus;
import fr.navette.sip2.codec.messages.CheckinResponse;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Sip2SessionPoolTest {
  private SigbSimulator sim;
  private SimulatedNetwork net;
  private Sip2SessionPool pool;

  @BeforeEach
  void start() {
    sim = SigbSimulator.start(config().build());
    net = sim.network();
    pool = new Sip2SessionPool(client(sim).build());
  }

  @AfterEach
  void stop() {
    pool.close();
    sim.close();
  }

  @Test
  void aHoldForThisBranchStaysHereWithItsPatron() {
    Item item = item(net, i -> net.holdFor(i.id()).isPresent() && net.loanOf(i.id()).isPresent());
    Hold hold = net.holdFor(item.id()).orElseThrow();
    CheckinResponse r = pool.checkin(item.id(), hold.pickupBranch(), Instant.now());
    assertThat(r.ok()).isTrue();
    assertThat(r.alert()).isTrue();
    assertThat(r.alertType()).hasValue(AlertType.HOLD_FOR_THIS_LIBRARY);
    assertThat(r.holdPatronId()).hasValue(hold.patronId());
    assertThat(r.holdPatronName()).hasValue(hold.patronName());
    assertThat(r.destinationLocation()).isEmpty();
    assertThat(net.holdFor(item.id()).orElseThrow().status()).isEqualTo(Hold.Status.WAITING);
    assertThat(net.loanOf(item.id())).isEmpty();
  }

  @Test
  void aHoldElsewhereSendsTheItemToThePickupBranch() {
    Item item = item(net, i -> net.holdFor(i.id()).isPresent());
    Hold hold = net.holdFor(item.id()).orElseThrow();
    String here = otherThan(net, hold.pickupBranch());
    CheckinResponse r = pool.checkin(item.id(), here, Instant.now());
    assertThat(r.alertType()).hasValue(AlertType.HOLD_FOR_OTHER_BRANCH);
    assertThat(r.destinationLocation()).hasValue(hold.pickupBranch());
    assertThat(net.holdFor(item.id()).orElseThrow().status()).isEqualTo(Hold.Status.IN_TRANSIT);
    // a retried checkin routes the same way
    assertThat(pool.checkin(item.id(), here, Instant.now()).destinationLocation()).hasValue(hold.pickupBranch());
  }

  @Test
  void anItemAwayFromHomeGoesHome() {
    Item item = item(net, i -> net.holdFor(i.id()).isEmpty() && net.loanOf(i.id()).isPresent());
    String here = otherThan(net, item.homeBranch());
    CheckinResponse r = pool.checkin(item.id(), here, Instant.now());
    assertThat(r.alertType()).hasValue(AlertType.SEND_TO_OTHER_BRANCH);
    assertThat(r.destinationLocation()).hasValue(item.homeBranch());
    assertThat(r.permanentLocation()).hasValue(item.homeBranch());
    assertThat(r.titleId()).hasValue(item.title());
    assertThat(net.transitOf(item.id())).hasValue(item.homeBranch());
  }

  @Test
  void anItemBackHomeWithoutHoldHasNoAlert() {
    Item item = item(net, i -> net.holdFor(i.id()).isEmpty() && net.loanOf(i.id()).isPresent());
    CheckinResponse r = pool.checkin(item.id(), item.homeBranch(), Instant.now());
    assertThat(r.ok()).isTrue();
    assertThat(r.alert()).isFalse();
    assertThat(r.alertType()).isEmpty();
    assertThat(r.alertTypeOrNone()).isEqualTo(AlertType.NONE);
    assertThat(r.destinationLocation()).isEmpty();
  }

  @Test
  void anUnknownItemIsRefusedWithAScreenMessage() {
    CheckinResponse r = pool.checkin("no-such-item", "BR01", Instant.now());
    assertThat(r.ok()).isFalse();
    assertThat(r.screenMessages()).anySatisfy(m -> assertThat(m).contains("inconnu"));
  }

  @Test
  void itemInformationOfALoan() {
    Item item = item(net, i -> net.loanOf(i.id()).isPresent() && net.holdFor(i.id()).isEmpty());
    ItemInformationResponse r = pool.itemInformation(item.id());
    assertThat(r.circulationStatus()).isEqualTo(CirculationStatus.CHARGED);
    assertThat(r.titleId()).isEqualTo(item.title());
    assertThat(r.dueDate()).isPresent();
    assertThat(r.permanentLocation()).hasValue(item.homeBranch());
  }

  @Test
  void aWrongPasswordIsALoginError() {
    try (Sip2SessionPool bad = new Sip2SessionPool(client(sim).password("wrong").build())) {
      assertThatThrownBy(() -> bad.itemInformation("x")).isInstanceOf(Sip2LoginException.class)
          .hasMessageContaining("refused the login").hasMessageNotContaining("wrong");
    }
  }

  @Test
  void aDroppedConnectionIsReopenedAndTheCheckinRetried() {
    Item item = item(net, i -> net.holdFor(i.id()).isEmpty() && net.loanOf(i.id()).isPresent());
    pool.itemInformation(item.id());
    assertThat(sim.connectionCount()).isEqualTo(1);
    sim.dropConnections();
    CheckinResponse r = pool.checkin(item.id(), item.homeBranch(), Instant.now());
    assertThat(r.ok()).isTrue();
    assertThat(pool.metrics().retries()).isEqualTo(1);
    assertThat(pool.metrics().errors()).isZero();
    assertThat(pool.metrics().requests()).isEqualTo(2);
  }

  @Test
  void aSigbDownFailsWithinTheTimeoutAndTheNextCallReconnects() {
    int port = sim.port();
    pool.itemInformation("x");
    sim.close();
    Instant before = Instant.now();
    assertThatThrownBy(() -> pool.checkin("x", "BR01", Instant.now()))
        .isInstanceOf(Sip2ConnectionException.class).hasMessageContaining("127.0.0.1:" + port);
    assertThat(Duration.between(before, Instant.now())).isLessThan(pool.config().requestTimeout());
    sim = SigbSimulator.start(config().port(port).build());
    assertThat(pool.checkin("x", "BR01", Instant.now()).ok()).isFalse();
    assertThat(pool.metrics().errors()).isEqualTo(1);
  }
}
