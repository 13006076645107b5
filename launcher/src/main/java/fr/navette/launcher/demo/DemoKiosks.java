package fr.navette.launcher.demo;

import fr.navette.agent.DeviceRuntime;
import fr.navette.identity.DeviceKind;
import fr.navette.kiosk.selfcheck.EscPosPrinter;
import fr.navette.kiosk.selfcheck.KioskConfig;
import fr.navette.kiosk.selfcheck.Printer;
import fr.navette.kiosk.selfcheck.SelfCheckAgent;
import fr.navette.kiosk.selfcheck.Text;
import fr.navette.reader.Uid;
import fr.navette.sim.devices.PtyPrinterSimulator;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.Socat;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.sim.sigb.Branch;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SimulatedNetwork;
import fr.navette.tag.SecurityPolicy;
import fr.navette.tag.TagData;
import fr.navette.tag.TagFormat;
import fr.navette.tag.TypeOfUsage;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The demo's self-check kiosks: one per chosen branch, each a real {@link SelfCheckAgent} on a simulated reader,
 * its page in demo mode so that whoever tries it lays documents on the pad from the page itself. Each pad offers
 * the demo patrons' cards, documents free to borrow, one on hold for someone else (the SIGB refuses it), a box set
 * of three parts (lent only with all three), and a document the first demo patron already has (a renewal).
 */
public final class DemoKiosks implements AutoCloseable {
  /** One kiosk: its branch, its pad, the running agent and the address of its page. */
  public record DemoKiosk(Branch branch, SimulatedPad pad, SelfCheckAgent agent, Scenario scenario,
                          Optional<PtyPrinterSimulator> printer) {
    public String url() {
      return "http://127.0.0.1:" + agent.webPort() + "/";
    }
  }

  /** The pad's choices by role, for tests: keys as the page sends them. */
  public record Scenario(List<String> free, String heldForAnother, List<String> setParts, String setItemId,
                         Optional<String> alreadyOnLoan, List<String> cards) {}

  private final List<DemoKiosk> kiosks = new ArrayList<>();
  private final List<AutoCloseable> printers = new ArrayList<>();

  /**
   * @param firstPort the first kiosk's page port, the next ones following; 0 = any free port
   * @param idleTimeout how long a session may stay untouched
   */
  public DemoKiosks(SimulatedNetwork network, int count, Path dataFolder, DemoDevices devices, int firstPort,
                    Duration idleTimeout, Clock clock) {
    List<Branch> branches = network.branches();
    List<Item> free = network.items().stream()
        .filter(i -> !i.isPartOfSet() && network.loanOf(i.id()).isEmpty() && network.holdFor(i.id()).isEmpty())
        .toList();
    List<Item> held = network.items().stream()
        .filter(i -> network.loanOf(i.id()).isEmpty() && network.holdFor(i.id()).isPresent()).toList();
    List<Patron> patrons = network.demoPatrons();
    try {
      for (int k = 0; k < Math.min(count, branches.size()); k++) {
        Branch branch = branches.get(k);
        String deviceId = deviceId(branch);
        VirtualField field = new VirtualField();
        SimulatedPad pad = new SimulatedPad(field);
        Scenario scenario = offer(pad, network, k, free, held, patrons);
        // The branch's name on the page's header and the receipts, as library.name sets it on a real kiosk.
        KioskConfig config = KioskConfig.of(branch.code(), deviceId).withIdleTimeout(idleTimeout)
            .withLibraryName(branch.name());
        Optional<PtyPrinterSimulator> paper = printer(dataFolder.resolve(deviceId + "-printer"));
        Optional<Printer> printer = paper.map(p -> {
          EscPosPrinter escPos = EscPosPrinter.onSerial(p.devicePath().toString());
          printers.add(escPos);
          return escPos;
        });
        SelfCheckAgent agent = SelfCheckAgent.start(config, new SimulatedReader(field),
            devices.settings(branch.code(), deviceId, DeviceKind.SELF_CHECK, dataFolder.resolve(deviceId)),
            new InetSocketAddress("127.0.0.1", firstPort == 0 ? 0 : firstPort + k), Optional.of(pad),
            printer, clock, ZoneId.systemDefault());
        kiosks.add(new DemoKiosk(branch, pad, agent, scenario, paper));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  // A receipt printer simulated on a pty where socat is installed; else the kiosk has none (receipts on screen).
  private Optional<PtyPrinterSimulator> printer(Path dir) {
    if (!Socat.available()) {
      return Optional.empty();
    }
    try {
      java.nio.file.Files.createDirectories(dir);
      PtyPrinterSimulator simulator = PtyPrinterSimulator.start(dir);
      printers.add(simulator);
      return Optional.of(simulator);
    } catch (java.io.IOException e) {
      LoggerFactory.getLogger(DemoKiosks.class).warn("no simulated receipt printer: {}", e.getMessage());
      return Optional.empty();
    }
  }

  public List<DemoKiosk> kiosks() {
    return kiosks;
  }

  /** The kiosks not connected to the hub (yet). */
  public List<String> notConnected() {
    return kiosks.stream().filter(k -> !k.agent().runtime().session().isConnected())
        .map(k -> "kiosk " + k.branch().code()).toList();
  }

  private static Scenario offer(SimulatedPad pad, SimulatedNetwork network, int k, List<Item> free, List<Item> held,
                                List<Patron> patrons) {
    long uids = 0xE004020000000000L + ((long) k << 16);
    int n = 0;
    List<String> cards = new ArrayList<>();
    for (Patron p : patrons) {
      String key = "card:" + p.id();
      TagData card = TagData.builder(TagFormat.ISO28560_3, p.id()).typeOfUsage(TypeOfUsage.of(TypeOfUsage.PATRON_CARD))
          .build();
      pad.offer(key, new Text("Carte " + p.id() + " — " + p.name(), "Card " + p.id() + " — " + p.name()),
          SimulatedTag.forItem(new Uid(uids + ++n), card, 0));
      cards.add(key);
    }
    List<String> freeKeys = new ArrayList<>();
    for (Item item : free.subList(k * 10, k * 10 + 5)) {
      String key = "item:" + item.id();
      String label = item.title() + " (" + item.id() + ")";
      pad.offer(key, new Text(label, label), tag(uids + ++n, item, 1, 1, SecurityPolicy.ISO_ARMED_AFI));
      freeKeys.add(key);
    }
    Item onHold = held.get(k);
    String heldKey = "item:" + onHold.id();
    String onHoldLabel = onHold.title() + " (" + onHold.id() + ") — ";
    pad.offer(heldKey, new Text(onHoldLabel + "réservé pour un autre lecteur",
        onHoldLabel + "on hold for someone else"),
        tag(uids + ++n, onHold, 1, 1, SecurityPolicy.ISO_ARMED_AFI));
    Item box = free.get(k * 10 + 9);
    List<String> parts = new ArrayList<>();
    for (int part = 1; part <= 3; part++) {
      String key = "part:" + box.id() + ":" + part;
      pad.offer(key, new Text("Coffret « " + box.title() + " » — partie " + part + "/3",
          "Box set “" + box.title() + "” — part " + part + "/3"), tag(uids + ++n, box, part, 3,
          SecurityPolicy.ISO_ARMED_AFI));
      parts.add(key);
    }
    Optional<String> mine = Optional.empty();
    if (!patrons.isEmpty()) {
      List<fr.navette.sim.sigb.Loan> loans = network.loansOf(patrons.getFirst().id());
      if (loans.size() > k) {
        Item lent = network.item(loans.get(k).itemId()).orElseThrow();
        String key = "item:" + lent.id();
        String label = lent.title() + " (" + lent.id() + ") — ";
        pad.offer(key, new Text(label + "déjà emprunté par " + patrons.getFirst().id(),
            label + "already borrowed by " + patrons.getFirst().id()), tag(uids + ++n, lent, 1, 1,
            SecurityPolicy.ISO_ON_LOAN_AFI));
        mine = Optional.of(key);
      }
    }
    return new Scenario(freeKeys, heldKey, parts, box.id(), mine, cards);
  }

  static SimulatedTag tag(long uid, Item item, int part, int of, int afi) {
    TagData data = TagData.builder(TagFormat.ISO28560_3, item.id()).ownerIsil("FR-" + item.homeBranch())
        .set(part, of).typeOfUsage(TypeOfUsage.of(TypeOfUsage.CIRCULATION)).build();
    return SimulatedTag.forItem(new Uid(uid), data, afi);
  }

  /** The device's id at {@code branch} (its identity's name, its outbox folder). */
  public static String deviceId(Branch branch) {
    return "kiosk-" + branch.code() + "-1";
  }

  @Override
  public void close() {
    kiosks.forEach(k -> k.agent().close());
    for (AutoCloseable p : printers.reversed()) { // the driver before its simulator
      try {
        p.close();
      } catch (Exception e) {
        LoggerFactory.getLogger(DemoKiosks.class).warn("closing a demo printer: {}", e.getMessage());
      }
    }
  }
}
