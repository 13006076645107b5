package fr.navette.kiosk.selfcheck;

import fr.navette.printer.EscPos;
import fr.navette.printer.PrinterException;
import fr.navette.printer.PrinterHealth;
import fr.navette.printer.ReceiptPrinter;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.schema.HealthEvent;
import java.time.Duration;
import java.util.Locale;

/**
 * The kiosk's receipt on its ESC/POS thermal printer (the {@code receipt-printer} module, over serial): the same
 * lines as on the screen, the heading bold and centred. A fault (paper out, cover open, switched off, unplugged)
 * is refused before anything is printed, and the patron reads it in plain words; the receipt stays on screen.
 */
public final class EscPosPrinter implements Printer, AutoCloseable {
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
  public synchronized void print(Receipt receipt, Locale language) throws PrinterException {
    printer.print(paper(receipt, language));
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

  /** The receipt as the printer lays it out, in the patron's language. */
  static fr.navette.printer.Receipt paper(Receipt receipt, Locale language) {
    fr.navette.printer.Receipt.Builder b = fr.navette.printer.Receipt.builder()
        .heading(receipt.heading(language))
        .centered(receipt.issued())
        .centered(receipt.card(language))
        .blank();
    for (Receipt.Line line : receipt.lines()) {
      b.bold(line.title().orElse(line.itemId()));
      b.text(Receipt.item(line, language));
      b.text(Receipt.due(line.dueDate(), language));
      b.blank();
    }
    if (receipt.account().isPresent()) { // a view-only session: the account
      for (Receipt.Row row : receipt.accountRows(language)) {
        if (row.text().isEmpty()) {
          b.blank();
        } else if (row.heading()) {
          b.bold(row.text().strip());
        } else {
          b.text(row.text().strip()); // the paper's lines start at the margin, as the loans' lines above
        }
      }
      return b.centered(Receipt.thanks(language)).build();
    }
    return b.text(receipt.count(language)).centered(Receipt.thanks(language)).build();
  }

  @Override
  public synchronized void close() {
    printer.close();
  }
}
