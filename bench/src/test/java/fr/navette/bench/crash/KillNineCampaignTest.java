package fr.navette.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kill -9 campaign, short: real writing processes killed with SIGKILL at random points, restarted; every
 * acknowledged event is there exactly once and the store passes its integrity checks. The 1,000-round campaign is
 * in bench/README.md.
 */
class KillNineCampaignTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"outbox, 10", "hub, 6"})
  void everyAcknowledgedEventSurvivesEachKillExactlyOnce(String target, int rounds) throws Exception {
    KillNineCampaign.Result result = KillNineCampaign.run(target, rounds, dir, 18, new PrintStream(
        OutputStream.nullOutputStream()));

    assertThat(result.kills()).as(result.toString()).isEqualTo(rounds);
    assertThat(result.acknowledged()).as("events written before the kills").isPositive();
    assertThat(result.lost()).as(result.toString()).isZero();
    assertThat(result.duplicated()).as(result.toString()).isZero();
    assertThat(result.integrityFailures()).as(result.toString()).isZero();
    assertThat(result.clean()).as(result.toString()).isTrue();
  }
}
