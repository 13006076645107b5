package fr.navette.hub.transits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The path a document takes over the rounds (issue 19): the seeds' network's two rounds share only the depot, so a
 * document of a south branch returned in a north one changes van there.
 */
class NetworkRulesTest {
  // As DemoReturns.rounds builds the seeds' network: the depot first on both rounds, the others shared out.
  private static final NetworkRules SEEDS = new NetworkRules(List.of(
      new Route("nord", "Tournée nord", List.of("DEPOT", "N1", "N2", "N3")),
      new Route("sud", "Tournée sud", List.of("DEPOT", "S1", "S2"))), Set.of(), Duration.ofDays(7), Map.of());

  @Test
  void aBranchOfTheNorthReachesOneOfTheSouthViaTheDepot() {
    assertThat(SEEDS.journey("N2", "S1")).containsExactly("N2", "DEPOT", "S1");
    assertThat(SEEDS.nextStop("N2", "S1")).isEqualTo("DEPOT");
    assertThat(SEEDS.nextStop("DEPOT", "S1")).as("the second leg").isEqualTo("S1");
    assertThat(SEEDS.journey("S2", "N3")).containsExactly("S2", "DEPOT", "N3");
  }

  @Test
  void branchesOfOneRoundAndTheDepotGoStraight() {
    assertThat(SEEDS.journey("N1", "N3")).containsExactly("N1", "N3");
    assertThat(SEEDS.journey("S2", "DEPOT")).containsExactly("S2", "DEPOT");
    assertThat(SEEDS.nextStop("N1", "N3")).isEqualTo("N3");
    assertThat(SEEDS.journey("N1", "N1")).containsExactly("N1");
  }

  @Test
  void aChainOfRoundsIsFollowedRoundByRound() {
    // No depot common to all: A-B on one round, B-C on a second, C-D on a third.
    NetworkRules chain = new NetworkRules(List.of(new Route("r1", null, List.of("A", "B")),
        new Route("r2", null, List.of("B", "C")), new Route("r3", null, List.of("C", "D"))), Set.of(),
        Duration.ofDays(7));
    assertThat(chain.journey("A", "D")).containsExactly("A", "B", "C", "D");
    assertThat(chain.journey("D", "A")).containsExactly("D", "C", "B", "A");
    assertThat(chain.nextStop("B", "D")).isEqualTo("C");
  }

  @Test
  void withoutARoundBetweenThemAtAllTheDocumentGoesStraightAsBefore() {
    assertThat(NetworkRules.defaults().journey("BR01", "BR07")).containsExactly("BR01", "BR07");
    assertThat(SEEDS.journey("N1", "ELSEWHERE")).as("a branch no round calls at").containsExactly("N1", "ELSEWHERE");
    assertThat(SEEDS.nextStop("N1", "ELSEWHERE")).isEqualTo("ELSEWHERE");
  }
}
