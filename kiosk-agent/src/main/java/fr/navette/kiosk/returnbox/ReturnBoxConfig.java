package fr.navette.kiosk.returnbox;

import fr.navette.tag.SecurityPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A self-return box's configuration, validated once.
 *
 * @param site the branch code the box stands in (SIP2 AP for its checkins, the topic's site)
 * @param deviceId the box's identity, unique in the network
 * @param security the network's AFI/EAS policy: what "armed" means here
 * @param readerTimeout the deadline of each reader command
 * @param pollInterval how often the box looks at its reader's field
 * @param networkIsils ISILs (or ISIL prefixes) of the network's libraries: a tag naming another owner is
 *     foreign and goes to the problems bin; empty accepts every owner (and a tag without an owner is ours)
 * @param answerWait how long a document waits on the chute for the hub's checkin answer before it goes to
 *     "to sort" (its checkin still follows by itself)
 * @param readWindow after the slot sensor saw a document, how long the reader may take to find its tag before
 *     the box calls it unreadable (no tag, or a dead one)
 */
public record ReturnBoxConfig(String site, String deviceId, SecurityPolicy security, Duration readerTimeout,
                              Duration pollInterval, List<String> networkIsils, Duration answerWait,
                              Duration readWindow) {
  public ReturnBoxConfig {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(security, "security");
    requirePositive("readerTimeout", readerTimeout);
    requirePositive("pollInterval", pollInterval);
    networkIsils = List.copyOf(networkIsils);
    requirePositive("answerWait", answerWait);
    requirePositive("readWindow", readWindow);
  }

  public static ReturnBoxConfig of(String site, String deviceId) {
    return new ReturnBoxConfig(site, deviceId, SecurityPolicy.isoDefault(), Duration.ofMillis(500),
        Duration.ofMillis(200), List.of(), Duration.ofSeconds(3), Duration.ofSeconds(2));
  }

  public ReturnBoxConfig withNetworkIsils(List<String> isils) {
    return new ReturnBoxConfig(site, deviceId, security, readerTimeout, pollInterval, isils, answerWait, readWindow);
  }

  public ReturnBoxConfig withAnswerWait(Duration wait) {
    return new ReturnBoxConfig(site, deviceId, security, readerTimeout, pollInterval, networkIsils, wait, readWindow);
  }

  public ReturnBoxConfig withReadWindow(Duration window) {
    return new ReturnBoxConfig(site, deviceId, security, readerTimeout, pollInterval, networkIsils, answerWait,
        window);
  }

  /** Whether a document owned by {@code isil} belongs to this network. */
  public boolean ownsIsil(String isil) {
    return networkIsils.isEmpty() || networkIsils.stream().anyMatch(isil::startsWith);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
