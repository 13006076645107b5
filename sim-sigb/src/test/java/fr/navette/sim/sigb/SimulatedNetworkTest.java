package fr.navette.sim.sigb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SimulatedNetworkTest {
  private static SimulatedNetwork generate(long seed) {
    return new SimulatedNetwork(new NetworkGenerator(seed, SigbSimulatorConfig.NetworkSize.DEFAULT,
        Instant.parse("2026-01-15T10:00:00Z")).generate());
  }

  @Test
  void theSameSeedGivesTheSameNetwork() {
    SimulatedNetwork a = generate(1);
    SimulatedNetwork b = generate(1);
    assertThat(a.items()).isEqualTo(b.items());
    assertThat(a.patrons()).usingRecursiveFieldByFieldElementComparator().isEqualTo(b.patrons());
    assertThat(a.loans()).isEqualTo(b.loans());
    assertThat(a.holds()).isEqualTo(b.holds());
    assertThat(generate(2).items()).isNotEqualTo(a.items());
  }

  @Test
  void idsAreTheirPrefixAndNineDigits() {
    SimulatedNetwork n = generate(42);
    assertThat(n.items().get(41).id()).isEqualTo("3000000042");
    assertThat(n.patrons().get(0).id()).isEqualTo("2000000001");
    assertThat(n.patrons()).extracting(Patron::id).allMatch(id -> id.matches("2\\d{9}"));
  }

  @Test
  void itLooksLikeALibraryNetwork() {
    SimulatedNetwork n = generate(42);
    assertThat(n.branches()).hasSize(15).extracting(Branch::code).contains("BR01", "BR15");
    // French contracts "de Les": the branch of Les Herbiers is the "Médiathèque des Herbiers".
    assertThat(n.branches()).extracting(Branch::name)
        .contains("Médiathèque de Saint-Aubin", "Médiathèque des Herbiers", "Médiathèque de La Roche-Morel");
    assertThat(n.items()).hasSize(30_000);
    assertThat(n.patrons()).hasSize(3_000);
    assertThat(n.items()).extracting(Item::title).contains("Les Misérables", "Œuvres complètes", "Ça ira");
    assertThat(n.items()).filteredOn(Item::isPartOfSet).isNotEmpty();
    assertThat(n.items()).extracting(Item::homeBranch).containsAll(n.branches().stream().map(Branch::code).toList());
    assertThat(n.loans().size()).isBetween(3_000, 6_000);
    assertThat(n.holds()).isNotEmpty();
    List<Hold> elsewhere = n.holds().stream()
        .filter(h -> !h.pickupBranch().equals(n.item(h.itemId()).orElseThrow().homeBranch())).toList();
    assertThat(elsewhere).isNotEmpty();
    assertThat(n.patrons()).filteredOn(Patron::isBlocked).isNotEmpty();
  }

  @Test
  void patronsNeverShowTheirPin() {
    Patron p = generate(3).patrons().get(0);
    assertThat(p.toString()).doesNotContain(p.pin()).doesNotContain(p.id());
  }

  @Test
  void concurrentCheckinsLeaveAConsistentState() throws Exception {
    SimulatedNetwork n = generate(5);
    List<Loan> loans = n.loans();
    assertThat(loans).as("a network with loans to end").hasSizeGreaterThan(1_000);
    Map<String, Optional<Hold>> holdsBefore = new HashMap<>();
    loans.forEach(l -> holdsBefore.put(l.itemId(), n.holdFor(l.itemId())));
    List<String> ended = new CopyOnWriteArrayList<>();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int offset = t;
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = offset; i < loans.size(); i += 8) {
          n.checkin(loans.get(i).itemId(), "BR01", Instant.now()).orElseThrow().endedLoan()
              .ifPresent(l -> ended.add(l.itemId()));
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    List<String> loaned = loans.stream().map(Loan::itemId).toList();
    assertThat(ended).as("each checkin ended its own loan, once").containsExactlyInAnyOrderElementsOf(loaned);
    assertThat(n.loans()).isEmpty();
    assertThat(n.checkinLog()).as("the circulation log has each item once")
        .extracting(SimulatedNetwork.CheckinRecord::itemId).containsExactlyInAnyOrderElementsOf(loaned);
    long routed = 0;
    for (String itemId : loaned) {
      Optional<Hold> before = holdsBefore.get(itemId);
      if (before.isPresent()) {
        routed++;
        assertThat(n.holdFor(itemId)).as(itemId).hasValueSatisfying(h -> assertThat(h.status()).isEqualTo(
            before.get().pickupBranch().equals("BR01") ? Hold.Status.WAITING : Hold.Status.IN_TRANSIT));
      } else if (!n.item(itemId).orElseThrow().homeBranch().equals("BR01")) {
        routed++;
        assertThat(n.transitOf(itemId)).as(itemId).hasValue(n.item(itemId).orElseThrow().homeBranch());
      }
    }
    assertThat(routed).as("documents returned away from home or on hold were routed").isPositive();
  }

  @Test
  void aCancelledCheckoutLeavesNoTraceButACheckoutThatRenewedIsNotCancelled() {
    SimulatedNetwork n = generate(6);
    Instant now = Instant.parse("2026-01-15T11:00:00Z");
    Hold hold = n.holds().stream().filter(h -> n.loanOf(h.itemId()).isEmpty()
        && n.patronRefusal(h.patronId(), Optional.empty()).isEmpty()).findFirst().orElseThrow();
    assertThat(n.checkout(hold.patronId(), hold.itemId(), Optional.empty(), "BR01", now).loan()).isPresent();
    assertThat(n.holdFor(hold.itemId())).isEmpty(); // collected

    SimulatedNetwork.CheckinOutcome undone = n.cancelCheckout(hold.itemId()).orElseThrow();
    assertThat(undone.endedLoan()).isPresent();
    assertThat(n.loanOf(hold.itemId())).isEmpty();
    assertThat(n.holdFor(hold.itemId())).hasValue(hold);
    assertThat(n.balanceCents(hold.patronId())).isEqualTo(generate(6).balanceCents(hold.patronId()));

    Loan existing = n.loans().stream().filter(l -> n.patronRefusal(l.patronId(), Optional.empty()).isEmpty()
        && n.holdFor(l.itemId()).isEmpty()).findFirst().orElseThrow();
    assertThat(n.checkout(existing.patronId(), existing.itemId(), Optional.empty(), "BR01", now).renewal()).isTrue();
    assertThat(n.cancelCheckout(existing.itemId()).orElseThrow().endedLoan()).isEmpty();
    assertThat(n.loanOf(existing.itemId())).isPresent();
  }
}
