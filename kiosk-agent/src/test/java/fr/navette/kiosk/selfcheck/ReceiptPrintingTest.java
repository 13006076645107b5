package fr.navette.kiosk.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.reader.Uid;
import fr.navette.schema.HealthEvent;
import fr.navette.sim.devices.PtyPrinterSimulator;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.Socat;
import fr.navette.sim.devices.VirtualField;
import fr.navette.tag.SecurityPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receipt on a thermal printer: the real ESC/POS driver over a real pty (socat) to the printer simulator,
 * which reads the bytes back into lines. The SIGB's answers are scripted.
 */
class ReceiptPrintingTest {
  @TempDir Path dir;
  private final VirtualField field = new VirtualField();
  private PtyPrinterSimulator simulator;
  private EscPosPrinter printer;
  private Kiosk kiosk;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(Socat.available(), "socat is not installed: the receipt printer tests are skipped");
    simulator = PtyPrinterSimulator.start(dir);
    printer = EscPosPrinter.onSerial(simulator.devicePath().toString());
    kiosk = new Kiosk(KioskConfig.of("BR01", "kiosk-BR01-1"), new SimulatedReader(field), new ScriptedSigb(),
        (channel, payload) -> { }, Clock.systemUTC(), ZoneOffset.UTC, Optional.of(printer));
    kiosk.start();
  }

  @AfterEach
  void stop() {
    if (kiosk != null) {
      kiosk.close();
      printer.close();
      simulator.close();
    }
  }

  private String borrowOne() {
    field.put(SimulatedTag.forItem(new Uid(0xE004010000000001L), "3000000001", "FR-BR01",
        SecurityPolicy.ISO_ARMED_AFI));
    String token = kiosk.login(ScriptedSigb.CARD, ScriptedSigb.PIN).token().orElseThrow();
    await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.state(Optional.empty()).pad().size() == 1);
    assertThat(kiosk.borrow(Optional.of(token)).orElseThrow()).singleElement()
        .extracting(ItemOutcome::status).isEqualTo(ItemOutcome.Status.LENT);
    return token;
  }

  @Test
  void theReceiptIsPrintedLineForLineWithTheCardMasked() {
    String token = borrowOne();

    Kiosk.Printed printed = kiosk.print(Optional.of(token)).orElseThrow();

    assertThat(printed.printed()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.receipts().size() == 1);
    List<String> lines = simulator.receipts().getFirst().stream().map(PtyPrinterSimulator.Line::text).toList();
    assertThat(lines.getFirst()).isEqualTo("Bibliothèque BR01");
    assertThat(lines).contains("Carte ********01", "Titre 3000000001", "3000000001",
        "À rendre le 15/12/2026", "1 document(s)", "Merci !");
    assertThat(String.join("\n", lines)).doesNotContain(ScriptedSigb.CARD).doesNotContain(ScriptedSigb.PIN);
    assertThat(simulator.receipts().getFirst().getFirst().bold()).isTrue();
    assertThat(printer.state()).isEqualTo(HealthEvent.PrinterState.OK);
  }

  @Test
  void aViewOnlySessionPrintsTheAccount() {
    String token = kiosk.login(ScriptedSigb.BARRED_CARD, ScriptedSigb.PIN).token().orElseThrow();

    Kiosk.Printed printed = kiosk.print(Optional.of(token)).orElseThrow();

    assertThat(printed.printed()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.receipts().size() == 1);
    List<PtyPrinterSimulator.Line> paper = simulator.receipts().getFirst();
    List<String> lines = paper.stream().map(PtyPrinterSimulator.Line::text).toList();
    assertThat(lines).containsSubsequence("Mes prêts (1)", "Titre en retard", ScriptedSigb.BARRED_LOAN,
        "À rendre le 15/10/2026", "EN RETARD", "Réservations à retirer (1)",
        "Réservé", "3000000098  à retirer à BR02", "Montant dû : 12,50 €",
        "Merci !");
    assertThat(lines).doesNotContain("0 document(s)");
    assertThat(paper).filteredOn(l -> l.text().startsWith("Mes prêts")).singleElement()
        .satisfies(l -> assertThat(l.bold()).isTrue());
    assertThat(String.join("\n", lines)).doesNotContain(ScriptedSigb.BARRED_CARD).doesNotContain(ScriptedSigb.PIN);
  }

  @Test
  void theReceiptIsPrintedInThePatronsLanguage() {
    String token = borrowOne();

    assertThat(kiosk.print(Optional.of(token), java.util.Locale.ENGLISH).orElseThrow().printed()).isTrue();

    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.receipts().size() == 1);
    List<String> lines = simulator.receipts().getFirst().stream().map(PtyPrinterSimulator.Line::text).toList();
    assertThat(lines.getFirst()).isEqualTo("Library BR01");
    assertThat(lines).contains("Card ********01", "Due 15/12/2026", "Thank you!");
    assertThat(String.join("\n", lines)).doesNotContain("Bibliothèque").doesNotContain("Merci");
  }

  @Test
  void outOfPaperNothingIsPrintedAndThePatronIsToldWhy() {
    String token = borrowOne();
    simulator.paperOut(true);

    Kiosk.Printed printed = kiosk.print(Optional.of(token)).orElseThrow();

    assertThat(printed.printed()).isFalse();
    assertThat(printed.message().fr()).contains("plus de papier").contains("reste affiché").doesNotContain("paper");
    assertThat(printed.message().en()).contains("out of paper").doesNotContain("papier");
    assertThat(simulator.receipts()).isEmpty();
    assertThat(printer.state()).isEqualTo(HealthEvent.PrinterState.PAPER_OUT);
  }
}
