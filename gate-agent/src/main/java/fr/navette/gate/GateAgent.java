package fr.navette.gate;

import fr.navette.agent.CommandAgent;
import fr.navette.agent.ConfigRefusedException;
import fr.navette.agent.ConfigTarget;
import fr.navette.agent.DeviceRuntime;
import fr.navette.gate.alarm.AlarmOutputs;
import fr.navette.gate.config.GateConfig;
import fr.navette.gate.config.GateConfigException;
import fr.navette.gate.passage.Passages;
import fr.navette.gate.reading.Detection;
import fr.navette.gate.reading.GateLoop;
import fr.navette.gate.reading.ReaderHealth;
import fr.navette.gpio.DigitalIn;
import fr.navette.gpio.Gpio;
import fr.navette.gpio.Pull;
import fr.navette.reader.RfidReader;
import fr.navette.schema.AlarmEvent;
import fr.navette.schema.Channel;
import fr.navette.schema.CountEvent;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A security gate as a running agent: the reading loop that fires the light and buzzer, the beams that count
 * visitors and tell directions, and the device runtime (outbox, session, config, commands, health) that reports
 * it all to the hub. The gate never waits for the hub: alarms are stored in the outbox and forwarded when the
 * broker is reachable.
 *
 * <p>Commands: {@code silence}; {@code test-alarm} with {@code seconds} (1-120): light and buzzer steady;
 * {@code resync}: the local settings read again and the hub's config in force laid over them.
 */
public final class GateAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GateAgent.class);

  private final Supplier<Map<String, String>> localSettings;
  private final GateConfig startConfig;
  private final Clock clock;
  private final AlarmOutputs outputs;
  private final Passages passages;
  private final GateLoop loop;
  private final DeviceRuntime runtime;
  private final ExecutorService events = Executors.newSingleThreadExecutor(
      r -> Thread.ofPlatform().name("gate-events").daemon(true).unstarted(r));
  private final ScheduledExecutorService counter = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name("gate-counts").daemon(true).unstarted(r));
  private volatile GateConfig config;
  private ScheduledFuture<?> countTask;
  private Instant periodStart;
  private Duration countingEvery;

  private GateAgent(Supplier<Map<String, String>> localSettings, RfidReader reader, Gpio gpio,
                    DeviceRuntime.Settings settings, Clock clock) {
    this.localSettings = localSettings;
    this.startConfig = GateConfig.parse(localSettings.get());
    this.config = startConfig;
    this.clock = clock;
    LOG.info("{}", startConfig.describe());
    this.outputs = new AlarmOutputs(List.of(gpio.output(startConfig.light()), gpio.output(startConfig.buzzer())));
    this.passages = new Passages(startConfig.directionWindow());
    DigitalIn beamA = gpio.input(startConfig.beamA(), Pull.OFF, startConfig.beamDebounce());
    DigitalIn beamB = gpio.input(startConfig.beamB(), Pull.OFF, startConfig.beamDebounce());
    beamA.onChange((in, active, nanos) -> passages.beam(Passages.Beam.A, active, nanos));
    beamB.onChange((in, active, nanos) -> passages.beam(Passages.Beam.B, active, nanos));
    // the loop exists before the runtime (its reader state feeds health); it starts after
    final DeviceRuntime[] rt = new DeviceRuntime[1];
    this.loop = new GateLoop(reader, outputs, passages, () -> config, this::report,
        () -> { if (rt[0] != null) { rt[0].health().heartbeat(); } },
        problem -> { if (rt[0] != null) { rt[0].health().recordError(problem); } }, clock);
    this.runtime = DeviceRuntime.start(settings, new Target(), this::readerState, this::register, clock);
    rt[0] = runtime;
    this.periodStart = clock.instant();
    scheduleCounts(config.countInterval());
    loop.start();
    runtime.ready(); // systemd's READY=1 once the loop's first look at the reader is done
    LOG.info("gate {} at {} reading ({})", startConfig.deviceId(), startConfig.site(), config.security());
  }

  /**
   * Starts a gate.
   *
   * @param localSettings the gate's own settings (file or options); read again by {@code resync}
   * @param reader the gate's reader (a serial driver on a Pi; a simulator in tests and the demo)
   * @param gpio the board's pins (gpiod on a Pi; Pi4J's mock in tests and the demo)
   * @throws GateConfigException when the settings cannot be used
   */
  public static GateAgent start(Supplier<Map<String, String>> localSettings, RfidReader reader, Gpio gpio,
                                DeviceRuntime.Settings settings, Clock clock) {
    return new GateAgent(localSettings, reader, gpio, settings, clock);
  }

  public GateConfig config() {
    return config;
  }

  public ReaderHealth readerHealth() {
    return loop.readerHealth();
  }

  public DeviceRuntime runtime() {
    return runtime;
  }

  /** Silences the alarm sounding now (the {@code silence} command). */
  public void silence() {
    outputs.silence();
  }

  /** Publishes the counts so far now and starts a new period (also done at each interval and at close). */
  public void publishCounts() {
    synchronized (counter) {
      Instant end = clock.instant();
      Passages.Counts counts = passages.takeCounts();
      Instant start = periodStart;
      periodStart = end;
      events.execute(() -> runtime.record(Channel.COUNT, header -> EventCodec.encode(
          new CountEvent(header, start, end, counts.entries(), counts.exits(), 1))));
    }
  }

  private HealthEvent.ReaderState readerState() {
    return loop.readerHealth().state();
  }

  private void report(Detection d) {
    // Storing (an fsync) and publishing happen here, off the reading loop.
    events.execute(() -> {
      try {
        runtime.record(Channel.ALARM, header -> EventCodec.encode(new AlarmEvent(header, d.uid().toString(),
            d.identity().itemId(), d.direction(), d.detectedAt(), OptionalInt.of(d.antenna()),
            d.identity().problem())));
      } catch (RuntimeException e) {
        LOG.error("gate {}: alarm of tag {} not stored: {}", config.deviceId(), d.uid(), e.toString(), e);
      }
    });
  }

  private void register(CommandAgent commands) {
    commands.register("silence", command -> {
      outputs.silence();
      return Optional.of("silenced");
    });
    commands.register("test-alarm", command -> {
      String text = command.args().getOrDefault("seconds", "3");
      int seconds;
      try {
        seconds = Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        throw new CommandAgent.CommandRefusedException("seconds: a whole number 1-120 required, got '" + text + "'");
      }
      if (seconds < 1 || seconds > 120) {
        throw new CommandAgent.CommandRefusedException("seconds: 1-120, got " + seconds);
      }
      outputs.test(Duration.ofSeconds(seconds));
      return Optional.of("light and buzzer on for " + seconds + " s");
    });
    commands.register("resync", command -> {
      try {
        GateConfig fresh = GateConfig.parse(localSettings.get());
        Optional<DeviceConfig> remote = runtime.config().inForce();
        GateConfig merged = remote.map(r -> fresh.with(r.settings())).orElse(fresh);
        applyTunables(merged);
        return Optional.of("config re-read; hub version " + runtime.config().versionInForce() + " laid over it");
      } catch (GateConfigException | ConfigRefusedException e) {
        throw new CommandAgent.CommandRefusedException(e.getMessage());
      }
    });
  }

  private void applyTunables(GateConfig next) throws ConfigRefusedException {
    List<String> hardware = startConfig.hardwareChanges(next);
    if (!hardware.isEmpty()) {
      throw new ConfigRefusedException(String.join(", ", hardware) + ": takes effect only at restart");
    }
    if (!next.site().equals(startConfig.site()) || !next.deviceId().equals(startConfig.deviceId())) {
      throw new ConfigRefusedException("site/device-id: cannot change on a running gate");
    }
    Duration interval = next.countInterval();
    config = next;
    if (!interval.equals(countingEvery)) {
      scheduleCounts(interval);
    }
    LOG.info("gate {}: settings in force: {}", next.deviceId(), next.settings());
  }

  private void scheduleCounts(Duration interval) {
    synchronized (counter) {
      if (countTask != null) {
        countTask.cancel(false);
      }
      countingEvery = interval;
      countTask = counter.scheduleAtFixedRate(() -> {
        try {
          publishCounts();
        } catch (RuntimeException e) {
          LOG.error("gate counts: {}", e.toString(), e);
        }
      }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The hub's retained config: validated whole over the local settings; only tunables may change. */
  private final class Target implements ConfigTarget {
    @Override
    public void validate(DeviceConfig remote) throws ConfigRefusedException {
      GateConfig next = merged(remote);
      List<String> hardware = startConfig.hardwareChanges(next);
      if (!hardware.isEmpty()) {
        throw new ConfigRefusedException(String.join(", ", hardware) + ": takes effect only at restart");
      }
    }

    @Override
    public void apply(DeviceConfig remote) throws ConfigRefusedException {
      applyTunables(merged(remote));
    }

    private GateConfig merged(DeviceConfig remote) throws ConfigRefusedException {
      try {
        return startConfig.with(remote.settings());
      } catch (GateConfigException e) {
        throw new ConfigRefusedException(e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    runtime.stopping();
    loop.close();
    try {
      publishCounts();
    } catch (RuntimeException e) {
      LOG.warn("gate {}: last counts not stored: {}", config.deviceId(), e.toString());
    }
    counter.shutdownNow();
    events.shutdown();
    try {
      events.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    outputs.close();
    runtime.close();
  }
}
