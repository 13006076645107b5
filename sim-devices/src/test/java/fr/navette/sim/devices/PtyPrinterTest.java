package fr.navette.sim.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.navette.printer.EscPos;
import fr.navette.printer.PrinterException;
import fr.navette.printer.PrinterStatus;
import fr.navette.printer.Receipt;
import fr.navette.printer.ReceiptPrinter;
import fr.navette.reader.serial.SerialPorts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receipt printer driver against the simulated printer, over a real pty through jSerialComm. */
class PtyPrinterTest {
  @TempDir Path dir;
  private PtyPrinterSimulator printer;
  private ReceiptPrinter driver;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(Socat.available(), "socat is not installed: the pty printer tests are skipped");
    printer = PtyPrinterSimulator.start(dir);
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
    }
    if (printer != null) {
      printer.close();
    }
  }

  private ReceiptPrinter driver(EscPos.CodePage codePage) {
    driver = new ReceiptPrinter(SerialPorts.jSerialComm(), ReceiptPrinter.serial(printer.devicePath().toString()),
        codePage, 32, Duration.ofMillis(500));
    return driver;
  }

  private static Receipt loanReceipt() {
    return Receipt.builder().heading("Médiathèque de Quimper").centered("Prêt — Loan").blank()
        .bold("Œuvres complètes").text("À rendre le 15 décembre 2026 / Due back on 15 December 2026")
        .text("Montant dû : 1,50 €").build();
  }

  @Test
  void aFrenchReceiptComesOutLineByLineBoldWhereItShouldAndCut() throws Exception {
    assertThat(driver(EscPos.CodePage.CP858).print(loanReceipt())).isEqualTo(PrinterStatus.READY);
    await().atMost(Duration.ofSeconds(10)).until(() -> printer.receipts().size() == 1);
    assertThat(printer.receipts().getFirst()).containsExactly(
        new PtyPrinterSimulator.Line("Médiathèque de Quimper", true, true),
        new PtyPrinterSimulator.Line("Prêt - Loan", false, true),
        new PtyPrinterSimulator.Line("", false, false),
        new PtyPrinterSimulator.Line("OEuvres complètes", true, false),
        new PtyPrinterSimulator.Line("À rendre le 15 décembre 2026 /", false, false),
        new PtyPrinterSimulator.Line("Due back on 15 December 2026", false, false),
        new PtyPrinterSimulator.Line("Montant dû : 1,50 €", false, false));
    assertThat(printer.unknownCommands()).isZero();
  }

  @Test
  void onAPrinterWithoutCp858TheEuroIsSpeltOut() throws Exception {
    driver(EscPos.CodePage.CP850).print(Receipt.builder().text("Montant dû : 1,50 €").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> printer.receipts().size() == 1);
    assertThat(printer.receipts().getFirst()).extracting(PtyPrinterSimulator.Line::text)
        .containsExactly("Montant dû : 1,50 EUR");
  }

  @Test
  void faultsAreNamedAndNothingIsPrintedIntoThem() throws Exception {
    ReceiptPrinter d = driver(EscPos.CodePage.CP858);
    printer.paperOut(true);
    assertThatThrownBy(() -> d.print(loanReceipt())).isInstanceOf(PrinterException.class)
        .satisfies(e -> assertThat(((PrinterException) e).kind()).isEqualTo(PrinterException.Kind.PAPER_OUT))
        .hasMessageContaining("out of paper");
    printer.paperOut(false);
    printer.coverOpen(true);
    assertThatThrownBy(() -> d.print(loanReceipt()))
        .satisfies(e -> assertThat(((PrinterException) e).kind()).isEqualTo(PrinterException.Kind.COVER_OPEN));
    printer.coverOpen(false);
    printer.switchedOff(true);
    assertThatThrownBy(d::status)
        .satisfies(e -> assertThat(((PrinterException) e).kind()).isEqualTo(PrinterException.Kind.NOT_ANSWERING));
    printer.switchedOff(false);
    printer.paperNearEnd(true);
    PrinterStatus nearEnd = d.print(loanReceipt()); // still prints, and says so
    assertThat(nearEnd.paperNearEnd()).isTrue();
    assertThat(nearEnd.fault()).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> printer.receipts().size() == 1);
    assertThat(printer.receipts()).hasSize(1);
  }

  @Test
  void anUnpluggedPrinterIsSaidDisconnected() throws Exception {
    ReceiptPrinter d = driver(EscPos.CodePage.CP858);
    assertThat(d.status()).isEqualTo(PrinterStatus.READY);
    printer.close();
    printer = null;
    assertThatThrownBy(d::status).isInstanceOf(PrinterException.class)
        .satisfies(e -> assertThat(((PrinterException) e).kind()).isIn(PrinterException.Kind.DISCONNECTED,
            PrinterException.Kind.NOT_ANSWERING));
  }
}
