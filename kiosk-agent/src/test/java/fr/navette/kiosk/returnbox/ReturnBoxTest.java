package fr.navette.kiosk.returnbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.agent.Outbox;
import fr.navette.agent.SqliteOutbox;
import fr.navette.gpio.MockGpio;
import fr.navette.reader.Uid;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.ReturnProblemEvent;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.SigbResponse.ReturnRoute;
import fr.navette.sim.devices.ReaderFaults;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SteppedClock;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.tag.SecurityPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The box's own behaviour, with its bins' diverters on Pi4J's mock platform and its events in a real SQLite
 * outbox; the hub's checkin answers are scripted per item here (the whole path with a real hub and SIGB
 * simulator is in the launcher's ReturnBoxSortingTest).
 */
class ReturnBoxTest {
  private static final Uid BOOK = Uid.parse("E004010012345678");
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-24T17:30:00Z"));
  private final VirtualField field = new VirtualField();
  private final SimulatedReader reader = new SimulatedReader(field);
  private final List<String> told = new ArrayList<>();
  private final MockGpio gpio = MockGpio.create();
  private final BinPlan bins = BinPlan.fiveBins();
  @TempDir Path dir;
  private SqliteOutbox outbox;
  private ScriptedLedger ledger;

  private ReturnBox box(ReturnBoxConfig config, boolean hubReachable) {
    outbox = SqliteOutbox.open(dir.resolve("outbox.db"), config.deviceId(), clock);
    ledger = new ScriptedLedger(outbox, hubReachable);
    return new ReturnBox(config, reader, ledger, new Diverter(gpio, bins), clock,
        new ReturnBox.ReturnListener() {
          @Override
          public void accepted(Uid uid, String itemId, boolean rearmed, Bin bin, Optional<SigbResponse> answer) {
            told.add(itemId + " -> " + bin.configName());
          }

          @Override
          public void refused(Optional<Uid> uid, ReturnProblemEvent.Problem problem, String detail, Bin bin) {
            told.add(uid.map(Uid::toString).orElse("?") + " " + problem + " -> " + bin.configName());
          }
        });
  }

  /** A book lent at BR01, its tag (item 0012345678, owner FR-BR01) disarmed as a loan leaves it. */
  private static SimulatedTag onLoan() {
    return SimulatedTag.forItem(BOOK, "0012345678", "FR-BR01", SecurityPolicy.ISO_ON_LOAN_AFI);
  }

  /** {@code tag} put in the box's field. */
  private SimulatedTag inField(SimulatedTag tag) {
    field.put(tag);
    return tag;
  }

  private ReturnBox box() {
    return box(ReturnBoxConfig.of("BR02", "box-BR02-1").withNetworkIsils(List.of("FR-BR")), true);
  }

  @AfterEach
  void close() {
    if (outbox != null) {
      outbox.close();
    }
    gpio.close();
  }

  @Test
  void aReturnedDocumentIsReArmedAndItsReturnStoredOnce() throws Exception {
    SimulatedTag tag = inField(onLoan());
    ReturnBox box = box();

    box.poll();
    box.poll(); // still in the field: not a second return

    assertThat(tag.afi()).isEqualTo(SecurityPolicy.ISO_ARMED_AFI);
    assertThat(outbox.oldest(10)).hasSize(1);
    ReturnEvent event = EventCodec.decodeReturn(outbox.oldest(1).getFirst().payload());
    assertThat(event.itemId()).isEqualTo("0012345678");
    assertThat(event.returnedAt()).isEqualTo(clock.instant());
    assertThat(event.offline()).isFalse();
    assertThat(event.header().deviceId()).isEqualTo("box-BR02-1");
  }

  @Test
  void theSameDocumentReturnedAgainAfterLeavingIsASecondReturn() throws Exception {
    SimulatedTag tag = onLoan();
    ReturnBox box = box();
    field.put(tag);
    box.poll();
    field.remove(BOOK);
    box.poll();
    field.put(tag);
    box.poll();

    assertThat(outbox.depth()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "OK, SHELVE, shelves",
      "OK, HOLD_SHELF, holds",
      "OK, SHUTTLE, shuttle",
      "OK, PROBLEM, problems",
      "REFUSED, PROBLEM, problems",
      "SIGB_UNAVAILABLE, , to-sort"})
  void theHubsAnswerChoosesTheBinAndOnlyItsDiverterIsOn(SigbResponse.Outcome outcome, ReturnRoute route,
                                                        String expectedBin) throws Exception {
    ReturnBox box = box();
    ledger.answer("0012345678", outcome, Optional.ofNullable(route));
    field.put(onLoan());

    box.poll();

    assertThat(told).containsExactly("0012345678 -> " + expectedBin);
    assertThat(diverterStates()).containsExactlyEntriesOf(onlyOn(Bin.parse(expectedBin)));
  }

  @Test
  void noAnswerInTimeSendsTheDocumentToSortAndItsCheckinStillFollows() throws Exception {
    ReturnBox box = box(); // nothing scripted: the hub stays silent past the answer wait
    field.put(onLoan());

    box.poll();

    assertThat(told).containsExactly("0012345678 -> to-sort");
    assertThat(outbox.depth()).isEqualTo(1);
  }

  @Test
  void offlineTheBoxAcceptsAtOnceRecordsTheTrueReturnTimeAndSortsToSort() throws Exception {
    ReturnBox box = box(ReturnBoxConfig.of("BR02", "box-BR02-1"), false);
    SimulatedTag tag = inField(onLoan());

    box.poll();

    assertThat(tag.afi()).isEqualTo(SecurityPolicy.ISO_ARMED_AFI);
    assertThat(told).containsExactly("0012345678 -> to-sort");
    assertThat(ledger.waited).isZero();
    ReturnEvent event = EventCodec.decodeReturn(outbox.oldest(1).getFirst().payload());
    assertThat(event.offline()).isTrue();
    assertThat(event.returnedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aBoxWithoutAHoldsBinSendsHoldsToSort() throws Exception {
    Map<Bin, fr.navette.gpio.PinSpec> twoBins = new EnumMap<>(Bin.class);
    twoBins.put(Bin.SHUTTLE, fr.navette.gpio.PinSpec.activeHigh("bin-a", 20));
    twoBins.put(Bin.TO_SORT, fr.navette.gpio.PinSpec.activeHigh("bin-b", 21));
    BinPlan plan = new BinPlan(twoBins);
    assertThat(plan.resolve(Bin.HOLDS)).isEqualTo(Bin.TO_SORT);
    assertThat(plan.resolve(Bin.SHUTTLE)).isEqualTo(Bin.SHUTTLE);
  }

  @Test
  void aBlankTagGoesToProblemsWithAnEventSayingWhyAndNoReturn() throws Exception {
    field.put(SimulatedTag.blank(BOOK));
    ReturnBox box = box();

    box.poll();

    assertThat(told).containsExactly(BOOK + " NO_ITEM_IDENTIFIER -> problems");
    ReturnProblemEvent problem = onlyProblem();
    assertThat(problem.tagUid()).contains(BOOK.toString());
    assertThat(problem.detail()).contains("no item identifier");
    assertThat(outbox.oldest(10)).extracting(Outbox.StoredEvent::channel).containsExactly(Channel.RETURN_PROBLEM);
    assertThat(gpio.isActive("bin-problems")).isTrue();
  }

  @Test
  void aCorruptTagGoesToProblemsAsUnreadable() throws Exception {
    byte[] memory = onLoan().memory();
    memory[5] ^= 0x5A; // inside the item identifier: the block's CRC no longer matches
    field.put(SimulatedTag.withMemory(BOOK, memory, SecurityPolicy.ISO_ON_LOAN_AFI));
    ReturnBox box = box();

    box.poll();

    assertThat(told).containsExactly(BOOK + " UNREADABLE -> problems");
    assertThat(onlyProblem().detail()).contains("cannot be read as a library tag");
  }

  @Test
  void aForeignDocumentGoesToProblemsUntouched() throws Exception {
    SimulatedTag tag = inField(SimulatedTag.forItem(BOOK, "X-999", "FR-999999999", SecurityPolicy.ISO_ON_LOAN_AFI));
    ReturnBox box = box();

    box.poll();

    assertThat(told).containsExactly(BOOK + " FOREIGN -> problems");
    assertThat(onlyProblem().detail()).contains("FR-999999999");
    assertThat(tag.afi()).as("not ours: its tag is left alone").isEqualTo(SecurityPolicy.ISO_ON_LOAN_AFI);
  }

  @Test
  void aTagThatCannotBeReArmedIsStillCheckedInButGoesToProblems() throws Exception {
    SimulatedTag tag = inField(onLoan());
    ReturnBox box = box();
    reader.faults().failNextAfiWrites(BOOK, ReaderFaults.AfiWriteFault.ERROR, 3);
    ledger.answer("0012345678", SigbResponse.Outcome.OK, Optional.of(ReturnRoute.SHELVE));

    box.poll();

    assertThat(told).containsExactly("0012345678 -> problems");
    List<Outbox.StoredEvent> stored = outbox.oldest(10);
    assertThat(stored).extracting(Outbox.StoredEvent::channel).containsExactly(Channel.RETURN, Channel.RETURN_PROBLEM);
    assertThat(onlyProblem().problem()).isEqualTo(ReturnProblemEvent.Problem.NOT_REARMED);
  }

  @Test
  void aDocumentTheSlotSawButNoTagAnsweredIsUnreadable() throws Exception {
    ReturnBox box = box(ReturnBoxConfig.of("BR02", "box-BR02-1").withReadWindow(Duration.ofMillis(1)), true);

    box.slotTriggered();
    box.poll(); // within the read window: the tag may still answer
    assertThat(told).isEmpty();
    clock.advance(Duration.ofMillis(2));
    box.poll();
    box.poll(); // said once

    assertThat(told).containsExactly("? UNREADABLE -> problems");
    assertThat(onlyProblem().tagUid()).isEmpty();
  }

  private ReturnProblemEvent onlyProblem() {
    List<Outbox.StoredEvent> problems = outbox.oldest(10).stream()
        .filter(e -> e.channel() == Channel.RETURN_PROBLEM).toList();
    assertThat(problems).hasSize(1);
    return EventCodec.decode(Channel.RETURN_PROBLEM, problems.getFirst().payload(), ReturnProblemEvent.class);
  }

  private Map<Bin, Boolean> diverterStates() {
    Map<Bin, Boolean> states = new EnumMap<>(Bin.class);
    bins.diverters().forEach((bin, pin) -> states.put(bin, gpio.isActive(pin.name())));
    return states;
  }

  private static Map<Bin, Boolean> onlyOn(Bin on) {
    Map<Bin, Boolean> states = new EnumMap<>(Bin.class);
    for (Bin bin : Bin.values()) {
      states.put(bin, bin == on);
    }
    return states;
  }


  /** The outbox for real; the hub's answers scripted by item. */
  private static final class ScriptedLedger implements ReturnLedger {
    private final Outbox outbox;
    private final boolean reachable;
    private final Map<String, SigbResponse> answers = new HashMap<>();
    int waited;

    ScriptedLedger(Outbox outbox, boolean reachable) {
      this.outbox = outbox;
      this.reachable = reachable;
    }

    void answer(String itemId, SigbResponse.Outcome outcome, Optional<ReturnRoute> route) {
      SigbResponse.Builder answer = SigbResponse.builder(UUID.randomUUID(), SigbRequest.Kind.CHECKIN, outcome);
      route.ifPresent(answer::route);
      answers.put(itemId, answer.build());
    }

    @Override
    public PendingCheckin recordReturn(String itemId, Instant returnedAt, boolean offline) {
      outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, itemId, returnedAt, offline)));
      return deadline -> {
        waited++;
        return Optional.ofNullable(answers.get(itemId));
      };
    }

    @Override
    public void recordProblem(Optional<Uid> uid, Optional<String> itemId, ReturnProblemEvent.Problem problem,
                              String detail, Instant returnedAt) {
      outbox.append(Channel.RETURN_PROBLEM, h -> EventCodec.encode(new ReturnProblemEvent(h,
          uid.map(Uid::toString), itemId, problem, detail, returnedAt)));
    }

    @Override
    public boolean hubReachable() {
      return reachable;
    }
  }
}
