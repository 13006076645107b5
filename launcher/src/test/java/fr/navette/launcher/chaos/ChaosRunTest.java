package fr.navette.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short chaos run (issue 19): six return boxes, two in processes of their own, and six gates, a few thousand documents, with
 * every fault of the long run ({@code ./navette chaos}) — kill -9 of boxes and of the hub, SIGB down, a cut link,
 * a full disk (when a tmpfs can be mounted), clocks hours and days off — and the same accounting.
 */
class ChaosRunTest {
  @Test
  void everyEventAndEveryReturnIsAccountedForThroughTheFaults() throws Exception {
    // Kept under target/ (not a temporary folder): after a failure, the hub's store and every process's log are there.
    Path folder = Path.of("target", "chaos-run-" + System.currentTimeMillis());
    ChaosAccounting.Result result = new ChaosRun(ChaosRun.Settings.quick(folder, 2_000), System.out).run();
    String table = result.table();
    System.out.print(table);

    assertThat(result.events()).as("events the boxes and gates stored%n%s", table).isGreaterThan(2_000);
    assertThat(result.gates()).as("a gate beside each box%n%s", table).isEqualTo(6);
    assertThat(result.faults()).extracting(ChaosAccounting.FaultLine::fault)
        .anyMatch(f -> f.startsWith("kill -9 hub")).anyMatch(f -> f.startsWith("kill -9 box-"))
        .anyMatch(f -> f.startsWith("SIGB down")).anyMatch(f -> f.startsWith("link of"))
        .anyMatch(f -> f.startsWith("clocks of"));
    assertThat(result.eventsLost()).as("events lost%n%s", table).isZero();
    assertThat(result.eventsStoredTwice()).as("events stored twice%n%s", table).isZero();
    assertThat(result.returnsMissing()).as("returns never checked in%n%s", table).isZero();
    assertThat(result.returnsTwice()).as("returns checked in twice%n%s", table).isZero();
    assertThat(result.datesWrong()).as("return dates not the true ones%n%s", table).isZero();
    assertThat(result.problems()).as("the accounting%n%s", table).isEmpty();
  }
}
