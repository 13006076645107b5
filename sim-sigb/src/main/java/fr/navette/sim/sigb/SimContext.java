package fr.navette.sim.sigb;

import fr.navette.sip2.codec.Sip2Timestamp;
import java.time.Instant;
import java.util.Locale;

/** What every desk of the simulated SIGB shares: the network, the configuration and the SIGB's clock. */
record SimContext(SimulatedNetwork network, SigbSimulatorConfig config) {

  Instant instant() {
    return config.clock().instant();
  }

  Sip2Timestamp now() {
    return Sip2Timestamp.local(instant(), config.zone());
  }

  /** Due dates go out as SIP2 dates in the SIGB's local time, the form Koha and most others use. */
  String sip2Date(Instant instant) {
    return Sip2Timestamp.local(instant, config.zone()).format();
  }

  static String euros(int cents) {
    return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
  }
}
