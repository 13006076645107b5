package fr.navette.kiosk.selfcheck;

import fr.navette.printer.PrinterException;
import fr.navette.schema.HealthEvent;

/** The kiosk's receipt printer, when it has one: {@link EscPosPrinter} on a real kiosk. */
public interface Printer {
  /**
   * Prints the receipt in the patron's language.
   *
   * @throws PrinterException naming the fault (paper out, cover open, unplugged ...): nothing was printed
   */
  void print(Receipt receipt, java.util.Locale language) throws PrinterException;

  /** How the printer is now, for the kiosk's health (the hub alerts staff on a fault). */
  HealthEvent.PrinterState state();
}
