package fr.navette.sip2.client;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.sim.sigb.Loan;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SimulatedNetwork;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Offline returns carry their real return date (DESIGN §4): the SIGB fines by it, not by the time the
 * checkin finally reaches it. Both sides in Paris time, the date travelling with a blank zone.
 */
class ReturnDateTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void aLateCheckinOfAnOnTimeReturnIsNotFined() {
    try (SigbSimulator sim = SigbSimulator.start(SimulatorFixture.config().zone(PARIS).build());
        Sip2SessionPool pool = new Sip2SessionPool(SimulatorFixture.client(sim).zone(PARIS).build())) {
      SimulatedNetwork net = sim.network();
      Instant now = Instant.now();
      Loan[] overdue = net.loans().stream().filter(l -> l.dueAt().isBefore(now.minus(Duration.ofDays(3))))
          .filter(l -> net.holdFor(l.itemId()).isEmpty()).limit(2).toArray(Loan[]::new);
      Loan onTime = overdue[0];
      Loan late = overdue[1];
      int before = net.balanceCents(onTime.patronId());
      pool.checkin(onTime.itemId(), "BR01", onTime.dueAt().minus(Duration.ofHours(1)));
      assertThat(net.balanceCents(onTime.patronId())).isEqualTo(before);

      int lateBefore = net.balanceCents(late.patronId());
      pool.checkin(late.itemId(), "BR01", now);
      assertThat(net.balanceCents(late.patronId())).isGreaterThan(lateBefore);
    }
  }
}
