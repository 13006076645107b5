package fr.navette.printer;

import fr.navette.schema.HealthEvent.PrinterState;

/** What a kiosk reports of its printer in its health (the hub raises "printer-fault" alerts from it). */
public final class PrinterHealth {
  private PrinterHealth() {}

  public static PrinterState of(PrinterStatus status) {
    return status.fault().map(PrinterHealth::of)
        .orElse(status.paperNearEnd() ? PrinterState.PAPER_NEAR_END : PrinterState.OK);
  }

  public static PrinterState of(PrinterException.Kind fault) {
    return switch (fault) {
      case PAPER_OUT -> PrinterState.PAPER_OUT;
      case COVER_OPEN -> PrinterState.COVER_OPEN;
      case DISCONNECTED -> PrinterState.DISCONNECTED;
      case OFFLINE, ERROR, NOT_ANSWERING -> PrinterState.OFFLINE;
    };
  }
}
