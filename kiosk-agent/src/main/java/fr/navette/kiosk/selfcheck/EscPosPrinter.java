package fr.navette.kiosk.selfcheck;

import fr.navette.printer.EscPos;
import fr.navette.printer.PrinterException;
import fr.navette.printer.PrinterHealth;
import fr.navette.printer.ReceiptPrinter;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.schema.HealthEvent;
import java.time.Duration;
import java.time.format.DateTimeFormatter;

/**
 * The kiosk's receipt on its ESC/POS thermal printer (the {@code receipt-printer} module, over serial): the same
 * lines as on the screen, the heading bold and centred. A fault (paper out, cover open, switched off, unplugged)
 * is refused before anything is printed, and the patron reads it in plain words; the receipt stays on screen.
 */
public final class EscPosPrinter implements Printer, AutoCloseable {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

  private final ReceiptPrinter printer;

  public EscPosPrinter(ReceiptPrinter printer) {
    this.printer = printer;
  }

  /** A printer on {@code port} at 9600 8N1, CP858, 48 columns (80 mm paper). */
  public static EscPosPrinter onSerial(String port) {
    return new EscPosPrinter(new ReceiptPrinter(SerialPorts.jSerialComm(), ReceiptPrinter.serial(port),
        EscPos.CodePage.CP858, 48, Duration.ofSeconds(1)));
  }

  @Override
  public synchronized void print(Receipt receipt) throws PrinterException {
    printer.print(paper(receipt));
  }

  // Asked by the health monitor's thread: synchronized with printing, which shares the serial line.
  @Override
  public synchronized HealthEvent.PrinterState state() {
    try {
      return PrinterHealth.of(printer.status());
    } catch (PrinterException e) {
      return PrinterHealth.of(e.kind());
    }
  }

  /** The receipt as the printer lays it out. */
  static fr.navette.printer.Receipt paper(Receipt receipt) {
    fr.navette.printer.Receipt.Builder b = fr.navette.printer.Receipt.builder()
        .heading("Bibliothèque / Library " + receipt.branch())
        .centered(WHEN.format(receipt.issuedAt()))
        .centered("Carte / Card " + receipt.maskedCard())
        .blank();
    for (Receipt.Line line : receipt.lines()) {
      b.bold(line.title().orElse(line.itemId()));
      b.text(line.itemId() + (line.renewed() ? "  prolongé / renewed" : ""));
      b.text("À rendre le / Due " + line.dueDate().map(DAY::format).orElse("?"));
      b.blank();
    }
    if (receipt.account().isPresent()) { // a view-only session: the account
      for (Receipt.Row row : receipt.accountRows()) {
        if (row.text().isEmpty()) {
          b.blank();
        } else if (row.heading()) {
          b.bold(row.text().strip());
        } else {
          b.text(row.text().strip()); // the paper's lines start at the margin, as the loans' lines above
        }
      }
      return b.centered("Merci ! / Thank you!").build();
    }
    return b.text(receipt.lines().size() + " document(s)").centered("Merci ! / Thank you!").build();
  }

  @Override
  public synchronized void close() {
    printer.close();
  }
}
