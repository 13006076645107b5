package fr.navette.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.broker.EmbeddedBroker;
import fr.navette.reader.Uid;
import fr.navette.schema.AlarmEvent;
import fr.navette.schema.CommandAck;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.tag.SecurityPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on Pi4J's mock platform driven like hardware (beams moved, outputs read), reading a simulated field,
 * reporting over a real broker.
 */
class GateOnMockHardwareTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir static Path brokerDir;
  @TempDir Path dataDir;
  static EmbeddedBroker broker;
  final VirtualField field = new VirtualField();
  GateRig rig;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.startOpen(brokerDir, "127.0.0.1", 0);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @AfterEach
  void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  private GateRig gate(Map<String, String> settings) throws Exception {
    rig = new GateRig(broker.uri(), dataDir, new SimulatedReader(field), settings);
    return rig;
  }

  private static SimulatedTag armed(long uid, String itemId) {
    return SimulatedTag.forItem(new Uid(uid), itemId, "FR-751131015", SecurityPolicy.ISO_ARMED_AFI);
  }

  private void awaitPasses(GateRig g, int passes) {
    long from = g.inventories();
    await().atMost(WAIT).until(() -> g.inventories() >= from + passes);
  }

  @Test
  void anArmedDocumentFiresLightAndBuzzerInThePatternAndTheHubLearnsWhichOne() throws Exception {
    GateRig g = gate(Map.of("alarm.pattern", "100/100x3 5000"));
    field.put(armed(0xE004015000000001L, "0012345678"));

    await().atMost(WAIT).until(() -> g.edges("light").size() == 6 && g.edges("buzzer").size() == 6);
    for (String pin : List.of("light", "buzzer")) {
      List<GateRig.Edge> e = g.edges(pin);
      assertThat(e).extracting(GateRig.Edge::active).containsExactly(true, false, true, false, true, false);
      long start = e.getFirst().nanoTime();
      for (int i = 1; i < 6; i++) {
        // a timer never runs early: each edge comes at or after its place in the pattern
        assertThat(e.get(i).nanoTime() - start).as(pin + " edge " + i).isGreaterThanOrEqualTo(i * 100_000_000L);
      }
    }
    assertThat(g.gpio.isActive("light")).isFalse();

    await().atMost(WAIT).until(() -> g.hub.alarms.size() == 1);
    AlarmEvent alarm = g.hub.alarms.getFirst();
    assertThat(alarm.itemId()).contains("0012345678");
    assertThat(alarm.tagUid()).isEqualTo("E004015000000001");
    assertThat(alarm.antenna()).hasValue(1);
    assertThat(alarm.tagDataError()).isEmpty();
    assertThat(alarm.direction()).isEqualTo(AlarmEvent.Direction.UNKNOWN);
    assertThat(alarm.header().deviceId()).isEqualTo(g.device);
  }

  @Test
  void aDisarmedDocumentNeverFires() throws Exception {
    GateRig g = gate(Map.of("alarm.pattern", "20/20x1 1000"));
    field.put(SimulatedTag.forItem(new Uid(0xE004015000000002L), "0099999999", "FR-751131015",
        SecurityPolicy.ISO_ON_LOAN_AFI));
    awaitPasses(g, 30);
    assertThat(g.edges).isEmpty();
    assertThat(g.gpio.isHigh("light")).isFalse();
    assertThat(g.gate.runtime().outbox().lastSequence()).isZero();

    // The same gate, the same field, the disarmed document still in it: an armed one fires, so the quiet above
    // is the disarmed document's, not a gate that never fires.
    field.put(armed(0xE004015000000009L, "0000000009"));
    await().atMost(WAIT).until(() -> g.onEdges("light") == 1);
    await().atMost(WAIT).until(() -> g.hub.alarms.size() == 1);
    awaitPasses(g, 30);
    assertThat(g.hub.alarms).extracting(a -> a.itemId().orElseThrow()).containsOnly("0000000009");
  }

  @Test
  void theSameTagDoesNotFireAgainWithinTheHoldOffAnotherOneDoes() throws Exception {
    GateRig g = gate(Map.of("alarm.pattern", "20/20x1 1000", "alarm.hold-off-ms", "3600000"));
    SimulatedTag book = armed(0xE004015000000003L, "0000000003");
    field.put(book);
    await().atMost(WAIT).until(() -> g.onEdges("light") == 1);
    awaitPasses(g, 20);                 // the book stays in the field
    field.remove(book.uid());
    awaitPasses(g, 5);
    field.put(book);                    // and comes back (the patron walks back through)
    awaitPasses(g, 20);
    assertThat(g.onEdges("light")).isEqualTo(1);

    field.put(armed(0xE004015000000004L, "0000000004"));
    await().atMost(WAIT).until(() -> g.onEdges("light") == 2);
    await().atMost(WAIT).until(() -> g.hub.alarms.size() == 2);
    assertThat(g.hub.alarms).extracting(a -> a.itemId().orElseThrow()).containsExactly("0000000003", "0000000004");
  }

  @Test
  void beamsTellTheDirectionOfTheAlarmAndCountVisitors() throws Exception {
    GateRig g = gate(Map.of("alarm.pattern", "20/20x1 1000"));
    g.gpio.setActive("beam-a", true);   // someone leaving breaks the library-side beam first
    field.put(armed(0xE004015000000005L, "0000000005"));
    await().atMost(WAIT).until(() -> g.onEdges("light") == 1);
    g.gpio.setActive("beam-b", true);
    g.gpio.setActive("beam-a", false);
    g.gpio.setActive("beam-b", false);
    g.walk("beam-b", "beam-a");         // two come in
    g.walk("beam-b", "beam-a");
    g.gpio.setActive("beam-b", true);   // one looks in and turns back
    g.gpio.setActive("beam-b", false);

    await().atMost(WAIT).until(() -> g.hub.alarms.size() == 1);
    assertThat(g.hub.alarms.getFirst().direction()).isEqualTo(AlarmEvent.Direction.OUT);
    g.gate.publishCounts();
    await().atMost(WAIT).until(() -> g.hub.counts.size() == 1);
    assertThat(g.hub.counts.getFirst().entries()).isEqualTo(2);
    assertThat(g.hub.counts.getFirst().exits()).isEqualTo(1);
  }

  @Test
  void aTagWhoseDataCannotBeReadStillAlarmsUnderItsUid() throws Exception {
    GateRig g = gate(Map.of("alarm.pattern", "20/20x1 1000"));
    byte[] corrupt = new byte[34];
    corrupt[0] = 0x11;                  // a Danish-shaped block (version 1) whose CRC is wrong
    corrupt[1] = 1;
    corrupt[2] = 1;
    corrupt[3] = '4';
    corrupt[19] = 0x12;
    corrupt[20] = 0x34;
    field.put(SimulatedTag.withMemory(new Uid(0xE0040150000000AAL), corrupt, SecurityPolicy.ISO_ARMED_AFI));
    await().atMost(WAIT).until(() -> g.hub.alarms.size() == 1);
    AlarmEvent alarm = g.hub.alarms.getFirst();
    assertThat(alarm.itemId()).isEmpty();
    assertThat(alarm.tagUid()).isEqualTo("E0040150000000AA");
    assertThat(alarm.tagDataError()).isPresent();
    assertThat(g.onEdges("light")).isEqualTo(1);
  }

  @Test
  void staffSilenceTheAlarmAndTestTheGate() throws Exception {
    GateRig g = gate(Map.of("alarm.pattern", "100/100x0 600000"));
    field.put(armed(0xE004015000000006L, "0000000006"));
    await().atMost(WAIT).until(() -> g.onEdges("light") >= 1);
    field.clear();
    // the alarm reached the hub: the gate is connected and listens for commands
    await().atMost(WAIT).until(() -> g.hub.alarms.size() == 1);

    g.hub.command("silence", Map.of());
    await().atMost(WAIT).until(() -> g.hub.acks.size() == 1);
    assertThat(g.hub.acks.getFirst().status()).isEqualTo(CommandAck.Status.DONE);
    assertThat(g.gpio.isActive("light")).isFalse();
    assertThat(g.gpio.isActive("buzzer")).isFalse();
    long edgesAfterSilence = g.edges.size();
    awaitPasses(g, 20);
    assertThat(g.edges).as("the pattern does not resume").hasSize((int) edgesAfterSilence);

    int before = g.edges("light").size();
    g.hub.command("test-alarm", Map.of("seconds", "1"));
    await().atMost(WAIT).until(() -> g.hub.acks.size() == 2);
    assertThat(g.hub.acks.get(1).status()).isEqualTo(CommandAck.Status.DONE);
    await().atMost(WAIT).until(() -> g.edges("light").size() == before + 2 && g.edges("buzzer").size() == before + 2);
    List<GateRig.Edge> test = g.edges("light").subList(before, before + 2);
    assertThat(test).extracting(GateRig.Edge::active).containsExactly(true, false);
    assertThat(test.get(1).nanoTime() - test.get(0).nanoTime()).as("steady for the second asked")
        .isGreaterThanOrEqualTo(1_000_000_000L);

    g.hub.command("test-alarm", Map.of("seconds", "500"));
    await().atMost(WAIT).until(() -> g.hub.acks.size() == 3);
    CommandAck refused = g.hub.acks.get(2);
    assertThat(refused.status()).isEqualTo(CommandAck.Status.REFUSED);
    assertThat(refused.message().orElseThrow()).contains("seconds").contains("500");
  }

  @Test
  void underEasSecurityTheEasBitDecidesNotTheAfi() throws Exception {
    GateRig g = gate(Map.of("security", "eas", "alarm.pattern", "20/20x1 1000"));
    SimulatedTag onLoan = SimulatedTag.forItem(new Uid(0xE004015000000007L), "0000000007", "FR-751131015",
        SecurityPolicy.ISO_ARMED_AFI);
    onLoan.setEas(false);               // AFI says armed, but this site secures with the EAS bit: quiet
    field.put(onLoan);
    awaitPasses(g, 30);
    assertThat(g.edges).isEmpty();
    SimulatedTag secured = SimulatedTag.forItem(new Uid(0xE004015000000008L), "0000000008", "FR-751131015",
        SecurityPolicy.ISO_ON_LOAN_AFI);
    secured.setEas(true);
    field.put(secured);
    await().atMost(WAIT).until(() -> g.hub.alarms.size() == 1);
    assertThat(g.hub.alarms.getFirst().itemId()).contains("0000000008");
  }

  @Test
  void theHubsConfigChangesTunablesAndIsRefusedForPins() throws Exception {
    GateRig g = gate(Map.of());
    try {
      await().atMost(WAIT).until(() -> g.gate.runtime().session().isConnected());
      g.hub.config(2, Map.of("alarm.hold-off-ms", "1234", "alarm.pattern", "30/30x2 1000"));
      await().atMost(WAIT).until(() -> g.hub.configAcks.size() == 1);
      assertThat(g.hub.configAcks.getFirst().accepted()).isTrue();
      assertThat(g.gate.config().holdOff()).isEqualTo(Duration.ofMillis(1234));

      g.hub.config(3, Map.of("pin.light", "22"));
      await().atMost(WAIT).until(() -> g.hub.configAcks.size() == 2);
      assertThat(g.hub.configAcks.get(1).accepted()).isFalse();
      assertThat(g.hub.configAcks.get(1).reason().orElseThrow()).contains("pin.light").contains("restart");
      g.hub.config(4, Map.of("alarm.hold-off", "5"));
      await().atMost(WAIT).until(() -> g.hub.configAcks.size() == 3);
      assertThat(g.hub.configAcks.get(2).reason().orElseThrow()).contains("alarm.hold-off");
      assertThat(g.gate.config().holdOff()).as("the config in force stays").isEqualTo(Duration.ofMillis(1234));
    } finally {
      g.hub.clearConfig();
    }
  }
}
