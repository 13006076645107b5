package fr.navette.launcher.chaos;

import fr.navette.mqtt.LoopbackPorts;
import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.EnrolledDevice;
import fr.navette.identity.DeviceKind;
import fr.navette.launcher.demo.DemoGates;
import fr.navette.sim.sigb.Branch;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.sim.sigb.SimulatedNetwork;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The chaos run (issue 19): the seeds' network's return boxes drop documents as fast as they take them while the
 * run kills a box's process and the hub's with SIGKILL, takes the SIGB down, cuts one box's link to the hub, fills
 * a box's data folder (when it can mount a tmpfs), and keeps two boxes' clocks hours and days off; then it waits
 * for the network to settle and accounts for every event (see {@link ChaosAccounting}).
 *
 * <p>Real parts only, all on loopback: the hub in a process of its own (embedded broker, SQLite), the SIGB
 * simulator over SIP2, boxes as {@code ReturnBoxAgent}s with durable outboxes and MQTT 5, two of them in processes
 * of their own. Secure as a library runs it: each box is added by the administrator, enrolled over HTTPS and
 * connects with its certificate over mutual TLS (no plain listener). Faults come at fixed fractions of the events asked, so a short run and a long one meet the same
 * faults in the same order.
 */
public final class ChaosRun {
  /** Box clocks off as a Pi without RTC is after a power cut: ahead by hours, behind by days. */
  static final Duration AHEAD = Duration.ofHours(3);
  static final Duration BEHIND = Duration.ofDays(-2);
  static final String BOX_PREFIX = "box-";
  /** Devices' health this often: the hub's watchdog (offline after a few seconds in a short run) hears them alive. */
  static final Duration HEALTH_EVERY = Duration.ofSeconds(2);

  /**
   * @param folder where the hub's data, the boxes' data and the processes' logs go (must not exist or be empty)
   * @param boxes return boxes, one per branch (at most the network's 15 branches); 6 or more for every fault
   * @param processBoxes how many of them run in processes of their own (killed with SIGKILL)
   * @param events documents to drop in all (each one event in a box's outbox)
   * @param outage how long the SIGB stays down and the box's link stays cut
   * @param offlineAfter the hub's {@code --device-offline-after}
   * @param watchEvery the hub's {@code --watch-every}
   * @param settleWithin how long the network may take to settle once the drops are over
   * @param dropsOver how long the drops should take in all: patrons come at that pace (a box out of reach takes
   *     documents far faster than one waiting for the SIGB's answer, and all of them would fall in one fault)
   */
  public record Settings(Path folder, int boxes, int processBoxes, long events, long seed, Duration outage,
                         Duration offlineAfter, Duration watchEvery, Duration settleWithin, boolean diskFull,
                         Duration dropsOver) {
    public Settings {
      if (boxes < 1 || boxes > 15 || processBoxes < 0 || processBoxes > boxes || events < 1) {
        throw new IllegalArgumentException("1 to 15 boxes, process boxes among them, at least one event");
      }
    }

    /** The short run of {@code ./mvnw verify}: six boxes, two in processes, a few thousand events. */
    public static Settings quick(Path folder, long events) {
      return new Settings(folder, 6, 2, events, 19, Duration.ofSeconds(8), Duration.ofSeconds(3),
          Duration.ofSeconds(1), Duration.ofMinutes(3), true, Duration.ofSeconds(50));
    }
  }

  /** One person through one of the gates this often (one in seven with an armed document). */
  static final Duration WALKER_EVERY = Duration.ofMillis(300);

  /** One document dropped: by which box, which item, when truly, what the box said. */
  record Drop(String deviceId, String site, String itemId, Instant trueAt, BoxCore.Outcome outcome) {}

  /** A fault as it happened: from its start until the network was whole again (as far as the run made it). */
  record Fault(String name, Instant start, Instant end, String note) {}

  private final Settings settings;
  private final PrintStream out;
  private final ConcurrentLinkedQueue<Drop> ledger = new ConcurrentLinkedQueue<>();
  private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong dropped = new AtomicLong();
  /** When the run first saw each checkin at the SIGB (item id → times), for the recovery times. */
  private final Map<String, List<Instant>> checkinsSeen = new ConcurrentHashMap<>();
  private final List<String> skipped = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean stopping;

  public ChaosRun(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public ChaosAccounting.Result run() throws Exception {
    Path folder = settings.folder().toAbsolutePath();
    Files.createDirectories(folder);
    long itemCount = Math.max(30_000, settings.events() + settings.events() / 5);
    SigbSimulatorConfig sigbConfig = SigbSimulatorConfig.builder().port(0).seed(settings.seed())
        .size(new SigbSimulatorConfig.NetworkSize(15, (int) itemCount, 3_000)).build();
    Instant began = Instant.now();
    try (SigbSimulator sigb = SigbSimulator.start(sigbConfig)) {
      SimulatedNetwork network = sigb.network();
      List<String> isils = network.branches().stream().map(b -> "FR-" + b.code()).toList();
      int mqttPort = LoopbackPorts.belowEphemeralRange();
      HubProcess hub = new HubProcess(folder.resolve("hub"), mqttPort, sigb.port(), sigbConfig.user(),
          sigbConfig.password(), settings.offlineAfter(), settings.watchEvery(), folder.resolve("hub.log"));
      List<TcpRelay> relays = new ArrayList<>();
      List<ChaosBox> boxes = new ArrayList<>();
      DemoGates gates = null;
      DiskFull disk = null;
      try {
        out.printf("chaos: SIGB with %,d documents on port %d; starting the hub%n", itemCount, sigb.port());
        hub.start(Duration.ofMinutes(2));
        List<Branch> branches = network.branches().subList(0, settings.boxes());
        for (int i = 0; i < branches.size(); i++) {
          String site = branches.get(i).code();
          String deviceId = BOX_PREFIX + site + "-1";
          TcpRelay relay = new TcpRelay(mqttPort);
          relays.add(relay);
          Path data = folder.resolve("boxes").resolve(deviceId);
          if (i == diskFullBox() && settings.diskFull()) {
            disk = DiskFull.mount(data, out);
            if (disk == null) {
              skipped.add("disk full: " + DiskFull.whyNot());
            }
          }
          Files.createDirectories(data);
          Duration offset = i == aheadBox() ? AHEAD : i == behindBox() ? BEHIND : Duration.ZERO;
          // Enrolled as a real box is, connecting over mutual TLS through its relay (TLS passes through it).
          Path identity = hub.enrol(site, deviceId, DeviceKind.RETURN_BOX,
              folder.resolve("identities").resolve(deviceId));
          String uri = "ssl://127.0.0.1:" + relay.port();
          boxes.add(i < settings.processBoxes()
              ? new ProcessBox(site, deviceId, identity, uri, data, isils, offset, folder.resolve(deviceId + ".log"))
              : new InProcessBox(site, deviceId, identity, uri, data, isils, offset));
        }
        // A security gate at each box's branch, people walking through it (some with a document still armed): its
        // alarms and counts go through the same faults, and the accounting counts every one of them too.
        gates = new DemoGates(network, boxes.size(), folder.resolve("gates"), (site, deviceId, kind, data) ->
            DeviceRuntime.Settings.of(EnrolledDevice.load(hub.enrol(site, deviceId, kind,
                folder.resolve("identities").resolve(deviceId))).session(Optional.empty()), data)
                .withHealthInterval(HEALTH_EVERY), settings.seed(), Clock.systemUTC(), DemoGates.DEMO_ALARM_SHARE);
        out.printf("chaos: %d boxes (%d in processes of their own) and %d gates, dropping %,d documents%n",
            boxes.size(), settings.processBoxes(), boxes.size(), settings.events());
        List<Item> items = new ArrayList<>(network.items());
        Collections.shuffle(items, new Random(settings.seed()));
        AtomicInteger nextItem = new AtomicInteger();
        Thread watch = Thread.ofPlatform().daemon().name("chaos-checkins").start(() -> watchCheckins(network));
        List<Thread> drivers = new ArrayList<>();
        for (ChaosBox box : boxes) {
          drivers.add(Thread.ofPlatform().name("chaos-patrons-" + box.site()).start(() -> patrons(box, items,
              nextItem)));
        }
        gates.start(WALKER_EVERY);
        faults(hub, sigb, boxes, relays, disk);
        for (Thread driver : drivers) {
          driver.join();
        }
        gates.stopWalking();
        out.printf("chaos: %,d documents dropped in %s; waiting for the network to settle%n", dropped.get(),
            Duration.between(began, Instant.now()).withNanos(0));
        Instant settled = settle(network, folder.resolve("hub"));
        stopping = true;
        watch.join();
        List<ChaosAccounting.BoxSequences> sequences = new ArrayList<>(boxes.stream()
            .map(b -> new ChaosAccounting.BoxSequences(b.deviceId(), b.lastSequence())).toList());
        DemoGates counting = gates;
        gates.lastSequences().forEach((gate, last) -> sequences.add(new ChaosAccounting.BoxSequences(gate, last,
            () -> counting.lastSequences().get(gate))));
        ChaosAccounting.Result result = new ChaosAccounting(folder.resolve("hub"), network).account(
            List.copyOf(ledger), sequences, List.copyOf(faults), checkinsSeen, List.copyOf(skipped), began,
            settled, boxes.size(), settings.processBoxes(), gates.lastSequences().size());
        return result;
      } finally {
        stopping = true;
        boxes.forEach(ChaosBox::close);
        if (gates != null) {
          gates.close();
        }
        relays.forEach(TcpRelay::close);
        hub.close();
        if (disk != null) {
          disk.close();
        }
      }
    }
  }

  // Which box meets which fault: the first ones run in processes (killed), then clocks, the cut link, the full disk.
  private int aheadBox() {
    return Math.min(settings.processBoxes(), settings.boxes() - 1);
  }

  private int behindBox() {
    return Math.min(aheadBox() + 1, settings.boxes() - 1);
  }

  private int partitionedBox() {
    return Math.min(behindBox() + 1, settings.boxes() - 1);
  }

  private int diskFullBox() {
    return Math.min(partitionedBox() + 1, settings.boxes() - 1);
  }

  private void patrons(ChaosBox box, List<Item> items, AtomicInteger nextItem) {
    long uid = 0xE004010000000000L + ((long) box.site().hashCode() & 0xFFFF) * 0x1_0000_0000L;
    long every = settings.dropsOver().toNanos() * settings.boxes() / settings.events();
    long next = System.nanoTime();
    while (dropped.get() < settings.events()) {
      // At the planned pace; after a slow spell (waiting on the SIGB) a little catching up, not a burst.
      next = Math.max(next + every, System.nanoTime() - 3 * every);
      long wait = next - System.nanoTime();
      if (wait > 0) {
        pause(Duration.ofNanos(wait));
      }
      // Every document once: the accounting matches each checkin to its drop by the document's id.
      Item item = items.get(nextItem.getAndIncrement() % items.size());
      BoxCore.Dropped result = box.drop(uid++, item.id(), "FR-" + item.homeBranch());
      ledger.add(new Drop(box.deviceId(), box.site(), item.id(), result.trueAt(), result.outcome()));
      if (result.outcome() == BoxCore.Outcome.ACCEPTED) {
        dropped.incrementAndGet();
      } else {
        pause(Duration.ofMillis(200)); // a killed box's process: the patron waits for it to come back
      }
    }
  }

  /** The faults, at fixed fractions of the events asked, one after the other. */
  private void faults(HubProcess hub, SigbSimulator sigb, List<ChaosBox> boxes, List<TcpRelay> relays,
                      DiskFull disk) {
    List<ChaosBox> killable = boxes.stream().filter(ChaosBox::killable).toList();
    Instant clocksOff = Instant.now();
    if (!killable.isEmpty()) {
      at(0.08);
      killBox(killable.getFirst());
    } else {
      skipped.add("kill -9 of a box: no box runs in a process of its own (--process-boxes 0)");
    }
    at(0.18);
    killHub(hub, "1");
    at(0.32);
    Instant down = Instant.now();
    sigb.down();
    out.println("chaos: SIGB down");
    pause(settings.outage());
    sigb.up();
    faults.add(new Fault("SIGB down " + settings.outage().toSeconds() + " s", down, Instant.now(), ""));
    out.println("chaos: SIGB up");
    at(0.46);
    ChaosBox cut = boxes.get(partitionedBox());
    Instant cutAt = Instant.now();
    relays.get(partitionedBox()).cut();
    out.println("chaos: link of " + cut.deviceId() + " cut");
    pause(settings.outage());
    relays.get(partitionedBox()).restore();
    faults.add(new Fault("link of " + cut.deviceId() + " cut " + settings.outage().toSeconds() + " s", cutAt,
        Instant.now(), ""));
    out.println("chaos: link of " + cut.deviceId() + " restored");
    at(0.60);
    killHub(hub, "2");
    if (disk != null) {
      at(0.70);
      Instant full = Instant.now();
      String how = disk.fill();
      out.println("chaos: data folder of " + boxes.get(diskFullBox()).deviceId() + " full (" + how + ")");
      pause(settings.outage());
      disk.free();
      faults.add(new Fault("data folder of " + boxes.get(diskFullBox()).deviceId() + " full", full, Instant.now(),
          how));
      out.println("chaos: data folder freed");
    }
    if (killable.size() > 1) {
      at(0.78);
      killBox(killable.get(1));
    }
    at(0.90);
    boxes.get(aheadBox()).clockOffset(Duration.ZERO);
    boxes.get(behindBox()).clockOffset(Duration.ZERO);
    faults.add(new Fault("clocks of " + boxes.get(aheadBox()).deviceId() + " +3 h and "
        + boxes.get(behindBox()).deviceId() + " -2 d", clocksOff, Instant.now(), ""));
    out.println("chaos: box clocks put right");
  }

  private void killBox(ChaosBox box) {
    Instant at = Instant.now();
    box.kill();
    out.println("chaos: kill -9 " + box.deviceId());
    pause(Duration.ofSeconds(2));
    box.restart();
    faults.add(new Fault("kill -9 " + box.deviceId(), at, Instant.now(), ""));
    out.println("chaos: " + box.deviceId() + " started again");
  }

  private void killHub(HubProcess hub, String which) {
    Instant at = Instant.now();
    hub.kill();
    out.println("chaos: kill -9 hub (" + which + ")");
    hub.start(Duration.ofMinutes(2));
    faults.add(new Fault("kill -9 hub (" + which + ")", at, Instant.now(), ""));
    out.println("chaos: hub started again");
  }

  /** Waits until {@code fraction} of the events were dropped. */
  private void at(double fraction) {
    long target = (long) (settings.events() * fraction);
    await(() -> dropped.get() >= target, Duration.ofHours(12));
    out.printf("chaos: %,d of %,d documents dropped%n", dropped.get(), settings.events());
  }

  /** Notes when each checkin appears at the SIGB (for the recovery times), until the run ends. */
  private void watchCheckins(SimulatedNetwork network) {
    int seen = 0;
    while (!stopping) {
      List<SimulatedNetwork.CheckinRecord> log = network.checkinLog();
      Instant now = Instant.now();
      for (int i = seen; i < log.size(); i++) {
        checkinsSeen.computeIfAbsent(log.get(i).itemId(), k -> Collections.synchronizedList(new ArrayList<>()))
            .add(now);
      }
      seen = log.size();
      pause(Duration.ofMillis(200));
    }
  }

  /**
   * Waits until every document the boxes took is checked in at the SIGB, the hub has nothing left to apply and
   * the alerts of the faults are resolved, or {@code settleWithin} passed (the accounting then says what is left).
   */
  private Instant settle(SimulatedNetwork network, Path hubData) {
    Instant deadline = Instant.now().plus(settings.settleWithin());
    ChaosAccounting probe = new ChaosAccounting(hubData, network);
    List<Drop> accepted = ledger.stream().filter(d -> d.outcome() == BoxCore.Outcome.ACCEPTED).toList();
    boolean settled = await(() -> {
      if (!accepted.stream().allMatch(d -> checkinsSeen.containsKey(d.itemId()))) {
        return false;
      }
      return probe.unsettled().isEmpty();
    }, Duration.between(Instant.now(), deadline));
    if (!settled) {
      out.println("chaos: not settled within " + settings.settleWithin() + ": " + probe.unsettled());
    }
    return Instant.now();
  }

  private static boolean await(BooleanSupplier condition, Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      pause(Duration.ofMillis(250));
    }
    return true;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("chaos run interrupted", e);
    }
  }
}
