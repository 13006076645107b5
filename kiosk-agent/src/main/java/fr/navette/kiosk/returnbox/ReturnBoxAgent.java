package fr.navette.kiosk.returnbox;

import fr.navette.agent.ConfigRefusedException;
import fr.navette.agent.ConfigTarget;
import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.SessionSettings;
import fr.navette.gpio.Gpio;
import fr.navette.gpio.PinSpec;
import fr.navette.gpio.Pull;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.HealthEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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

  /**
   * The box's wiring.
   *
   * @param slot the slot sensor (active while a document passes), if the box has one
   */
  public record Wiring(Gpio gpio, BinPlan bins, Optional<PinSpec> slot) {}

  private final ReturnBoxConfig config;
  private final RfidReader reader;
  private final DeviceRuntime runtime;
  private final ReturnBox box;
  private final Thread loop;
  private volatile HealthEvent.ReaderState readerState = HealthEvent.ReaderState.OK;
  private volatile boolean running = true;

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
    this.box = new ReturnBox(config, reader, new RuntimeLedger(runtime), new Diverter(wiring.gpio(), wiring.bins()),
        clock, listener);
    this.loop = Thread.ofPlatform().name("box-" + config.deviceId()).daemon(true).unstarted(this::run);
    wiring.slot().ifPresent(pin -> wiring.gpio().input(pin, Pull.OFF, SLOT_DEBOUNCE).onChange((in, active, at) -> {
      if (active) {
        box.slotTriggered();
        LockSupport.unpark(loop);
      }
    }));
  }

  public void start() {
    loop.start();
    LOG.info("return box {} at {} started", config.deviceId(), config.site());
  }

  public long outboxDepth() {
    return runtime.outbox().depth();
  }

  public boolean hubReachable() {
    return runtime.session().isConnected();
  }

  private void run() {
    while (running) {
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
      runtime.health().heartbeat();
      // The slot sensor wakes the loop at once; without one the field is watched every poll interval.
      LockSupport.parkNanos(config.pollInterval().toNanos());
      if (Thread.interrupted()) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    loop.interrupt();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runtime.close();
    reader.close();
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
