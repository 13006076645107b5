package fr.navette.kiosk.selfcheck;

import fr.navette.tag.SecurityPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A self-check kiosk's configuration, validated once.
 *
 * @param site the branch code the kiosk stands in (the topic's site; the hub's SIP2 AP for its loans)
 * @param deviceId the kiosk's identity, unique in the network
 * @param security the network's AFI/EAS policy: what "disarmed" means here
 * @param readerTimeout the deadline of each reader command
 * @param requestDeadline how long the kiosk waits for the hub's answer to one SIGB question
 * @param idleTimeout a session without a touch for this long ends by itself and its screen is cleared
 * @param padScanInterval how often the kiosk looks at its pad (what the screen shows, a patron card laid on it)
 * @param disarmAttempts writes of the security state (each read back) before the kiosk gives up on a tag
 * @param printerPort the receipt printer's serial port, if the kiosk has one
 * @param libraryName the library's name as patrons know it, on the page's header and the receipt's heading;
 *     unset, the site code stands for it
 */
public record KioskConfig(String site, String deviceId, SecurityPolicy security, Duration readerTimeout,
                          Duration requestDeadline, Duration idleTimeout, Duration padScanInterval,
                          int disarmAttempts, Optional<String> printerPort, Optional<String> libraryName) {
  public KioskConfig {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(security, "security");
    requirePositive("readerTimeout", readerTimeout);
    requirePositive("requestDeadline", requestDeadline);
    requirePositive("idleTimeout", idleTimeout);
    requirePositive("padScanInterval", padScanInterval);
    if (disarmAttempts < 1) {
      throw new IllegalArgumentException("disarmAttempts must be at least 1, got " + disarmAttempts);
    }
    Objects.requireNonNull(printerPort, "printerPort");
    Objects.requireNonNull(libraryName, "libraryName");
    libraryName = libraryName.map(String::strip).filter(n -> !n.isEmpty());
  }

  /** Defaults: ISO AFI policy, reader 500 ms, hub 8 s, idle 90 s, pad every 300 ms, 3 disarm attempts, no printer. */
  public static KioskConfig of(String site, String deviceId) {
    return new KioskConfig(site, deviceId, SecurityPolicy.isoDefault(), Duration.ofMillis(500), Duration.ofSeconds(8),
        Duration.ofSeconds(90), Duration.ofMillis(300), 3, Optional.empty(), Optional.empty());
  }

  public KioskConfig withIdleTimeout(Duration idle) {
    return new KioskConfig(site, deviceId, security, readerTimeout, requestDeadline, idle, padScanInterval,
        disarmAttempts, printerPort, libraryName);
  }

  public KioskConfig withRequestDeadline(Duration deadline) {
    return new KioskConfig(site, deviceId, security, readerTimeout, deadline, idleTimeout, padScanInterval,
        disarmAttempts, printerPort, libraryName);
  }

  public KioskConfig withPrinterPort(String port) {
    return new KioskConfig(site, deviceId, security, readerTimeout, requestDeadline, idleTimeout, padScanInterval,
        disarmAttempts, Optional.of(port), libraryName);
  }

  public KioskConfig withLibraryName(String name) {
    return new KioskConfig(site, deviceId, security, readerTimeout, requestDeadline, idleTimeout, padScanInterval,
        disarmAttempts, printerPort, Optional.of(name));
  }

  /** What the page's header shows: the library's name, or the site code until one is set. */
  public String shownName() {
    return libraryName.orElse(site);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }
}
