package fr.navette.launcher;

import fr.navette.agent.ShutdownSignal;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.launcher.demo.DemoAccounts;
import fr.navette.launcher.demo.DemoFolder;
import fr.navette.launcher.demo.DemoGates;
import fr.navette.launcher.demo.DemoKiosks;
import fr.navette.launcher.demo.DemoLogging;
import fr.navette.launcher.demo.DemoReturns;
import fr.navette.launcher.demo.DemoRounds;
import fr.navette.launcher.demo.SeedsDay;
import fr.navette.launcher.demo.SimulatedClock;
import fr.navette.hub.transits.NetworkRules;
import java.util.Optional;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import fr.navette.hub.identities.IdentitiesSettings;
import fr.navette.hub.web.StaffAccess;
import fr.navette.identity.AdminToken;
import fr.navette.identity.NetworkCa;
import fr.navette.launcher.demo.DemoIdentities;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The whole network on one machine: SIGB simulator, hub with its broker, simulated devices. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the demo network: hub with its broker, SIGB simulator, simulated return boxes, self-check kiosks and security gates.",
        "Lance le réseau de démonstration : hub et son broker, simulateur de SIGB, boîtes de retour, automates de prêt et portiques simulés."})
final class DemoCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--http-port", defaultValue = "8080", description = "Dashboard port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--mqtt-port", defaultValue = "1884",
      description = "Embedded MQTT broker port (default: ${DEFAULT-VALUE}; 1883 is often a system Mosquitto).")
  int mqttPort;

  @Option(names = "--https-port", defaultValue = "8443",
      description = "Enrolment and the administrator's API over TLS (default: ${DEFAULT-VALUE}).")
  int httpsPort;

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

  @Option(names = "--data", paramLabel = "DIR",
      description = "Folder for everything the demo writes (hub and broker stores, devices' outboxes and configs, patron"
          + " key, demo.log), kept: a demo started again on it carries on (default: a temporary folder, deleted when"
          + " the demo stops).")
  Path data;

  /** Which network the demo runs. */
  enum Network { small, seeds }

  @Option(names = "--network", defaultValue = "small", description = "small: a few devices, quick to start"
      + " (default); seeds: the seeds' network — 15 branches, each with a gate, a kiosk and a return box, a SIGB of"
      + " 600,000 documents and 22,500 patrons, patrons and shuttle rounds on an accelerated clock (see --speed);"
      + " --boxes, --kiosks, --gates, --return-every and --walk-every are the small network's.")
  Network network;

  @Option(names = "--speed", paramLabel = "N", description = "With --network seeds: the simulated day runs N times"
      + " faster than the wall while the libraries are open (10:00-19:00, Tuesday to Saturday), and 30 times faster"
      + " still while they are closed (default: 60 — an open day in 9 minutes).")
  Double speed;

  @Option(names = "--items", paramLabel = "N", description = "Documents in the SIGB simulator's catalogue (default:"
      + " 30,000; 600,000 with --network seeds).")
  Integer items;

  @Option(names = "--patrons", paramLabel = "N", description = "Patrons in the SIGB simulator (default: 3,000;"
      + " 22,500 with --network seeds).")
  Integer patrons;

  /** The seeds' network's size (DESIGN §10): 15 libraries, 600,000 documents, 22,500 active patrons. */
  static final SigbSimulatorConfig.NetworkSize SEEDS = new SigbSimulatorConfig.NetworkSize(15, 600_000, 22_500);
  static final double SEEDS_SPEED = 60;
  static final double SEEDS_ALARM_SHARE = 0.02;

  @Option(names = "--verbose", description = "Every part's log lines on the terminal as well (default: only in"
      + " demo.log; warnings and errors on the terminal).")
  boolean verbose;

  /** How long the ready lines wait for the simulated devices to reach the hub. */
  private static final Duration DEVICES_WITHIN = Duration.ofSeconds(30);

  @Override
  public Integer call() throws Exception {
    if (network != Network.seeds && speed != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--speed needs --network seeds");
    }
    if (items != null && items < 1 || patrons != null && patrons < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--items and --patrons must be 1 or more, got " + (items != null && items < 1 ? items : patrons));
    }
    if (speed != null && !(speed >= 1)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--speed must be 1 or more, got " + speed);
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    // The folder is a resource declared after the signal: it closes (and a temporary one is deleted) before the
    // signal lets the JVM halt (FOOTGUNS: cleanup after try (ShutdownSignal ...)).
    try (ShutdownSignal signal = ShutdownSignal.install();
         DemoFolder folder = data != null ? DemoFolder.kept(data) : DemoFolder.temporary(tmp)) {
      Path log = DemoLogging.configure(folder.root(), verbose);
      Logger logger = LoggerFactory.getLogger(DemoCommand.class);
      logger.info("demo folder {} ({})", folder.root(), folder.temporary() ? "temporary" : "kept");
      for (Path abandoned : DemoFolder.removeAbandoned(tmp)) {
        logger.info("removed {}, left by a demo that did not stop cleanly", abandoned);
      }
      run(signal, folder.root(), log);
    }
    return 0;
  }

  private void run(ShutdownSignal signal, Path data, Path log) throws Exception {
    Clock clock = Clock.systemUTC();
    boolean seeds = network == Network.seeds;
    SigbSimulatorConfig.NetworkSize defaults = seeds ? SEEDS : SigbSimulatorConfig.NetworkSize.DEFAULT;
    SigbSimulatorConfig.NetworkSize size = new SigbSimulatorConfig.NetworkSize(defaults.branches(),
        items != null ? items : defaults.items(), patrons != null ? patrons : defaults.patrons());
    // The seeds' day runs on a simulated clock; the hub, the devices and the SIGB keep the wall's (see SeedsDay).
    Optional<SimulatedClock> day = seeds ? Optional.of(SimulatedClock.openingAfter(clock.instant(),
        java.time.ZoneId.systemDefault(), speed != null ? speed : SEEDS_SPEED)) : Optional.empty();
    int boxCount = seeds ? size.branches() : boxes;
    int kioskCount = seeds ? size.branches() : kiosks;
    int gateCount = seeds ? size.branches() : gates;
    // The network CA first (the hub opens the same one): the admin token carries its fingerprint, so that
    // `navette provision` checks the hub before it sends the token. Made for this run, shown once, kept nowhere.
    NetworkCa ca = NetworkCa.openOrCreate(data.resolve("hub").resolve("ca"), clock);
    AdminToken admin = AdminToken.generate(new SecureRandom(), ca.fingerprint());
    long generating = System.nanoTime();
    try (SigbSimulator sigb = SigbSimulator.start(SigbSimulatorConfig.builder().port(sip2Port).seed(seed).size(size)
             .build());
         Hub hub = Hub.start(hubConfig(data, sigb, day).withStaffAccess(StaffAccess.demo(admin.text())),
             c -> Sip2SigbGateway.connect(c.sigb()), clock, new IdentitiesSettings(httpsPort, List.of()));
         // Staff accounts instead of an open console (first branch's staff, coordinator, administrator): made
         // before any device connects — on a kept data folder their new passwords are written while nothing else
         // writes (SQLite refuses a write that meets the ingest's: SQLITE_BUSY).
         DemoAccounts accounts = new DemoAccounts(hub.accounts(), sigb.network().branches().get(0).code());
         // The devices' identities first, several at a time; each device then finds its own already enrolled.
         DemoIdentities identities = enrolAll(new DemoIdentities(hub, data.resolve("identities")), sigb.network(),
             boxCount, kioskCount, gateCount);
         DemoReturns returns = new DemoReturns(sigb.network(), boxCount, data.resolve("devices"),
             identities, seed, clock);
         DemoKiosks selfCheck = new DemoKiosks(sigb.network(), kioskCount, data.resolve("kiosks"),
             identities, kioskPort, Duration.ofSeconds(90), clock);
         // In the seeds' network one walker in 50 sets the alarm off: ~15 a day per branch, as busy networks see.
         DemoGates exits = new DemoGates(sigb.network(), gateCount, data.resolve("gates"),
             identities, seed, clock, seeds ? SEEDS_ALARM_SHARE : DemoGates.DEMO_ALARM_SHARE);
         SeedsDay seedsDay = day.isEmpty() ? null : new SeedsDay(day.get(), sigb, returns, exits, selfCheck,
             new DemoRounds(hub.shuttle(), hub.transits(), hub.shuttle().rules(), day.get().getZone()), seed)) {
      if (seedsDay == null) {
        returns.start(returnEvery);
        exits.start(walkEvery);
      } else {
        returns.startBoxes();
      }
      awaitDevices(() -> Stream.of(returns.notConnected(), selfCheck.notConnected(), exits.notConnected())
          .flatMap(List::stream).toList());
      List<String> ready = new ArrayList<>();
      ready.add("Log: " + log);
      ready.add("SIGB (SIP2): tcp://127.0.0.1:" + sigb.port() + " — user " + sigb.config().user() + ", "
          + sigb.network().branches().size() + " branches, " + sigb.network().items().size() + " items");
      day.ifPresent(d -> ready.add("Simulated clock: x" + formatSpeed(d.speed()) + " from "
          + d.start().atZone(d.getZone()).toLocalDateTime() + " " + d.getZone() + " — libraries open 10:00-19:00,"
          + " Tuesday to Saturday; a transit is overdue after 7 simulated days ("
          + d.wallTimeFor(Duration.ofDays(7)).toMinutes() + " min)"));
      ready.add("Return boxes: " + String.join(", ", returns.boxBranches()));
      ready.add("Gates: " + String.join(", ", exits.gateBranches()) + " — alarms at /api/alarms");
      for (DemoKiosks.DemoKiosk kiosk : selfCheck.kiosks()) {
        ready.add("Kiosk " + kiosk.branch().code() + ": " + kiosk.url());
      }
      ready.add("Dashboard: http://127.0.0.1:" + hub.httpPort() + "/");
      ready.add("MQTT: " + hub.mqttsUri());
      ready.add("Enrolment: https://127.0.0.1:" + hub.httpsPort());
      ready.add("Staff login: " + accounts.staff().line());
      ready.add("Coordinator login: " + accounts.coordinator().line());
      ready.add("Admin login: " + accounts.admin().line());
      ready.add("Admin token: " + admin.text()); // last: scripts and tests wait for it
      // Last and at once, after every part has started: one write, so no log line lands between them.
      System.out.print(String.join(System.lineSeparator(), ready) + System.lineSeparator());
      System.out.flush();
      if (seedsDay != null) {
        LoggerFactory.getLogger(DemoCommand.class).info("seeds' network ready {} ms after the start",
            (System.nanoTime() - generating) / 1_000_000);
        seedsDay.start();
      }
      signal.await();
      System.out.println("Stopping the demo…");
      System.out.flush(); // before the parts' last lines, which go to stderr
    }
  }

  // The devices connect on their own threads; their first lines belong before the ready lines.
  private static void awaitDevices(Supplier<List<String>> notConnected) throws InterruptedException {
    long deadline = System.nanoTime() + DEVICES_WITHIN.toNanos();
    List<String> missing = notConnected.get();
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      missing = notConnected.get();
    }
    if (!missing.isEmpty()) {
      LoggerFactory.getLogger(DemoCommand.class).warn("not connected to the hub after {} s: {}",
          DEVICES_WITHIN.toSeconds(), String.join(", ", missing));
    }
  }

  private static DemoIdentities enrolAll(DemoIdentities identities, fr.navette.sim.sigb.SimulatedNetwork network,
                                         int boxes, int kiosks, int gates) {
    List<DemoIdentities.Device> devices = new ArrayList<>();
    List<fr.navette.sim.sigb.Branch> branches = network.branches();
    for (int b = 0; b < branches.size(); b++) {
      fr.navette.sim.sigb.Branch branch = branches.get(b);
      if (b < boxes) {
        devices.add(new DemoIdentities.Device(branch.code(), DemoReturns.deviceId(branch),
            fr.navette.identity.DeviceKind.RETURN_BOX));
      }
      if (b < kiosks) {
        devices.add(new DemoIdentities.Device(branch.code(), DemoKiosks.deviceId(branch),
            fr.navette.identity.DeviceKind.SELF_CHECK));
      }
      if (b < gates) {
        devices.add(new DemoIdentities.Device(branch.code(), DemoGates.deviceId(branch),
            fr.navette.identity.DeviceKind.GATE));
      }
    }
    identities.enrolAll(devices);
    return identities;
  }

  private static String formatSpeed(double speed) {
    return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
  }

  private HubConfig hubConfig(Path data, SigbSimulator sigb, Optional<SimulatedClock> day) {
    SigbSettings defaults = SigbSettings.local(sigb.port(), sigb.config().user(), sigb.config().password());
    SigbSettings settings = new SigbSettings(defaults.host(), defaults.port(), defaults.user(), defaults.password(),
        sigb.config().institutionId(), defaults.location(), defaults.encoding(), defaults.terminator(),
        false, defaults.maxSessions(), defaults.requestTimeout(), true);
    return HubConfig.local(data.resolve("hub"), mqttPort, httpPort, settings)
        .withRules(day.map(d -> {
          // The hub keeps the wall's clock: 7 simulated days before a transit is overdue are this much wall time.
          NetworkRules rules = DemoReturns.rounds(sigb.network());
          return new NetworkRules(rules.routes(), rules.floatingCollections(), d.wallTimeFor(Duration.ofDays(7)),
              rules.branchNames());
        }).orElseGet(() -> DemoReturns.rounds(sigb.network())));
  }
}
