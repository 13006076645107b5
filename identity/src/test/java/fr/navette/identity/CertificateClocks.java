package fr.navette.identity;

import fr.navette.sim.devices.SteppedClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The clock the identity tests move: token expiry and certificate validity without waiting. */
final class CertificateClocks {
  private CertificateClocks() {}

  /** Now, to the second: certificates keep whole seconds, so instants the test compares with them must too. */
  static SteppedClock nowToTheSecond() {
    return new SteppedClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }
}
