package fr.navette.sim.devices;

import fr.navette.printer.PrinterStatus;
import fr.navette.printer.ReceiptPrinter;
import fr.navette.reader.serial.SerialLink;
import fr.navette.reader.serial.SerialPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ESC/POS thermal printer on a pty (socat, like {@link PtyReaderSimulator}): it reads what a driver sends back
 * into lines of text, one list per cut receipt, answers the real-time status queries, and can run out of paper,
 * have its cover opened or be switched off (silent). Text sent while it cannot print is lost, as on paper.
 */
public final class PtyPrinterSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PtyPrinterSimulator.class);

  /** A printed line: its text, bold or not, centred or not. */
  public record Line(String text, boolean bold, boolean centered) {}

  private final Path devicePath;
  private final Socat socat;
  private final SerialLink link;
  private final EscPosDecoder decoder;
  private final Thread loop;
  private volatile boolean running = true;
  private volatile boolean paperOut;
  private volatile boolean paperNearEnd;
  private volatile boolean coverOpen;
  private volatile boolean switchedOff;

  private PtyPrinterSimulator(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.devicePath = dir.resolve("printer");
    Path simPath = dir.resolve(".sim-side-printer");
    this.socat = Socat.start(devicePath, simPath);
    try {
      this.link = SerialPorts.jSerialComm().open(ReceiptPrinter.serial(simPath.toString()));
    } catch (IOException e) {
      socat.close();
      throw e;
    }
    this.decoder = new EscPosDecoder(this::status, this::reply, () -> !paperOut && !coverOpen);
    this.loop = Thread.ofPlatform().daemon().name("printer-sim").start(this::serve);
  }

  /** Starts a printer whose pty appears in {@code dir} (see {@link #devicePath()}). */
  public static PtyPrinterSimulator start(Path dir) throws IOException {
    return new PtyPrinterSimulator(dir);
  }

  /** The path a driver opens, as it would /dev/ttyUSB0. */
  public Path devicePath() {
    return devicePath;
  }

  public void paperOut(boolean out) {
    paperOut = out;
  }

  public void paperNearEnd(boolean nearEnd) {
    paperNearEnd = nearEnd;
  }

  public void coverOpen(boolean open) {
    coverOpen = open;
  }

  /** Switched off: it answers nothing and prints nothing. */
  public void switchedOff(boolean off) {
    switchedOff = off;
  }

  /** What it would answer to the status queries now. */
  public PrinterStatus status() {
    return new PrinterStatus(!paperOut && !coverOpen, coverOpen, paperOut, paperNearEnd, false);
  }

  /** The receipts printed and cut so far, each as its lines. */
  public List<List<Line>> receipts() {
    synchronized (decoder) {
      return decoder.receipts().stream()
          .map(r -> r.stream().map(l -> new Line(l.text(), l.bold(), l.centered())).toList()).toList();
    }
  }

  /** ESC/POS commands it did not know (a driver sending what no printer expects). */
  public int unknownCommands() {
    synchronized (decoder) {
      return decoder.unknownCommands();
    }
  }

  private void reply(byte[] bytes) {
    try {
      link.write(bytes);
    } catch (IOException e) {
      LOG.warn("simulated printer: cannot answer a status query: {}", e.toString());
    }
  }

  private void serve() {
    byte[] chunk = new byte[1024];
    while (running) {
      try {
        int n = link.read(chunk, Duration.ofMillis(100));
        if (n > 0 && !switchedOff) {
          synchronized (decoder) {
            decoder.accept(chunk, n);
          }
        }
      } catch (IOException | RuntimeException e) {
        if (running) {
          LOG.warn("simulated printer: line failed ({})", e.toString());
        }
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    link.close();
    socat.close();
    try {
      loop.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
