package fr.navette.hub.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.hub.HubFixture;
import fr.navette.hub.alerts.AlertChannels;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.HealthEvent.PrinterState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kiosk's receipt printer, as its health tells it, raises and resolves the "printer-fault" alert. */
class PrinterAlertsTest {
  private static final String KIOSK = "kiosk-BR03-1";
  @TempDir Path dir;
  private HubFixture hub;

  @BeforeEach
  void start() throws Exception {
    hub = HubFixture.onSmallSigb(dir, HubFixture.alertingTo(AlertChannels.none()), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  @Test
  void paperOutIsAWarningNearEndIsNewsAndAWorkingPrinterResolvesIt() throws Exception {
    health(PrinterState.PAPER_OUT);
    hub.hub.watchdog().look();
    JsonNode alert = printerAlert();
    assertThat(alert.get("severity").asText()).isEqualTo("WARNING");
    assertThat(alert.get("message").asText()).contains(KIOSK).contains("plus de papier").doesNotContain("out of paper");
    // The same alert read by staff who chose English: said again from its stored text, in English only.
    JsonNode english = hub.get("/api/alerts?open=true&lang=en").findParents("kind").stream()
        .filter(a -> a.get("kind").asText().equals("printer-fault")).findFirst().orElseThrow();
    assertThat(english.get("message").asText()).contains(KIOSK).contains("out of paper").doesNotContain("papier");
    assertThat(english.get("alertId")).isEqualTo(alert.get("alertId"));
    assertThat(english.has("text")).as("the stored key stays inside the hub").isFalse();

    health(PrinterState.OK);
    hub.hub.watchdog().look();
    assertThat(hub.get("/api/alerts?open=true").findValuesAsText("kind")).doesNotContain("printer-fault");

    health(PrinterState.PAPER_NEAR_END);
    hub.hub.watchdog().look();
    assertThat(printerAlert().get("severity").asText()).isEqualTo("INFO");
    health(PrinterState.COVER_OPEN); // gets worse: the warning replaces the news
    hub.hub.watchdog().look();
    assertThat(printerAlert().get("message").asText()).contains("capot ouvert");
    assertThat(hub.get("/api/alerts?open=true").findValuesAsText("kind")).containsOnlyOnce("printer-fault");

    health(PrinterState.NONE); // a device without a printer never raises it
    hub.hub.watchdog().look();
    assertThat(hub.get("/api/alerts?open=true").findValuesAsText("kind")).doesNotContain("printer-fault");
  }

  private void health(PrinterState printer) throws Exception {
    hub.publishOn("BR03", KIOSK, "health", EventCodec.encode(new HealthEvent(hub.header(KIOSK), 60, 0, 0,
        HealthEvent.ReaderState.OK, true, Optional.empty(), printer)));
    String wire = printer.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/api/devices").size() == 1
        && wire.equals(hub.get("/api/devices").get(0).path("printerState").asText()));
  }

  private JsonNode printerAlert() throws Exception {
    for (JsonNode a : hub.get("/api/alerts?open=true")) {
      if (a.get("kind").asText().equals("printer-fault")) {
        return a;
      }
    }
    throw new AssertionError("no open printer-fault alert in " + hub.get("/api/alerts?open=true"));
  }
}
