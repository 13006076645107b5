package fr.navette.printer;

import java.util.Optional;

/**
 * What an ESC/POS printer says of itself through the real-time status queries {@code DLE EOT 1}, {@code 2} and
 * {@code 4} (one byte each; Epson's TM series and most clones). Near end is a warning, not a fault: it still prints.
 */
public record PrinterStatus(boolean online, boolean coverOpen, boolean paperOut, boolean paperNearEnd,
                            boolean error) {
  public static final PrinterStatus READY = new PrinterStatus(true, false, false, false, false);

  /** What stops printing, the worst first; empty when the printer can print. */
  public Optional<PrinterException.Kind> fault() {
    if (coverOpen) {
      return Optional.of(PrinterException.Kind.COVER_OPEN);
    }
    if (paperOut) {
      return Optional.of(PrinterException.Kind.PAPER_OUT);
    }
    if (error) {
      return Optional.of(PrinterException.Kind.ERROR);
    }
    if (!online) {
      return Optional.of(PrinterException.Kind.OFFLINE);
    }
    return Optional.empty();
  }

  /**
   * Reads the three status bytes.
   *
   * @param printer the reply to DLE EOT 1: bit 3 = offline
   * @param offlineCause the reply to DLE EOT 2: bit 2 = cover open, bit 5 = stopped at paper end, bit 6 = error
   * @param paperSensor the reply to DLE EOT 4: bits 2-3 = paper near end, bits 5-6 = paper end
   * @throws IllegalArgumentException when a byte lacks the fixed bits every status byte has (0xx1xx10)
   */
  public static PrinterStatus parse(int printer, int offlineCause, int paperSensor) {
    requireStatusByte("DLE EOT 1", printer);
    requireStatusByte("DLE EOT 2", offlineCause);
    requireStatusByte("DLE EOT 4", paperSensor);
    return new PrinterStatus((printer & 0x08) == 0, (offlineCause & 0x04) != 0,
        (paperSensor & 0x60) != 0 || (offlineCause & 0x20) != 0, (paperSensor & 0x0C) != 0,
        (offlineCause & 0x40) != 0);
  }

  private static void requireStatusByte(String query, int b) {
    if ((b & 0x93) != 0x12) {
      throw new IllegalArgumentException("reply to " + query + " is not a status byte: 0x"
          + Integer.toHexString(b & 0xFF));
    }
  }

  /** The bytes a printer in this state answers to DLE EOT 1, 2 and 4 (what a simulator sends). */
  public byte[] toBytes() {
    int printer = 0x12 | (online ? 0 : 0x08);
    int cause = 0x12 | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0) | (error ? 0x40 : 0);
    int sensor = 0x12 | (paperNearEnd ? 0x0C : 0) | (paperOut ? 0x60 : 0);
    return new byte[] {(byte) printer, (byte) cause, (byte) sensor};
  }
}
