package fr.navette.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.gate.alarm.AlarmDecision;
import fr.navette.gate.alarm.ArmedRule;
import fr.navette.reader.EasState;
import fr.navette.reader.InventoryEntry;
import fr.navette.reader.Uid;
import fr.navette.tag.SecurityPolicy;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gate's decision as a plain function: no reader, no GPIO, no clock. */
class AlarmDecisionTest {
  private static final Uid UID = Uid.parse("E004015012345678");
  private static final ArmedRule ISO = ArmedRule.of(SecurityPolicy.isoDefault());
  private static final Duration HOLD_OFF = Duration.ofSeconds(5);
  private static final long SECOND = 1_000_000_000L;

  private static InventoryEntry afi(int afi) {
    return new InventoryEntry(UID, OptionalInt.empty(), OptionalInt.of(afi), EasState.UNKNOWN);
  }

  private static InventoryEntry eas(EasState eas) {
    return new InventoryEntry(UID, OptionalInt.empty(), OptionalInt.empty(), eas);
  }

  @Test
  void anArmedTagFiresADisarmedOneNever() {
    assertThat(AlarmDecision.fires(afi(0x07), ISO, OptionalLong.empty(), 0, HOLD_OFF)).isTrue();
    assertThat(AlarmDecision.fires(afi(0xC2), ISO, OptionalLong.empty(), 0, HOLD_OFF)).isFalse();
    // a foreign or unprogrammed AFI is not ours to alarm on; nor a tag whose AFI the reader did not say
    assertThat(AlarmDecision.fires(afi(0x00), ISO, OptionalLong.empty(), 0, HOLD_OFF)).isFalse();
    assertThat(AlarmDecision.fires(afi(0x32), ISO, OptionalLong.empty(), 0, HOLD_OFF)).isFalse();
    assertThat(AlarmDecision.fires(InventoryEntry.of(UID), ISO, OptionalLong.empty(), 0, HOLD_OFF)).isFalse();
  }

  @Test
  void theSameTagIsQuietWithinTheHoldOffAndFiresAgainAfter() {
    OptionalLong firedAt = OptionalLong.of(100 * SECOND);
    assertThat(AlarmDecision.fires(afi(0x07), ISO, firedAt, 100 * SECOND, HOLD_OFF)).isFalse();
    assertThat(AlarmDecision.fires(afi(0x07), ISO, firedAt, 105 * SECOND - 1, HOLD_OFF)).isFalse();
    assertThat(AlarmDecision.fires(afi(0x07), ISO, firedAt, 105 * SECOND, HOLD_OFF)).isTrue();
    // a disarmed tag stays quiet whatever its history
    assertThat(AlarmDecision.fires(afi(0xC2), ISO, firedAt, 500 * SECOND, HOLD_OFF)).isFalse();
  }

  @Test
  void severalArmedAfisForANetworkMovingFrom3mToIso() {
    ArmedRule both = new ArmedRule(SecurityPolicy.isoDefault(), Set.of(0xD7));
    assertThat(AlarmDecision.fires(afi(0xD7), both, OptionalLong.empty(), 0, HOLD_OFF)).isTrue();
    assertThat(AlarmDecision.fires(afi(0x07), both, OptionalLong.empty(), 0, HOLD_OFF)).isTrue();
    assertThat(AlarmDecision.fires(afi(0xDA), both, OptionalLong.empty(), 0, HOLD_OFF)).isFalse();
    assertThat(both.inventoryFilters()).containsExactly(0x07, 0xD7);
    assertThat(both).hasToString("AFI 0x07,0xD7 armed, 0xC2 on loan");
    assertThatThrownBy(() -> new ArmedRule(SecurityPolicy.isoDefault(), Set.of(0xC2)))
        .hasMessageContaining("0xC2");
  }

  @Test
  void underEasSecurityOnlyTheEasBitCounts() {
    ArmedRule eas = ArmedRule.of(SecurityPolicy.eas());
    assertThat(AlarmDecision.fires(eas(EasState.SET), eas, OptionalLong.empty(), 0, HOLD_OFF)).isTrue();
    assertThat(AlarmDecision.fires(eas(EasState.RESET), eas, OptionalLong.empty(), 0, HOLD_OFF)).isFalse();
    assertThat(AlarmDecision.fires(eas(EasState.UNKNOWN), eas, OptionalLong.empty(), 0, HOLD_OFF)).isFalse();
    // AFI 0x07 on an EAS site means nothing
    assertThat(AlarmDecision.fires(afi(0x07), eas, OptionalLong.empty(), 0, HOLD_OFF)).isFalse();
    assertThat(eas.inventoryFilters()).containsExactly(0);
  }
}
