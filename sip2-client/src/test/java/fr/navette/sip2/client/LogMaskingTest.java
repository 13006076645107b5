package fr.navette.sip2.client;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** PINs (AD) and passwords (CO) never reach a log line; patron ids (AA) only masked. Debug level on. */
class LogMaskingTest {
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger navette;

  @BeforeEach
  void capture() {
    navette = (Logger) LoggerFactory.getLogger("fr.navette");
    navette.setLevel(Level.DEBUG);
    captured.start();
    navette.addAppender(captured);
  }

  @AfterEach
  void release() {
    navette.detachAppender(captured);
  }

  @Test
  void aCheckoutWithPinLeavesNoSecretInTheLogs() {
    try (SigbSimulator sim = SigbSimulator.start(SimulatorFixture.config().password("Tr3s-s3cret").build());
        Sip2SessionPool pool = new Sip2SessionPool(SimulatorFixture.client(sim).password("Tr3s-s3cret").build())) {
      Patron p = sim.network().patrons().stream().filter(x -> !x.isBlocked()).findFirst().orElseThrow();
      Item item = sim.network().items().stream().filter(i -> sim.network().loanOf(i.id()).isEmpty()
          && sim.network().holdFor(i.id()).isEmpty()).findFirst().orElseThrow();
      pool.patronStatus(p.id(), Optional.of(p.pin()));
      pool.checkout(p.id(), item.id(), Optional.of(p.pin()));
      List<ILoggingEvent> events;
      synchronized (captured) { // AppenderBase appends under this lock, from the simulator's threads too
        events = new ArrayList<>(captured.list);
      }
      assertThat(events).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("AA***"));
      for (ILoggingEvent e : events) {
        String line = e.getFormattedMessage();
        assertThat(line).doesNotContain("Tr3s-s3cret").doesNotContain("AD" + p.pin()).doesNotContain(p.id())
            .doesNotContain(p.name());
      }
    }
  }
}
