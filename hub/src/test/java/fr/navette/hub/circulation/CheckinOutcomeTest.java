package fr.navette.hub.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.transits.TransitReason;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SIGB's checkin answer reduced to the network's two questions — does it ride the shuttle, and why; does it go
 * to this branch's hold shelf — for every SIP2 CV alert type, without a broker or a SIGB.
 */
class CheckinOutcomeTest {
  private static final String HERE = "BR01";

  private static CheckinOutcome outcome(boolean ok, String alertType, String destination) {
    return new CheckinOutcome(ok, alertType, Optional.ofNullable(destination), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  @ParameterizedTest(name = "CV {0} to {1}: {2}")
  @CsvSource(nullValues = "none", value = {
      "00, BR07, none",
      "01, BR07, none",
      "02, BR07, hold-elsewhere",
      "03, BR07, none",
      "04, BR07, send-home",
      "99, BR07, none",
      "42, BR07, none",
      "'', BR07, none",
      "00, none, none",
      "01, none, none",
      "02, none, none",
      "03, none, none",
      "04, none, none",
      "99, none, none",
      "42, none, none",
  })
  void eachAlertTypeRidesTheShuttleOnlyWhenTheSigbSendsItElsewhere(String alertType, String destination,
                                                                   String reason) {
    assertThat(outcome(true, alertType, destination).transitReason(HERE).map(TransitReason::wireName))
        .isEqualTo(Optional.ofNullable(reason));
  }

  @ParameterizedTest
  @ValueSource(strings = {"00", "01", "02", "03", "04", "99", "42"})
  void aDestinationThatIsTheReturningBranchMeansItStaysHere(String alertType) {
    assertThat(outcome(true, alertType, HERE).transitReason(HERE)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"00", "01", "02", "03", "04", "99", "42"})
  void aRefusedCheckinNeverRidesNorGoesToTheHoldShelf(String alertType) {
    CheckinOutcome refused = outcome(false, alertType, "BR07");
    assertThat(refused.transitReason(HERE)).isEmpty();
    assertThat(refused.holdHere()).isFalse();
  }

  @ParameterizedTest(name = "CV {0}: hold here {1}")
  @CsvSource({"00, false", "01, true", "02, false", "03, false", "04, false", "99, false", "42, false"})
  void onlyCv01IsForThisBranchsHoldShelf(String alertType, boolean holdHere) {
    assertThat(outcome(true, alertType, null).holdHere()).isEqualTo(holdHere);
    assertThat(outcome(true, alertType, HERE).holdHere()).isEqualTo(holdHere);
  }

  @ParameterizedTest
  @ValueSource(strings = {" BR07", "BR07 ", "  BR07\t", "BR07"})
  void aPaddedDestinationIsTheBranchItNames(String padded) {
    CheckinOutcome sendHome = outcome(true, "04", padded);

    assertThat(sendHome.destination()).hasValue("BR07");
    assertThat(sendHome.transitReason("BR07")).as("already home: no transit to itself").isEmpty();
    assertThat(sendHome.transitReason(HERE)).hasValue(TransitReason.SEND_HOME);
    assertThat(outcome(true, "02", padded).transitReason("BR07")).as("the hold is here").isEmpty();
    assertThat(outcome(true, "02", padded).transitReason(HERE)).hasValue(TransitReason.HOLD_ELSEWHERE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", "\t"})
  void aBlankDestinationIsNone(String blank) {
    CheckinOutcome sendHome = outcome(true, "04", blank);

    assertThat(sendHome.destination()).isEmpty();
    assertThat(sendHome.transitReason(HERE)).isEmpty();
    assertThat(outcome(true, "02", blank).transitReason(HERE)).isEmpty();
  }

  @Test
  void theReasonsHaveTheNamesTheTransitsAndTheApiCarry() {
    assertThat(TransitReason.SEND_HOME.wireName()).isEqualTo("send-home");
    assertThat(TransitReason.HOLD_ELSEWHERE.wireName()).isEqualTo("hold-elsewhere");
  }
}
