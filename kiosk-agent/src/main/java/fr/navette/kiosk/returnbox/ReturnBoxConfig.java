package fr.navette.kiosk.returnbox;

import fr.navette.tag.SecurityPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * A self-return box's configuration, validated once.
 *
 * @param site the branch code the box stands in (SIP2 AP for its checkins, the topic's site)
 * @param deviceId the box's identity, unique in the network
 * @param security the network's AFI/EAS policy: what "armed" means here
 * @param readerTimeout the deadline of each reader command
 * @param pollInterval how often the box looks at its reader's field
 */
public record ReturnBoxConfig(String site, String deviceId, SecurityPolicy security, Duration readerTimeout,
                              Duration pollInterval) {
  public ReturnBoxConfig {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(readerTimeout, "readerTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  public static ReturnBoxConfig of(String site, String deviceId) {
    return new ReturnBoxConfig(site, deviceId, SecurityPolicy.isoDefault(), Duration.ofMillis(500),
        Duration.ofMillis(200));
  }
}
