package fr.navette.launcher.demo;

import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.transits.Route;
import fr.navette.gpio.MockGpio;
import fr.navette.kiosk.returnbox.Bin;
import fr.navette.kiosk.returnbox.BinPlan;
import fr.navette.kiosk.returnbox.ReturnBox;
import fr.navette.kiosk.returnbox.ReturnBoxAgent;
import fr.navette.kiosk.returnbox.ReturnBoxConfig;
import fr.navette.reader.Uid;
import fr.navette.schema.ReturnProblemEvent;
import fr.navette.schema.SigbResponse;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.sim.sigb.Branch;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SimulatedNetwork;
import fr.navette.tag.SecurityPolicy;
import fr.navette.identity.DeviceKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's self-return boxes and the patrons who use them: one box per chosen branch, each a real
 * {@link ReturnBoxAgent} reading a simulated reader's field; now and then a patron drops a borrowed document
 * (with a real ISO 28560 tag, disarmed as on loan) into one of them, and it leaves the field once the box
 * has taken it, as it would fall into the bin.
 */
public final class DemoReturns implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoReturns.class);

  private final List<Box> boxes = new ArrayList<>();
  private final SimulatedNetwork network;
  private final Random random;
  private final AtomicLong nextUid = new AtomicLong(0xE004010000000000L);
  private final AtomicLong returns = new AtomicLong();
  /** Returns made at another branch than the usual one, in thousandths. */
  static final int ELSEWHERE_PER_MILLE = 175;
  private final ScheduledExecutorService patrons = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name("demo-patrons").daemon(true).unstarted(r));

  private record Box(Branch branch, VirtualField field, MockGpio gpio, ReturnBoxAgent agent) {}

  public DemoReturns(SimulatedNetwork network, int boxCount, Path dataFolder, DemoDevices devices, long seed,
                     Clock clock) {
    this.network = network;
    this.random = new Random(seed);
    List<Branch> branches = network.branches();
    for (Branch branch : branches.subList(0, Math.min(boxCount, branches.size()))) {
      VirtualField field = new VirtualField();
      String deviceId = deviceId(branch);
      MockGpio gpio = MockGpio.create();
      ReturnBoxAgent agent = new ReturnBoxAgent(ReturnBoxConfig.of(branch.code(), deviceId)
              .withNetworkIsils(branches.stream().map(b -> "FR-" + b.code()).toList()),
          new ReturnBoxAgent.Wiring(gpio, BinPlan.fiveBins(), Optional.empty()), new SimulatedReader(field),
          devices.settings(branch.code(), deviceId, DeviceKind.RETURN_BOX, dataFolder.resolve(deviceId)), clock,
          new FallsIntoTheBin(branch.code(), field));
      boxes.add(new Box(branch, field, gpio, agent));
    }
  }

  /**
   * The demo network's shuttle: two rounds that share the first branch (the depot), each calling at half of
   * the others; comics (BD) float.
   */
  public static NetworkRules rounds(SimulatedNetwork network) {
    List<String> codes = network.branches().stream().map(Branch::code).toList();
    List<String> north = new ArrayList<>(List.of(codes.getFirst()));
    List<String> south = new ArrayList<>(List.of(codes.getFirst()));
    for (int i = 1; i < codes.size(); i++) {
      (i % 2 == 1 ? north : south).add(codes.get(i));
    }
    // The network names its rounds in its own language, as staff write them on the crates.
    return new NetworkRules(List.of(new Route("nord", "Tournée nord", north),
        new Route("sud", "Tournée sud", south)), java.util.Set.of("BD"), Duration.ofDays(7),
        network.branches().stream().collect(java.util.stream.Collectors.toMap(Branch::code, Branch::name,
            (a, b) -> a, java.util.LinkedHashMap::new)));
  }

  public List<String> boxBranches() {
    return boxes.stream().map(b -> b.branch().code() + " " + b.branch().name()).toList();
  }

  /** The boxes not connected to the hub (yet). */
  public List<String> notConnected() {
    return boxes.stream().filter(b -> !b.agent().hubReachable()).map(b -> "return box " + b.branch().code()).toList();
  }

  /** Starts the boxes, then a patron every {@code interval} on average. */
  public void start(Duration interval) {
    startBoxes();
    patrons.scheduleWithFixedDelay(this::aPatronReturnsSomething, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Starts the boxes only: patrons come when {@link #aPatronReturnsSomething()} is called (the seeds' day). */
  public void startBoxes() {
    boxes.forEach(b -> b.agent().start());
  }

  /**
   * A patron brings back a document on loan: into the box of the branch it was borrowed at (the patron's usual
   * library) when it has one, and into another branch's box {@value #ELSEWHERE_PER_MILLE}‰ of the time — in
   * the seeds' network, 17.5 % of patrons use several sites (DESIGN §10).
   */
  public void aPatronReturnsSomething() {
    try {
      Optional<fr.navette.sim.sigb.Loan> loan = network.anyLoan(random);
      if (loan.isEmpty() || boxes.isEmpty()) {
        return;
      }
      Item item = network.item(loan.get().itemId()).orElseThrow();
      Optional<Box> usual = boxes.stream().filter(b -> b.branch().code().equals(loan.get().branch())).findFirst();
      Box box = usual.isPresent() && random.nextInt(1000) >= ELSEWHERE_PER_MILLE ? usual.get()
          : boxes.get(random.nextInt(boxes.size()));
      Uid uid = new Uid(nextUid.incrementAndGet());
      int odd = random.nextInt(40);
      if (odd == 0) {
        // A book from another network's library, returned here by mistake: the problems bin, an alert for staff.
        box.field().put(SimulatedTag.forItem(uid, "X" + item.id(), "FR-999999999", SecurityPolicy.ISO_ON_LOAN_AFI));
        return;
      }
      if (odd == 1) {
        // A document whose tag was never programmed.
        box.field().put(SimulatedTag.blank(uid));
        return;
      }
      box.field().put(SimulatedTag.forItem(uid, item.id(), "FR-" + item.homeBranch(),
          SecurityPolicy.ISO_ON_LOAN_AFI));
      returns.incrementAndGet();
      LOG.debug("a patron drops {} ({}) into the box of {}", item.id(), item.title(), box.branch().code());
    } catch (RuntimeException e) {
      LOG.warn("demo patron: {}", e.toString());
    }
  }

  /** Documents dropped into the boxes so far (odd tags aside). */
  public long returns() {
    return returns.get();
  }

  /** The device's id at {@code branch} (its identity's name, its outbox folder). */
  public static String deviceId(Branch branch) {
    return "box-" + branch.code() + "-1";
  }

  @Override
  public void close() {
    patrons.shutdownNow();
    boxes.forEach(b -> {
      b.agent().close();
      b.gpio().close();
    });
  }

  private record FallsIntoTheBin(String branch, VirtualField field) implements ReturnBox.ReturnListener {
    @Override
    public void accepted(Uid uid, String itemId, boolean rearmed, Bin bin, Optional<SigbResponse> answer) {
      field.remove(uid);
      LOG.info("return box {}: document {} accepted → bin {}", branch, itemId,
          bin.configName());
    }

    @Override
    public void refused(Optional<Uid> uid, ReturnProblemEvent.Problem problem, String detail, Bin bin) {
      uid.ifPresent(field::remove);
    }
  }
}
