package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.kiosk.selfcheck.ItemOutcome;
import fr.navette.kiosk.selfcheck.Kiosk;
import fr.navette.launcher.demo.DemoDevices;
import fr.navette.launcher.demo.DemoKiosks;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.tag.SecurityPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the SIGB or the hub stops answering in the middle of a session, on the real path (kiosk → embedded broker
 * → hub → SIP2 → SIGB simulator): a clear message, and nothing half-done — no tag disarmed, no loan made.
 */
class KioskOutageTest {
  @TempDir Path dir;

  @Test
  void theSigbThenTheHubGoneNothingIsLentNoTagDisarmedAndThePatronIsToldInPlainWords() throws Exception {
    Clock clock = Clock.systemUTC();
    SigbSimulatorConfig config = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(3, 1_000, 100)).build();
    SigbSimulator sigb = SigbSimulator.start(config);
    Hub hub = Hub.start(HubConfig.local(dir.resolve("hub"), 0, 0,
        SigbSettings.local(sigb.port(), config.user(), config.password())).withInsecureMqtt(0), c -> Sip2SigbGateway.connect(c.sigb()),
        clock);
    boolean sigbUp = true;
    boolean hubUp = true;
    try (DemoKiosks kiosks = new DemoKiosks(sigb.network(), 1, dir.resolve("kiosks"), DemoDevices.insecure(hub.mqttUri()), 0,
        Duration.ofMinutes(5), clock)) {
      DemoKiosks.DemoKiosk demo = kiosks.kiosks().getFirst();
      Kiosk kiosk = demo.agent().kiosk();
      Patron patron = sigb.network().demoPatrons().getFirst();
      await().atMost(Duration.ofSeconds(30)).until(() -> demo.agent().runtime().session().isConnected());
      Optional<String> token = kiosk.login(patron.id(), patron.pin()).token();
      assertThat(token).as("signed in while everything answers").isPresent();
      String first = demo.scenario().free().get(0);
      String second = demo.scenario().free().get(1);

      sigb.close();
      sigbUp = false;
      demo.pad().place(first);
      await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.state(Optional.empty()).pad().size() == 1);
      List<ItemOutcome> withoutSigb = kiosk.borrow(token).orElseThrow();

      assertThat(withoutSigb).singleElement().satisfies(o -> {
        assertThat(o.status()).isEqualTo(ItemOutcome.Status.NOT_ANSWERED);
        assertThat(o.message()).get().satisfies(m -> assertThat(m.fr()).contains("n'a pas été emprunté"));
      });
      assertThat(demo.pad().tag(first).afi()).isEqualTo(SecurityPolicy.ISO_ARMED_AFI);
      assertThat(sigb.network().loanOf(first.split(":")[1])).isEmpty();

      hub.close();
      hubUp = false;
      demo.pad().place(second);
      await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.state(Optional.empty()).pad().size() == 2);
      List<ItemOutcome> withoutHub = kiosk.borrow(token).orElseThrow();

      assertThat(withoutHub).extracting(ItemOutcome::status).containsOnly(ItemOutcome.Status.NOT_ANSWERED);
      assertThat(List.of(demo.pad().tag(first).afi(), demo.pad().tag(second).afi()))
          .containsOnly(SecurityPolicy.ISO_ARMED_AFI);
      Kiosk.LoginResult login = kiosk.login(patron.id(), patron.pin());
      assertThat(login.token()).isEmpty();
      assertThat(login.refusal()).get().satisfies(m -> assertThat(m.fr()).contains("ne répond pas"));
    } finally {
      if (hubUp) {
        hub.close();
      }
      if (sigbUp) {
        sigb.close();
      }
    }
  }
}
