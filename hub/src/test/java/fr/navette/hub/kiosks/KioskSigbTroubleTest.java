package fr.navette.hub.kiosks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.agent.DeviceSession;
import fr.navette.agent.RequestClient;
import fr.navette.agent.SessionSettings;
import fr.navette.hub.HubFixture;
import fr.navette.mqtt.LoopbackPorts;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbRequest.Kind;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.SigbResponse.Outcome;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the SIGB is down or too slow, the kiosk hears "not available" before its deadline, not silence. */
class KioskSigbTroubleTest {
  @TempDir Path dir;

  @Test
  void aSigbThatIsDownIsSaidUnavailableBeforeTheDeadline() throws Exception {
    int closedPort = LoopbackPorts.belowEphemeralRange();
    try (HubFixture fixture = new HubFixture(dir, closedPort, c -> c, Clock.systemUTC());
         DeviceSession kiosk = kiosk(fixture)) {
      RequestClient requests = new RequestClient(kiosk, Clock.systemUTC());
      kiosk.connect();
      await().atMost(Duration.ofSeconds(30)).until(() -> kiosk.isConnected() && fixture.hub.kioskRequestsReady());

      SigbResponse answer = requests.ask(request(Kind.PATRON_STATUS, "2000000001", Optional.empty(),
          Duration.ofSeconds(5)));
      assertThat(answer.outcome()).isEqualTo(Outcome.SIGB_UNAVAILABLE);
      assertThat(answer.messageFr().orElseThrow()).startsWith("Le service de prêt ne répond pas");
      // The staff see it too: the kiosk's failure raised the SIGB link alert.
      await().atMost(Duration.ofSeconds(10)).until(() -> fixture.hub.alerts().list(true, 50).stream()
          .anyMatch(a -> a.kind().equals("sigb-link")));
    }
  }

  @Test
  void aSigbSlowerThanTheDeadlineIsSaidUnavailableInTimeAndNoLoanIsLeftBehind() throws Exception {
    SigbSimulatorConfig config = SigbSimulatorConfig.builder().size(HubFixture.SMALL)
        .responseDelay(Duration.ofMillis(1500)).build();
    try (SigbSimulator sigb = SigbSimulator.start(config);
         HubFixture fixture = new HubFixture(dir, sigb.port(), c -> c, Clock.systemUTC());
         DeviceSession kiosk = kiosk(fixture)) {
      RequestClient requests = new RequestClient(kiosk, Clock.systemUTC());
      kiosk.connect();
      await().atMost(Duration.ofSeconds(30)).until(() -> kiosk.isConnected() && fixture.hub.kioskRequestsReady());
      Patron p = sigb.network().patrons().stream().filter(x -> !x.isBlocked()).findFirst().orElseThrow();
      Item item = sigb.network().items().stream().filter(i -> sigb.network().loanOf(i.id()).isEmpty()
          && sigb.network().holdFor(i.id()).isEmpty()).findFirst().orElseThrow();

      // Login, 17, 11 at 1.5 s each cannot fit in 2 s: the hub gives up in time and says so.
      SigbResponse answer = requests.ask(request(Kind.CHECKOUT, p.id(), p.pin(), Optional.of(item.id()),
          Duration.ofSeconds(2)));
      assertThat(answer.outcome()).isEqualTo(Outcome.SIGB_UNAVAILABLE);

      // Given time, the same SIGB answers.
      SigbResponse status = requests.ask(request(Kind.PATRON_STATUS, p.id(), p.pin(), Optional.empty(),
          Duration.ofSeconds(20)));
      assertThat(status.outcome()).isEqualTo(Outcome.OK);
      assertThat(sigb.network().loanOf(item.id())).as("a loan the kiosk never heard of").isEmpty();
    }
  }

  private static DeviceSession kiosk(HubFixture fixture) {
    return new DeviceSession(SessionSettings.of(fixture.hub.mqttUri(), "BR01", "kiosk-BR01-1"), Clock.systemUTC());
  }

  private static SigbRequest request(Kind kind, String patron, Optional<String> item, Duration deadline) {
    return request(kind, patron, "1234", item, deadline);
  }

  private static SigbRequest request(Kind kind, String patron, String pin, Optional<String> item, Duration deadline) {
    Instant now = Instant.now();
    // A PIN, or the hub refuses before asking the SIGB; whether it is right matters not to what is tested here.
    return new SigbRequest(UUID.randomUUID(), "kiosk-BR01-1", kind, Optional.of(patron), Optional.of(pin), item,
        now, now.plus(deadline));
  }
}
