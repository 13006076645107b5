package fr.navette.printer;

import fr.navette.reader.serial.SerialConfig;
import fr.navette.reader.serial.SerialLink;
import fr.navette.reader.serial.SerialPorts;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thermal receipt printer speaking ESC/POS on a serial line (USB-CDC or RS-232), opened through reader-drivers'
 * {@link SerialPorts} seam. Before each receipt it asks the printer how it is ({@code DLE EOT 1/2/4}) and refuses
 * to print into a fault, with a {@link PrinterException} naming it: a kiosk then says "no receipt" instead of
 * pretending. The line is opened on first use and again after it was lost (the printer unplugged or switched off).
 * Not thread-safe: one kiosk, one printer, one caller.
 */
public final class ReceiptPrinter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiptPrinter.class);

  private final SerialPorts ports;
  private final SerialConfig config;
  private final EscPos.CodePage codePage;
  private final int columns;
  private final Duration timeout;
  private SerialLink link;

  /**
   * @param columns characters per line: 48 on 80 mm paper, 32 on 58 mm (font A)
   * @param timeout how long the printer may take to answer a status query
   */
  public ReceiptPrinter(SerialPorts ports, SerialConfig config, EscPos.CodePage codePage, int columns,
                        Duration timeout) {
    this.ports = Objects.requireNonNull(ports, "ports");
    this.config = Objects.requireNonNull(config, "config");
    this.codePage = Objects.requireNonNull(codePage, "codePage");
    this.columns = columns;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Most ESC/POS printers on serial: 9600 baud, 8N1. */
  public static SerialConfig serial(String port) {
    return new SerialConfig(port, 9600, 8, SerialConfig.Parity.NONE, 1);
  }

  /**
   * Asks the printer how it is.
   *
   * @throws PrinterException {@code DISCONNECTED} when the line cannot be opened or dies, {@code NOT_ANSWERING}
   *     when the printer is silent (switched off) or answers garbage
   */
  public PrinterStatus status() throws PrinterException {
    SerialLink l = line();
    try {
      l.discardInput();
      int printer = query(l, 1);
      int cause = query(l, 2);
      int paper = query(l, 4);
      return PrinterStatus.parse(printer, cause, paper);
    } catch (IOException e) {
      drop();
      throw new PrinterException(PrinterException.Kind.DISCONNECTED, config.port() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new PrinterException(PrinterException.Kind.NOT_ANSWERING, config.port() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Prints and cuts, if the printer can.
   *
   * @return the status seen before printing (which may say the paper is near its end)
   * @throws PrinterException naming the fault (paper out, cover open, offline, ...) when it cannot
   */
  public PrinterStatus print(Receipt receipt) throws PrinterException {
    PrinterStatus before = status();
    if (before.fault().isPresent()) {
      throw new PrinterException(before.fault().get(), config.port() + ": receipt not printed");
    }
    if (before.paperNearEnd()) {
      LOG.warn("receipt printer {}: paper near its end", config.port());
    }
    try {
      line().write(EscPos.encode(receipt, codePage, columns));
    } catch (IOException e) {
      drop();
      throw new PrinterException(PrinterException.Kind.DISCONNECTED, config.port() + ": " + e.getMessage(), e);
    }
    return before;
  }

  private int query(SerialLink l, int n) throws IOException, PrinterException {
    l.write(EscPos.statusQuery(n));
    byte[] one = new byte[1];
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new PrinterException(PrinterException.Kind.NOT_ANSWERING,
            config.port() + ": no answer to DLE EOT " + n + " within " + timeout.toMillis() + " ms");
      }
      if (l.read(one, Duration.ofNanos(left)) == 1) {
        return one[0] & 0xFF;
      }
    }
  }

  private SerialLink line() throws PrinterException {
    if (link == null) {
      try {
        link = ports.open(config);
      } catch (IOException e) {
        throw new PrinterException(PrinterException.Kind.DISCONNECTED, "cannot open " + config + ": "
            + e.getMessage(), e);
      }
    }
    return link;
  }

  private void drop() {
    if (link != null) {
      link.close();
      link = null;
    }
  }

  @Override
  public void close() {
    drop();
  }
}
