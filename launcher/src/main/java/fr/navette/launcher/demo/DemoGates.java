package fr.navette.launcher.demo;

import fr.navette.agent.DeviceRuntime;
import fr.navette.identity.DeviceKind;
import fr.navette.gate.GateAgent;
import fr.navette.gpio.MockGpio;
import fr.navette.launcher.gate.GateTraffic;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.VirtualField;
import fr.navette.sim.sigb.Branch;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SimulatedNetwork;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's security gates: one at the exit of each chosen branch, each a real {@link GateAgent} on Pi4J's mock
 * platform reading a simulated reader's field, with people walking through both ways ({@link GateTraffic}).
 * Their alarms reach the hub, which enriches them (on loan or not) for {@code GET /api/alarms}.
 */
public final class DemoGates implements AutoCloseable {
  private final List<Gate> gates = new ArrayList<>();
  private final Random random;
  private final ScheduledExecutorService walkers = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name("demo-walkers").daemon(true).unstarted(r));

  private record Gate(Branch branch, MockGpio gpio, GateAgent agent, GateTraffic traffic) {}

  /** The demo's gates: one walker in seven carries an armed document, so that alarms come often enough to be seen. */
  public static final double DEMO_ALARM_SHARE = 0.15;

  public DemoGates(SimulatedNetwork network, int gateCount, Path dataFolder, DemoDevices devices, long seed,
                   Clock clock) {
    this(network, gateCount, dataFolder, devices, seed, clock, DEMO_ALARM_SHARE);
  }

  /** @param alarmShare the share of walkers who carry an armed document (the gate's alarm sounds) */
  public DemoGates(SimulatedNetwork network, int gateCount, Path dataFolder, DemoDevices devices, long seed,
                   Clock clock, double alarmShare) {
    this.random = new Random(seed);
    List<Branch> branches = network.branches();
    GateTraffic.Documents documents = new GateTraffic.Documents(
        () -> pick(network.items()).id(),
        // A copy of the loans, not itemsOnLoan(): that one sorts them (130 ms at the seeds' network's size).
        () -> network.anyLoan(random).map(fr.navette.sim.sigb.Loan::itemId).orElseGet(() -> pick(network.items()).id()));
    int n = 0;
    for (Branch branch : branches.subList(0, Math.min(gateCount, branches.size()))) {
      String deviceId = deviceId(branch);
      VirtualField field = new VirtualField();
      MockGpio gpio = MockGpio.create();
      Map<String, String> settings = Map.of("site", branch.code(), "device-id", deviceId, "gpio.provider", "mock",
          "reader.pause-ms", "50", "alarm.pattern", "250/250x4 2000", "count.interval-s", "60");
      GateAgent agent = GateAgent.start(() -> settings, new SimulatedReader(field), gpio,
          devices.settings(branch.code(), deviceId, DeviceKind.GATE, dataFolder.resolve(deviceId)), clock);
      GateTraffic traffic = new GateTraffic(gpio, GateTraffic.Field.of(field), documents, seed + n, Duration.ofMillis(300), alarmShare,
          0xE004020000000000L + ((long) n << 24));
      gates.add(new Gate(branch, gpio, agent, traffic));
      n++;
    }
  }

  private synchronized <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  public List<String> gateBranches() {
    return gates.stream().map(g -> g.branch().code() + " " + g.branch().name()).toList();
  }

  /** The gates not connected to the hub (yet). */
  public List<String> notConnected() {
    return gates.stream().filter(g -> !g.agent().runtime().session().isConnected())
        .map(g -> "gate " + g.branch().code()).toList();
  }

  /** A walker through some gate every {@code interval} on average. */
  public void start(Duration interval) {
    if (gates.isEmpty()) {
      return;
    }
    walkers.scheduleWithFixedDelay(() -> {
      Gate gate;
      synchronized (this) {
        gate = gates.get(random.nextInt(gates.size()));
      }
      gate.traffic().walkOne(walkers);
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One person walks through the gate of the {@code index}-th gated branch (the seeds' day decides when). */
  public void walkAt(int index) {
    gates.get(index).traffic().walkOne(walkers);
  }

  /** People who walked through the gates so far. */
  public long walkers() {
    return gates.stream().mapToLong(g -> g.traffic().walkers()).sum();
  }

  /** Walkers who carried a document still armed (the gate's alarm sounded). */
  public long armedCarried() {
    return gates.stream().mapToLong(g -> g.traffic().armedCarried()).sum();
  }

  /** Nobody walks through the gates any more; the gates go on (what they stored still leaves their outboxes). */
  public void stopWalking() throws InterruptedException {
    walkers.shutdownNow();
    walkers.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Each gate's outbox high-water mark: the last sequence number it ever stored (device id → sequence). */
  public Map<String, Long> lastSequences() {
    Map<String, Long> marks = new java.util.LinkedHashMap<>();
    gates.forEach(g -> marks.put(deviceId(g.branch()), g.agent().runtime().outbox().lastSequence()));
    return marks;
  }

  /** The device's id at {@code branch} (its identity's name, its outbox folder). */
  public static String deviceId(Branch branch) {
    return "gate-" + branch.code() + "-1";
  }

  @Override
  public void close() {
    walkers.shutdownNow();
    for (Gate gate : gates) {
      gate.agent().close();
      gate.gpio().close();
    }
  }
}
