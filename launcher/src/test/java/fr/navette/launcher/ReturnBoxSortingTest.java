package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.SessionSettings;
import fr.navette.gpio.MockGpio;
import fr.navette.gpio.PinSpec;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.kiosk.returnbox.Bin;
import fr.navette.kiosk.returnbox.BinPlan;
import fr.navette.kiosk.returnbox.ReturnBox;
import fr.navette.kiosk.returnbox.ReturnBoxAgent;
import fr.navette.kiosk.returnbox.ReturnBoxConfig;
import fr.navette.mqtt.LoopbackPorts;
import fr.navette.printer.EscPos;
import fr.navette.printer.ReceiptPrinter;
import fr.navette.reader.Uid;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.schema.ReturnProblemEvent;
import fr.navette.schema.SigbResponse;
import fr.navette.sim.devices.PtyPrinterSimulator;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SteppedClock;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.sim.sigb.Hold;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.sim.sigb.SimulatedNetwork.CheckinRecord;
import fr.navette.tag.SecurityPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-return box on the whole real path — Pi4J's mock plugin for its slot sensor and bin diverters, a
 * simulated reader, MQTT 5 to the hub's embedded broker, SIP2 over TCP to the SIGB simulator — for each sort
 * outcome the SIGB's answers lead to, and for an offline period reconciled by itself afterwards.
 */
class ReturnBoxSortingTest {
  private static final String BOX_BRANCH = "BR03";
  private static final PinSpec SLOT = PinSpec.activeLow("slot", 17);
  private static final PinSpec RECEIPT_BUTTON = PinSpec.activeLow("receipt-button", 22);
  @TempDir Path dir;

  private final VirtualField field = new VirtualField();
  private final Map<String, Bin> sorted = new ConcurrentHashMap<>();
  private final ReturnBox.ReturnListener fallsIntoItsBin = new ReturnBox.ReturnListener() {
    @Override
    public void accepted(Uid uid, String itemId, boolean rearmed, Bin bin, Optional<SigbResponse> answer) {
      field.remove(uid);
      sorted.put(itemId, bin);
    }

    @Override
    public void refused(Optional<Uid> uid, ReturnProblemEvent.Problem problem, String detail, Bin bin) {
      uid.ifPresent(field::remove);
      sorted.put(uid.map(Uid::toString).orElse("?"), bin);
    }
  };

  private static SigbSimulatorConfig sigbConfig(int port) {
    return SigbSimulatorConfig.builder().port(port).size(new SigbSimulatorConfig.NetworkSize(6, 3_000, 300)).build();
  }

  private static Hub hub(Path folder, int mqttPort, SigbSimulator sigb, SigbSimulatorConfig config) {
    return Hub.start(HubConfig.local(folder, 0, 0,
        SigbSettings.local(sigb.port(), config.user(), config.password())).withInsecureMqtt(mqttPort),
        c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC());
  }

  @Test
  void eachDocumentFallsIntoTheBinTheSigbsAnswerCallsForAndTheReceiptListsThem() throws Exception {
    SigbSimulatorConfig config = sigbConfig(0);
    try (MockGpio gpio = MockGpio.create();
         PtyPrinterSimulator paper = PtyPrinterSimulator.start(dir);
         SigbSimulator sigb = SigbSimulator.start(config);
         Hub hub = hub(dir.resolve("hub"), 0, sigb, config);
         ReturnBoxAgent box = new ReturnBoxAgent(ReturnBoxConfig.of(BOX_BRANCH, "box-BR03-1"),
             new ReturnBoxAgent.Wiring(gpio, BinPlan.fiveBins(), Optional.of(SLOT), Optional.of(RECEIPT_BUTTON),
                 Optional.of(new ReceiptPrinter(SerialPorts.jSerialComm(),
                     ReceiptPrinter.serial(paper.devicePath().toString()), EscPos.CodePage.CP858, 48,
                     Duration.ofSeconds(2)))),
             new SimulatedReader(field), dir.resolve("box"), hub.mqttUri(), Clock.systemUTC(), fallsIntoItsBin)) {
      box.start();
      await().atMost(Duration.ofSeconds(10)).until(box::hubReachable);
      var network = sigb.network();
      Item staysHere = network.items().stream()
          .filter(i -> i.homeBranch().equals(BOX_BRANCH) && network.holdFor(i.id()).isEmpty()).findFirst().orElseThrow();
      Item goesHome = network.items().stream()
          .filter(i -> !i.homeBranch().equals(BOX_BRANCH) && network.holdFor(i.id()).isEmpty()).findFirst().orElseThrow();
      Hold waitedForHere = network.holds().stream()
          .filter(h -> h.status() == Hold.Status.PENDING && h.pickupBranch().equals(BOX_BRANCH)).findFirst().orElseThrow();
      Hold waitedForElsewhere = network.holds().stream()
          .filter(h -> h.status() == Hold.Status.PENDING && !h.pickupBranch().equals(BOX_BRANCH)).findFirst().orElseThrow();

      Map<String, Bin> expected = Map.of(
          staysHere.id(), Bin.SHELVES,
          goesHome.id(), Bin.SHUTTLE,
          waitedForHere.itemId(), Bin.HOLDS,
          waitedForElsewhere.itemId(), Bin.SHUTTLE,
          "UNKNOWN-0001", Bin.PROBLEMS);
      long uid = 0xE004010000000100L;
      for (String itemId : expected.keySet()) {
        dropThroughTheSlot(gpio, SimulatedTag.forItem(new Uid(uid++), itemId, "FR-" + BOX_BRANCH,
            SecurityPolicy.ISO_ON_LOAN_AFI));
        await().atMost(Duration.ofSeconds(10)).until(() -> sorted.containsKey(itemId));
        assertThat(gpio.isActive(BinPlan.fiveBins().diverter(expected.get(itemId)).orElseThrow().name()))
            .as("the diverter of %s's bin is on", itemId).isTrue();
      }
      assertThat(sorted).containsExactlyInAnyOrderEntriesOf(expected);

      gpio.setActive(RECEIPT_BUTTON.name(), true); // the patron asks for a receipt
      gpio.setActive(RECEIPT_BUTTON.name(), false);
      await().atMost(Duration.ofSeconds(10)).until(() -> paper.receipts().size() == 1);
      String printed = paper.receipts().getFirst().stream().map(PtyPrinterSimulator.Line::text)
          .collect(Collectors.joining("\n"));
      assertThat(printed).contains("Reçu de retour", "5 documents rendus",
          sigb.network().item(goesHome.id()).orElseThrow().title(), "UNKNOWN-0001");
    }
  }

  @Test
  void fiveHundredReturnsWhileTheHubIsOutOfReachAreCheckedInAfterwardsOnceEachWithTheirTrueDates() throws Exception {
    int mqttPort = LoopbackPorts.belowEphemeralRange();
    SigbSimulatorConfig config = sigbConfig(0);
    // The box's clock starts three days ago and moves a minute per document: true return dates are all distinct.
    SteppedClock boxClock = new SteppedClock(Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS));
    DeviceRuntime.Settings settings = DeviceRuntime.Settings.of(
        SessionSettings.of("tcp://127.0.0.1:" + mqttPort, BOX_BRANCH, "box-BR03-2")
            .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(1)), dir.resolve("box"));
    try (MockGpio gpio = MockGpio.create();
         SigbSimulator sigb = SigbSimulator.start(config)) {
      List<Item> documents = sigb.network().items().subList(0, 500);
      Map<String, Instant> returnedAt = new ConcurrentHashMap<>();
      try (ReturnBoxAgent box = box(gpio, settings, boxClock)) {
        box.start();
        long uid = 0xE004010000001000L;
        for (Item item : documents) {
          boxClock.advance(Duration.ofMinutes(1));
          returnedAt.put(item.id(), boxClock.instant());
          dropThroughTheSlot(gpio, SimulatedTag.forItem(new Uid(uid++), item.id(), "FR-" + item.homeBranch(),
              SecurityPolicy.ISO_ON_LOAN_AFI));
          await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(5))
              .until(() -> sorted.containsKey(item.id()));
        }
        assertThat(sorted.values()).as("accepted at once, every one, into 'to sort'").hasSize(500)
            .containsOnly(Bin.TO_SORT);
        assertThat(box.outboxDepth()).isEqualTo(500);
        assertThat(sigb.network().checkinLog()).isEmpty();
      }
      // Three days went by while the box was cut off — and, here, switched off: its clock reads the present again
      // when it starts. (Within one run the box would date its waiting events by the monotonic clock, which a test
      // cannot move three days: Outbox.StoredEvent#makingClockNow.) A box still reading three days ago would be a
      // wrong clock, and the hub would move its dates by what its messages' sent-at says (DeviceClockTest).
      boxClock.advance(Duration.between(boxClock.instant(), Instant.now()));

      try (MockGpio again = MockGpio.create(); // the box started again: its pins claimed anew
           ReturnBoxAgent box = box(again, settings, boxClock);
           Hub hub = hub(dir.resolve("hub"), mqttPort, sigb, config)) {
        box.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> sigb.network().checkinLog().size() >= 500
            && box.outboxDepth() == 0);
        List<CheckinRecord> log = sigb.network().checkinLog();
        assertThat(log).hasSize(500);
        Map<String, Instant> applied = log.stream()
            .collect(Collectors.toMap(CheckinRecord::itemId, CheckinRecord::returnedAt));
        assertThat(applied).as("each document checked in once, dated when it was really returned")
            .containsExactlyInAnyOrderEntriesOf(returnedAt);
        assertThat(log).extracting(CheckinRecord::branch).containsOnly(BOX_BRANCH);
      }
    }
  }

  private ReturnBoxAgent box(MockGpio gpio, DeviceRuntime.Settings settings, Clock clock) {
    return new ReturnBoxAgent(ReturnBoxConfig.of(BOX_BRANCH, "box-BR03-2"),
        new ReturnBoxAgent.Wiring(gpio, BinPlan.fiveBins(), Optional.of(SLOT)), new SimulatedReader(field),
        settings, clock, fallsIntoItsBin);
  }

  private void dropThroughTheSlot(MockGpio gpio, SimulatedTag tag) {
    // The document lies in the reader's field on the chute as it clears the slot sensor's beam.
    field.put(tag);
    gpio.setActive(SLOT.name(), true);
    gpio.setActive(SLOT.name(), false);
  }

}
