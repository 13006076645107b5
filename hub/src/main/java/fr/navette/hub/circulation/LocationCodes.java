package fr.navette.hub.circulation;

import java.util.Optional;

/**
 * Branch and location codes as the hub compares and stores them: without the spaces some SIGBs pad SIP2 location
 * fields with ({@code CT BR07} → {@code " BR07"}); blank is none. Applied where a SIGB's answer enters the hub's
 * decisions, so that nothing behind compares a raw code.
 */
public final class LocationCodes {
  private LocationCodes() {}

  public static Optional<String> of(Optional<String> raw) {
    return raw.map(String::strip).filter(code -> !code.isEmpty());
  }
}
