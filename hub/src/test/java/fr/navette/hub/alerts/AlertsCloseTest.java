package fr.navette.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub closed lets go of the HTTP client its alerts' webhooks go out on: every hub the tests (or a restart in the same
 * process) made kept one selector thread of the JDK's HTTP client for ever.
 */
class AlertsCloseTest {
  @TempDir Path dir;

  private static long httpSelectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().matches("HttpClient-\\d+-SelectorManager")).count();
  }

  @Test
  void closingTheAlertsStopsTheirHttpClient() throws Exception {
    try (Database db = TestDatabases.open("sqlite", dir)) {
      long before = httpSelectorThreads();
      Alerts alerts = new Alerts(new AlertStore(db, Clock.systemUTC()), AlertChannels.none());
      assertThat(httpSelectorThreads()).as("the alerts' HTTP client runs its selector").isEqualTo(before + 1);

      alerts.close();

      await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(httpSelectorThreads()).as("HTTP client threads left").isEqualTo(before));
    }
  }
}
