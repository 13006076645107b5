package fr.navette.launcher.gate;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.FlatSettings;
import fr.navette.agent.ShutdownSignal;
import fr.navette.gate.GateAgent;
import fr.navette.gate.config.GateConfig;
import fr.navette.gate.config.GateConfigException;
import fr.navette.gpio.Gpio;
import fr.navette.gpio.MockGpio;
import fr.navette.gpio.Pi4jGpio;
import fr.navette.reader.protocol.ReaderProtocol;
import fr.navette.reader.RfidReader;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.Socat;
import fr.navette.sim.devices.VirtualField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import fr.navette.identity.DeviceKind;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the gate agent: on a Pi from its settings file (and {@code --set} overrides), or, with {@code --simulate},
 * on a PC with Pi4J's mock platform, the reader simulator on a pty and people walking through.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
    description = {"Runs a security gate (settings in --config and --set key=value; keys in gate-agent/README.md).",
        "Lance un portique antivol (réglages dans --config et --set clé=valeur ; clés dans gate-agent/README.md).",
        "",
        "Enrolled (navette enrol --dir DIR): --identity DIR gives the id, site and broker, TLS with the gate's"
            + " certificate, renewed before it ends."})
public final class GateCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", description = "Settings file (key=value).")
  Path config;

  @Option(names = "--set", description = "A setting over the file's, e.g. --set alarm.hold-off-ms=3000 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Mixin DeviceRuntimeOptions device;

  @Option(names = "--data", defaultValue = "navette-gate-data",
      description = "Folder for the durable outbox and the kept config (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--simulate",
      description = "On a PC: Pi4J's mock GPIO, the FEIG reader simulator in a process of its own on a pty (in-process without socat), walkers.")
  boolean simulate;

  @Option(names = "--walk-every", defaultValue = "PT2S",
      description = "With --simulate: time between two walkers, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration walkEvery;

  @Option(names = "--alarm-share", defaultValue = "0.05",
      description = "With --simulate: share of walkers carrying an armed document (default: ${DEFAULT-VALUE}).")
  double alarmShare;

  @Override
  public Integer call() throws Exception {
    Supplier<Map<String, String>> settings = () -> settings(false);
    GateConfig first;
    try {
      first = GateConfig.parse(settings(true));
    } catch (GateConfigException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    return simulate ? simulated(first, settings) : onDevice(first, settings);
  }

  /** The file's settings with the overrides over them; {@code --simulate} fills in what a PC lacks. */
  private Map<String, String> settings(boolean atStart) {
    Map<String, String> s = new LinkedHashMap<>();
    if (simulate && device.enrolled().isEmpty()) {
      s.put("site", "SIM");
      s.put("device-id", "gate-sim-1");
    }
    if (config != null) {
      try {
        s.putAll(FlatSettings.load(config));
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("--config: no such file " + config);
      } catch (IOException e) {
        throw new IllegalArgumentException("--config: " + config + " cannot be read: " + e.getMessage());
      }
    }
    s.putAll(overrides);
    device.fillFromIdentity(s, Set.of(DeviceKind.GATE));
    if (simulate) {
      s.put("gpio.provider", "mock");
      s.putIfAbsent("reader.pause-ms", "20");
    }
    return s;
  }

  private int onDevice(GateConfig c, Supplier<Map<String, String>> settings) throws InterruptedException {
    String port = c.readerPort().orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
        "reader.port: required (e.g. --set reader.port=/dev/ttyUSB0), or --simulate on a PC"));
    RfidReader reader = ReaderProtocol.parse(c.readerProtocol()).open(port);
    try (ShutdownSignal signal = ShutdownSignal.install();
         Gpio gpio = Pi4jGpio.open(c.gpioProvider());
         GateAgent gate = GateAgent.start(settings, reader, gpio, runtime(c), Clock.systemUTC())) {
      System.out.println("Gate " + c.deviceId() + " (" + c.site() + "): " + c.readerProtocol() + " reader on " + port
          + ", GPIO " + c.gpioProvider().configName() + ", " + c.security() + ", hub at " + device.broker());
      signal.await();
    }
    return 0;
  }

  private int simulated(GateConfig c, Supplier<Map<String, String>> settings) throws Exception {
    Path ptyDir = Files.createTempDirectory("navette-gate-pty-");
    // With socat, the reader simulator runs in a process of its own behind its pty, as a reader is a device of its
    // own: this process then holds what a gate runs (bench/README.md measures it). Without socat, in-process.
    ReaderSimulatorProcess simulator = Socat.available() ? ReaderSimulatorProcess.start(ptyDir) : null;
    VirtualField localField = simulator == null ? new VirtualField() : null;
    GateTraffic.Field field = simulator != null ? simulator : GateTraffic.Field.of(localField);
    RfidReader reader = simulator == null ? new SimulatedReader(localField)
        : ReaderProtocol.FEIG.open(simulator.devicePath().toString());
    ScheduledExecutorService walkers = Executors.newSingleThreadScheduledExecutor(
        r -> Thread.ofPlatform().name("sim-walkers").daemon(true).unstarted(r));
    // The simulation is closed after the gate and before the signal, which lets the JVM end once it is closed.
    try (ShutdownSignal signal = ShutdownSignal.install();
         AutoCloseable simulation = () -> {
           walkers.shutdownNow();
           if (simulator != null) {
             simulator.close();
           }
           Files.deleteIfExists(ptyDir);
         };
         MockGpio gpio = MockGpio.create();
         GateAgent gate = GateAgent.start(settings, reader, gpio, runtime(c), Clock.systemUTC())) {
      GateTraffic traffic = new GateTraffic(gpio, field, new GateTraffic.Documents(
          new Numbered("SIM"), new Numbered("LOAN")), 42, Duration.ofMillis(Math.max(10, walkEvery.toMillis() / 8)),
          alarmShare, 0xE004030000000000L);
      walkers.scheduleAtFixedRate(() -> traffic.walkOne(walkers), walkEvery.toMillis(), walkEvery.toMillis(),
          TimeUnit.MILLISECONDS);
      System.out.println("Gate " + c.deviceId() + " (" + c.site() + ") simulated: reader "
          + (simulator == null ? "in-process (socat not installed)"
              : "FEIG on " + simulator.devicePath() + " (simulator PID " + simulator.pid() + ")")
          + ", Pi4J mock GPIO, a walker every " + walkEvery + ", hub at " + device.broker());
      System.out.println("PID " + ProcessHandle.current().pid());
      System.out.flush();
      signal.await();
      walkers.shutdownNow(); // nobody walks through while the reader and its simulator close
      System.out.println("Walkers: " + traffic.walkers() + ", armed documents carried: " + traffic.armedCarried()
          + ", reader outages: " + gate.readerHealth().outages());
    }
    return 0;
  }

  private DeviceRuntime.Settings runtime(GateConfig c) {
    // A reading pass is well under a second: 20 s without one is a stuck loop (GET /health 503, and no systemd
    // watchdog ping: the unit's WatchdogSec=30 then restarts the gate within 50 s of the last alarm it could fire).
    return device.settings(c.site(), c.deviceId(), data).withStallAfter(Duration.ofSeconds(20));
  }

  /** Item ids for simulated documents: a prefix and a number. */
  private static final class Numbered implements Supplier<String> {
    private final String prefix;
    private int n;

    Numbered(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public synchronized String get() {
      return prefix + String.format("%07d", ++n % 10_000_000);
    }
  }
}
