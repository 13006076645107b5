package fr.navette.launcher;

import fr.navette.agent.ShutdownSignal;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.launcher.demo.DemoGates;
import fr.navette.launcher.demo.DemoKiosks;
import fr.navette.launcher.demo.DemoReturns;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The whole network on one machine: SIGB simulator, hub with its broker, simulated devices. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the demo network: hub with its broker, SIGB simulator, simulated return boxes, self-check kiosks and security gates.",
        "Lance le réseau de démonstration : hub et son broker, simulateur de SIGB, boîtes de retour, automates de prêt et portiques simulés."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--http-port", defaultValue = "8080", description = "Dashboard port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--mqtt-port", defaultValue = "1884",
      description = "Embedded MQTT broker port (default: ${DEFAULT-VALUE}; 1883 is often a system Mosquitto).")
  int mqttPort;

  @Option(names = "--sip2-port", defaultValue = "6001", description = "SIGB simulator's SIP2 port (default: ${DEFAULT-VALUE}).")
  int sip2Port;

  @Option(names = "--boxes", defaultValue = "4", description = "Branches with a return box (default: ${DEFAULT-VALUE}).")
  int boxes;

  @Option(names = "--return-every", defaultValue = "PT1.5S",
      description = "Average time between two returns, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration returnEvery;

  @Option(names = "--kiosks", defaultValue = "2",
      description = "Branches with a self-check kiosk (default: ${DEFAULT-VALUE}).")
  int kiosks;

  @Option(names = "--kiosk-port", defaultValue = "8091",
      description = "The first kiosk page's port, the next ones following (default: ${DEFAULT-VALUE}; 0 = any).")
  int kioskPort;

  @Option(names = "--gates", defaultValue = "3",
      description = "Branches with a security gate at their exit (default: ${DEFAULT-VALUE}).")
  int gates;

  @Option(names = "--walk-every", defaultValue = "PT2S",
      description = "Average time between two people walking through a gate, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration walkEvery;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated network (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    Path data = Files.createTempDirectory("navette-demo-");
    Clock clock = Clock.systemUTC();
    try (ShutdownSignal signal = ShutdownSignal.install();
         TreeRemover removeData = new TreeRemover(data);
         SigbSimulator sigb = SigbSimulator.start(SigbSimulatorConfig.builder().port(sip2Port).seed(seed).build());
         Hub hub = Hub.start(hubConfig(data, sigb), c -> Sip2SigbGateway.connect(c.sigb()), clock);
         DemoReturns returns = new DemoReturns(sigb.network(), boxes, data.resolve("devices"), hub.mqttUri(), seed,
             clock);
         DemoKiosks selfCheck = new DemoKiosks(sigb.network(), kiosks, data.resolve("kiosks"), hub.mqttUri(),
             kioskPort, Duration.ofSeconds(90), clock);
         DemoGates exits = new DemoGates(sigb.network(), gates, data.resolve("gates"), hub.mqttUri(), seed, clock)) {
      returns.start(returnEvery);
      exits.start(walkEvery);
      System.out.println("SIGB (SIP2): tcp://127.0.0.1:" + sigb.port() + " — user "
          + sigb.config().user() + ", " + sigb.network().branches().size() + " branches, "
          + sigb.network().items().size() + " items");
      System.out.println("Return boxes: " + String.join(", ", returns.boxBranches()));
      System.out.println("Gates: " + String.join(", ", exits.gateBranches()) + " — alarms at /api/alarms");
      for (DemoKiosks.DemoKiosk kiosk : selfCheck.kiosks()) {
        System.out.println("Kiosk " + kiosk.branch().code() + ": " + kiosk.url());
      }
      System.out.println("Dashboard: http://127.0.0.1:" + hub.httpPort() + "/");
      System.out.println("MQTT: " + hub.mqttUri().replace("tcp://", "mqtt://"));
      System.out.flush();
      signal.await();
      System.out.println("Stopping the demo…");
    }
    return 0;
  }

  private HubConfig hubConfig(Path data, SigbSimulator sigb) {
    SigbSettings defaults = SigbSettings.local(sigb.port(), sigb.config().user(), sigb.config().password());
    SigbSettings settings = new SigbSettings(defaults.host(), defaults.port(), defaults.user(), defaults.password(),
        sigb.config().institutionId(), defaults.location(), defaults.encoding(), defaults.terminator(),
        false, defaults.maxSessions(), defaults.requestTimeout(), true);
    return HubConfig.local(data.resolve("hub"), mqttPort, httpPort, settings)
        .withRules(DemoReturns.rounds(sigb.network()));
  }

  /** Deletes the demo's temporary folder when the demo stops. */
  private record TreeRemover(Path root) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
