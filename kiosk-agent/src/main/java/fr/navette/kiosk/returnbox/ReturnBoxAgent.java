package fr.navette.kiosk.returnbox;

import fr.navette.agent.ConfigRefusedException;
import fr.navette.agent.ConfigTarget;
import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.LoopThread;
import fr.navette.agent.SessionSettings;
import fr.navette.gpio.Gpio;
import fr.navette.gpio.PinSpec;
import fr.navette.gpio.Pull;
import fr.navette.printer.PrinterException;
import fr.navette.printer.PrinterHealth;
import fr.navette.printer.Receipt;
import fr.navette.printer.ReceiptPrinter;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.schema.ReturnProblemEvent;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.HealthEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A return box as a running agent: its reader loop, its slot sensor and bin diverters, and the device runtime
 * (durable outbox, MQTT session, health, config). One loop thread owns the reader; a failing poll is logged,
 * shows in health, and the loop goes on.
 */
public final class ReturnBoxAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReturnBoxAgent.class);
  private static final Duration SLOT_DEBOUNCE = Duration.ofMillis(5);
  private static final Duration BUTTON_DEBOUNCE = Duration.ofMillis(20);

  /**
   * The box's wiring.
   *
   * @param slot the slot sensor (active while a document passes), if the box has one
   * @param receiptButton the patron's "receipt" button, if the box has one (and a printer)
   * @param printer the receipt printer, if the box has one
   */
  public record Wiring(Gpio gpio, BinPlan bins, Optional<PinSpec> slot, Optional<PinSpec> receiptButton,
                       Optional<ReceiptPrinter> printer) {
    /** A box with bins and perhaps a slot sensor, no receipts. */
    public Wiring(Gpio gpio, BinPlan bins, Optional<PinSpec> slot) {
      this(gpio, bins, slot, Optional.empty(), Optional.empty());
    }
  }

  /** How far back a receipt reaches: one patron's drop. */
  static final Duration RECEIPT_WINDOW = Duration.ofMinutes(5);

  private final ReturnBoxConfig config;
  private final RfidReader reader;
  private final DeviceRuntime runtime;
  private final ReturnBox box;
  private final LoopThread loop;
  private final Optional<ReceiptPrinter> printer;
  private final ReturnReceipts receipts;
  private final AtomicBoolean receiptAsked = new AtomicBoolean();
  private volatile HealthEvent.PrinterState printerState;
  private volatile HealthEvent.ReaderState readerState = HealthEvent.ReaderState.OK;

  /** A box with the runtime's defaults (outbox and kept config under {@code dataDir}). */
  public ReturnBoxAgent(ReturnBoxConfig config, Wiring wiring, RfidReader reader, Path dataDir, String brokerUri,
                        Clock clock, ReturnBox.ReturnListener listener) {
    this(config, wiring, reader,
        DeviceRuntime.Settings.of(SessionSettings.of(brokerUri, config.site(), config.deviceId()), dataDir), clock,
        listener);
  }

  public ReturnBoxAgent(ReturnBoxConfig config, Wiring wiring, RfidReader reader, DeviceRuntime.Settings settings,
                        Clock clock, ReturnBox.ReturnListener listener) {
    this.config = config;
    this.reader = reader;
    this.runtime = DeviceRuntime.start(settings, new NoRemoteSettings(), () -> readerState, commands -> { }, clock);
    this.printer = wiring.printer();
    this.printerState = printer.isPresent() ? HealthEvent.PrinterState.OK : HealthEvent.PrinterState.NONE;
    runtime.health().printer(() -> printerState);
    this.receipts = new ReturnReceipts(config.site(), RECEIPT_WINDOW, clock, ZoneId.systemDefault());
    this.box = new ReturnBox(config, reader, new RuntimeLedger(runtime), new Diverter(wiring.gpio(), wiring.bins()),
        clock, new RememberedForReceipts(listener));
    this.loop = new LoopThread("box-" + config.deviceId(), this::run);
    wiring.slot().ifPresent(pin -> wiring.gpio().input(pin, Pull.OFF, SLOT_DEBOUNCE).onChange((in, active, at) -> {
      if (active) {
        box.slotTriggered();
        loop.unpark();
      }
    }));
    wiring.receiptButton().ifPresent(pin -> wiring.gpio().input(pin, Pull.UP, BUTTON_DEBOUNCE)
        .onChange((in, pressed, at) -> {
          if (pressed) {
            receiptAsked.set(true);
            loop.unpark();
          }
        }));
  }

  public void start() {
    loop.start();
    runtime.ready(); // systemd's READY=1 once the loop's first look at the reader is done
    LOG.info("return box {} at {} started", config.deviceId(), config.site());
  }

  public long outboxDepth() {
    return runtime.outbox().depth();
  }

  /** The last sequence number the box ever stored (its outbox's high-water mark): what the hub must hold. */
  public long lastSequence() {
    return runtime.outbox().lastSequence();
  }

  public boolean hubReachable() {
    return runtime.session().isConnected();
  }

  private void run() {
    while (loop.running()) {
      try {
        box.poll();
        readerState = HealthEvent.ReaderState.OK;
      } catch (ReaderException e) {
        if (readerState != HealthEvent.ReaderState.DOWN) {
          LOG.warn("box {}: reader: {}", config.deviceId(), e.getMessage());
        }
        readerState = HealthEvent.ReaderState.DOWN;
        runtime.health().recordError("reader: " + e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("box {}: {}", config.deviceId(), e.toString(), e);
        runtime.health().recordError(e.toString());
      }
      if (receiptAsked.getAndSet(false)) {
        printReceipt();
      }
      runtime.health().heartbeat();
      // The slot sensor wakes the loop at once; without one the field is watched every poll interval.
      LockSupport.parkNanos(config.pollInterval().toNanos());
      if (Thread.interrupted()) {
        return;
      }
    }
  }

  // On the loop: the printer is slow, and the Pi4J thread that saw the button must not wait for it.
  private void printReceipt() {
    Optional<Receipt> receipt = receipts.take();
    if (receipt.isEmpty() || printer.isEmpty()) {
      return;
    }
    try {
      printerState = PrinterHealth.of(printer.get().print(receipt.get()));
    } catch (PrinterException e) {
      printerState = PrinterHealth.of(e.kind());
      LOG.warn("box {}: receipt not printed: {} ({})", config.deviceId(), e.getMessage(), e.kind().advice());
      runtime.health().recordError("printer: " + e.kind() + ": " + e.getMessage());
    }
  }

  /** Keeps what the box took back for the next receipt, then tells the agent's own listener. */
  private final class RememberedForReceipts implements ReturnBox.ReturnListener {
    private final ReturnBox.ReturnListener next;

    RememberedForReceipts(ReturnBox.ReturnListener next) {
      this.next = next;
    }

    @Override
    public void accepted(Uid uid, String itemId, boolean rearmed, Bin bin, Optional<SigbResponse> answer) {
      receipts.accepted(itemId, answer.flatMap(SigbResponse::title));
      next.accepted(uid, itemId, rearmed, bin, answer);
    }

    @Override
    public void refused(Optional<Uid> uid, ReturnProblemEvent.Problem problem, String detail, Bin bin) {
      next.refused(uid, problem, detail, bin);
    }
  }

  @Override
  public void close() {
    runtime.stopping();
    loop.close();
    runtime.close();
    reader.close();
    printer.ifPresent(ReceiptPrinter::close);
  }

  /** The box takes no settings from the hub yet: a config with settings is refused, naming them. */
  private static final class NoRemoteSettings implements ConfigTarget {
    @Override
    public void validate(DeviceConfig config) throws ConfigRefusedException {
      if (!config.settings().isEmpty()) {
        throw new ConfigRefusedException("settings: a return box takes none remotely yet, got "
            + config.settings().keySet());
      }
    }

    @Override
    public void apply(DeviceConfig config) {}
  }
}
