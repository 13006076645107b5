package fr.navette.hub.alerts;

import fr.navette.hub.store.StoreHealth;
import fr.navette.hub.text.Said;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One critical alert while the hub's store fails, cleared when it answers again. Raised in the store, which may be
 * the thing failing: then the raise fails too, and it is raised when the store answers, at once resolved, so that
 * the alert history keeps when it failed and for how long. Meanwhile the failure is on the hub's health answer.
 */
public final class StoreAlert implements StoreHealth.Listener {
  static final String KIND = "hub-store";
  private static final String SUBJECT = "store";
  private static final Logger LOG = LoggerFactory.getLogger(StoreAlert.class);
  private final Alerts alerts;

  public StoreAlert(Alerts alerts) {
    this.alerts = alerts;
  }

  @Override
  public void failing(String why, Instant since) {
    try {
      alerts.raise(KIND, SUBJECT, Alert.Severity.CRITICAL, Said.of("alert.store-failing", since, why));
    } catch (RuntimeException e) {
      LOG.error("cannot record the store's alert in the store itself ({}); it is on /api/health", e.toString());
    }
  }

  @Override
  public void recovered(String why, Instant since, Instant until) {
    try {
      alerts.raise(KIND, SUBJECT, Alert.Severity.CRITICAL, Said.of("alert.store-recovered", since, why, until));
      alerts.resolve(KIND, SUBJECT);
    } catch (RuntimeException e) {
      LOG.error("cannot record the store's recovery: {}", e.toString());
    }
  }
}
