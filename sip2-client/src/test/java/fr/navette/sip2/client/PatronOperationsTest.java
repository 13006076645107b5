package fr.navette.sip2.client;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.sim.sigb.Hold;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Loan;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SimulatedNetwork;
import fr.navette.sip2.codec.PatronStatus;
import fr.navette.sip2.codec.messages.FeePaidResponse;
import fr.navette.sip2.codec.messages.HoldResponse;
import fr.navette.sip2.codec.messages.PatronInformationResponse;
import fr.navette.sip2.codec.messages.PatronStatusResponse;
import fr.navette.sip2.codec.messages.RenewAllResponse;
import fr.navette.sip2.codec.messages.RenewResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Patron-side operations of the pool against the simulator, over TCP. */
class PatronOperationsTest {
  private SigbSimulator sim;
  private SimulatedNetwork net;
  private Sip2SessionPool pool;

  @BeforeEach
  void start() {
    sim = SigbSimulator.start(SimulatorFixture.config().build());
    net = sim.network();
    pool = new Sip2SessionPool(SimulatorFixture.client(sim).build());
  }

  @AfterEach
  void stop() {
    pool.close();
    sim.close();
  }

  private Patron inGoodStanding() {
    return net.patrons().stream().filter(p -> !p.isBlocked() && net.balanceCents(p.id()) <= Patron.FEE_LIMIT_CENTS
        && !net.loansOf(p.id()).isEmpty()).findFirst().orElseThrow();
  }

  @Test
  void blocksShowInThePatronStatusFlags() {
    Patron expired = net.patrons().stream().filter(Patron::cardExpired).findFirst().orElseThrow();
    PatronStatusResponse r = pool.patronStatus(expired.id(), Optional.empty());
    assertThat(r.patronStatus().has(PatronStatus.Flag.CHARGE_PRIVILEGES_DENIED)).isTrue();
    assertThat(r.screenMessages()).containsExactly("Carte expirée");
    PatronStatusResponse fine = pool.patronStatus(inGoodStanding().id(), Optional.empty());
    assertThat(fine.patronStatus().anySet()).isFalse();
    assertThat(fine.validPatron()).hasValue("Y");
  }

  @Test
  void anUnknownPatronIsNotValid() {
    PatronStatusResponse r = pool.patronStatus("2999999999", Optional.empty());
    assertThat(r.validPatron()).hasValue("N");
    assertThat(r.screenMessages()).containsExactly("Lecteur inconnu");
  }

  @Test
  void patronInformationCountsAndListsLoans() {
    Patron p = inGoodStanding();
    PatronInformationResponse r = pool.patronInformation(p.id(), Optional.of(p.pin()), "  Y       ");
    assertThat(r.chargedItemsCount()).isEqualTo(net.loansOf(p.id()).size());
    assertThat(r.chargedItems()).containsExactlyElementsOf(net.loansOf(p.id()).stream().map(Loan::itemId).toList());
    assertThat(r.validPatronPassword()).hasValue("Y");
    assertThat(r.holdItems()).isEmpty(); // not asked for in the summary
  }

  @Test
  void aRenewalOfAHeldItemIsRefused() {
    Hold h = net.holds().stream().filter(x -> net.loanOf(x.itemId())
        .flatMap(l -> net.patron(l.patronId())).filter(p -> !p.isBlocked()
            && net.balanceCents(p.id()) <= Patron.FEE_LIMIT_CENTS).isPresent()).findFirst().orElseThrow();
    Loan loan = net.loanOf(h.itemId()).orElseThrow();
    RenewResponse r = pool.renew(loan.patronId(), loan.itemId(), Optional.empty());
    assertThat(r.ok()).isFalse();
    assertThat(r.screenMessages()).anySatisfy(m -> assertThat(m).contains("réservé"));
    assertThat(net.loanOf(h.itemId()).orElseThrow().dueAt()).isEqualTo(loan.dueAt());
  }

  @Test
  void renewAllRenewsWhatItCan() {
    Patron p = inGoodStanding();
    RenewAllResponse r = pool.renewAll(p.id(), Optional.empty());
    assertThat(r.ok()).isTrue();
    assertThat(r.renewedCount() + r.unrenewedCount()).isEqualTo(net.loansOf(p.id()).size());
    assertThat(r.renewedItems()).hasSize(r.renewedCount());
  }

  @Test
  void holdsArePlacedAndCancelled() {
    Patron p = inGoodStanding();
    Item item = net.items().stream().filter(i -> net.holdFor(i.id()).isEmpty()).findFirst().orElseThrow();
    HoldResponse placed = pool.hold('+', p.id(), item.id(), Optional.of("BR05"), Optional.empty());
    assertThat(placed.ok()).isTrue();
    assertThat(placed.pickupLocation()).hasValue("BR05");
    assertThat(net.holdFor(item.id()).orElseThrow().pickupBranch()).isEqualTo("BR05");
    assertThat(pool.hold('+', p.id(), item.id(), Optional.empty(), Optional.empty()).ok()).isFalse();
    assertThat(pool.hold('-', p.id(), item.id(), Optional.empty(), Optional.empty()).ok()).isTrue();
    assertThat(net.holdFor(item.id())).isEmpty();
  }

  @Test
  void aPaymentLowersTheBalance() {
    Patron p = net.patrons().stream().filter(x -> net.balanceCents(x.id()) >= 300).findFirst().orElseThrow();
    int before = net.balanceCents(p.id());
    FeePaidResponse r = pool.feePaid(p.id(), "2.50", "EUR", Optional.of("T-1"));
    assertThat(r.paymentAccepted()).isTrue();
    assertThat(r.transactionId()).hasValue("T-1");
    assertThat(net.balanceCents(p.id())).isEqualTo(before - 250);
  }
}
