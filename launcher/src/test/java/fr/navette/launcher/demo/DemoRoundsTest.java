package fr.navette.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.transits.Route;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shuttle's timetable: each round twice a week, its calls 20 minutes apart, back at the depot last. */
class DemoRoundsTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  private final NetworkRules rules = new NetworkRules(List.of(new Route("nord", "Tournée nord", List.of("A", "B", "C")),
      new Route("sud", "Tournée sud", List.of("A", "D"))), Set.of(), Duration.ofDays(7), Map.of());
  private final DemoRounds rounds = new DemoRounds(null, null, rules, ZONE);

  private static java.time.Instant at(String local) {
    return LocalDateTime.parse(local).atZone(ZONE).toInstant();
  }

  @Test
  void aWeekHasEachRoundTwiceWithItsCallsInOrder() {
    // Monday 2026-11-30 00:00 to the next Monday.
    List<DemoRounds.Call> week = rounds.callsBetween(at("2026-11-30T00:00"), at("2026-12-07T00:00"));
    // nord: 3 stops + back at the depot, Tuesday and Friday; sud: 2 + 1, Wednesday and Saturday.
    assertThat(week).hasSize(2 * 4 + 2 * 3);
    assertThat(week.subList(0, 4)).extracting(DemoRounds.Call::branch).containsExactly("A", "B", "C", "A");
    assertThat(week.get(0).at()).isEqualTo(at("2026-12-01T14:00"));
    assertThat(week.get(3).at()).isEqualTo(at("2026-12-01T15:00"));
    assertThat(week.get(4).route().id()).isEqualTo("sud");
    assertThat(week.get(4).at()).isEqualTo(at("2026-12-02T14:00"));
  }

  @Test
  void aSpanGivesOnlyTheCallsAfterItsStartUpToItsEnd() {
    // (14:00, 14:20]: the call at 14:00 was in the previous span, the one at 14:20 is in this one.
    assertThat(rounds.callsBetween(at("2026-12-01T14:00"), at("2026-12-01T14:20")))
        .extracting(DemoRounds.Call::branch).containsExactly("B");
    assertThat(rounds.callsBetween(at("2026-12-03T00:00"), at("2026-12-03T23:59"))).isEmpty(); // Thursday
  }
}
