package fr.navette.hub.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.transits.TransitReason;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A return in doubt (its checkin sent, no answer recorded): what the item's state at the SIGB (18) says that
 * checkin did — not applied (check it in), or applied with the CV code the shuttle routes by — without a broker or
 * a SIGB.
 */
class ItemOutcomeTest {
  private static final String HERE = "BR01";

  private static ItemOutcome item(boolean known, String status, String holdQueue, String location,
                                  String destination, String home) {
    return new ItemOutcome(known, status, Optional.of("Le Horla"), Optional.of("R MAU"), Optional.ofNullable(home),
        Optional.ofNullable(holdQueue), Optional.ofNullable(location), Optional.ofNullable(destination),
        Optional.of("ADU"));
  }

  @ParameterizedTest(name = "known {0}, status {1}, CF {2}, AP {3}, CT {4}, home {5}: CV {6}, {7}")
  @CsvSource(nullValues = "none", value = {
      // The item shows the first checkin did not take (or would be refused): send it.
      "true, 04, 0, BR05, none, BR05, none, none",
      "true, 05, 0, BR05, none, BR05, none, none",
      "false, 01, none, none, none, none, none, none",
      "true, 11, 0, BR05, none, BR05, none, none",
      "true, 12, 0, BR05, none, BR05, none, none",
      "true, 13, 0, BR01, none, BR01, none, none",
      // Available while a hold waits, or away from home: a checkin here would have trapped it or sent it home.
      "true, 03, 1, BR01, none, BR01, none, none",
      "true, 03, 0, BR05, none, BR05, none, none",
      "true, 03, 0, BR01, none, ' BR05', none, none",
      // Applied: on the hold shelf here, or of another branch.
      "true, 08, 1, BR01, none, BR05, 01, none",
      "true, 08, 1, ' BR01 ', none, BR05, 01, none",
      "true, 08, 1, none, none, BR05, 01, none",
      "true, 08, 1, BR07, none, BR05, 02, hold-elsewhere",
      // Applied: in transit, to a hold (CF > 0) or home.
      "true, 10, 1, BR01, BR07, BR05, 02, hold-elsewhere",
      "true, 10, 0, BR01, ' BR05', BR05, 04, send-home",
      "true, 10, none, BR01, BR05, BR05, 04, send-home",
      "true, 10, x, BR01, BR05, BR05, 04, send-home",
      "true, 10, 0, BR01, BR01, BR01, 04, none",
      "true, 10, 0, BR01, none, BR05, 00, none",
      // Applied, or not: at home with nothing waiting, the SIGB's state is what the checkin leaves. It stays.
      "true, 03, 0, BR01, none, BR01, 00, none",
      "true, 03, none, BR01, none, none, 00, none",
      "true, 09, 0, BR01, none, BR05, 00, none",
  })
  void theItemsStateSaysWhatTheCheckinDid(boolean known, String status, String holdQueue, String location,
      String destination, String home, String alertType, String reason) {
    Optional<CheckinOutcome> applied = item(known, status, holdQueue, location, destination, home)
        .checkedInAt(HERE);
    if (alertType == null) {
      assertThat(applied).as("not applied: check it in").isEmpty();
      return;
    }
    assertThat(applied).hasValueSatisfying(o -> {
      assertThat(o.ok()).isTrue();
      assertThat(o.alertType()).isEqualTo(alertType);
      assertThat(o.holdHere()).isEqualTo(alertType.equals("01"));
      assertThat(o.transitReason(HERE).map(TransitReason::wireName)).isEqualTo(Optional.ofNullable(reason));
      assertThat(o.title()).contains("Le Horla");
      assertThat(o.callNumber()).contains("R MAU");
      assertThat(o.collection()).as("the shuttle's floating rule reads it").contains("ADU");
    });
  }
}
