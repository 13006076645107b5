package fr.navette.hub.circulation;

import fr.navette.hub.alerts.Alert;
import fr.navette.hub.alerts.Alerts;
import java.time.Instant;

/**
 * Watches the SIGB link through the calls the hub makes anyway: the first failure raises "SIGB link lost",
 * the next success resolves it ("back"). No extra traffic to the SIGB.
 */
public final class MonitoredSigbGateway implements SigbGateway {
  static final String SIGB_LINK = "sigb-link";
  private final SigbGateway gateway;
  private final Alerts alerts;
  private final String name;

  public MonitoredSigbGateway(SigbGateway gateway, Alerts alerts, String name) {
    this.gateway = gateway;
    this.alerts = alerts;
    this.name = name;
  }

  @Override
  public CheckinOutcome checkin(String itemId, String branch, Instant returnedAt) throws SigbUnavailableException {
    return watch(() -> gateway.checkin(itemId, branch, returnedAt));
  }

  @Override
  public ItemOutcome itemInformation(String itemId) throws SigbUnavailableException {
    return watch(() -> gateway.itemInformation(itemId));
  }

  private <T> T watch(Call<T> call) throws SigbUnavailableException {
    try {
      T result = call.run();
      alerts.resolve(SIGB_LINK, name);
      return result;
    } catch (SigbUnavailableException e) {
      alerts.raise(SIGB_LINK, name, Alert.Severity.CRITICAL,
          "Lien SIGB perdu / SIGB link lost (" + name + "): " + e.getMessage());
      throw e;
    }
  }

  private interface Call<T> {
    T run() throws SigbUnavailableException;
  }

  @Override
  public void close() {
    gateway.close();
  }
}
