package fr.navette.hub.circulation;

import java.util.Optional;

/**
 * What the SIGB says of a document (SIP2 18), reduced to what staff need beside a gate alarm.
 * {@code circulationStatus} is the SIP2 code as sent (03 available, 04 charged, 12 lost ...).
 */
public record ItemOutcome(boolean known, String circulationStatus, Optional<String> title,
                          Optional<String> callNumber, Optional<String> ownerBranch) {
  public ItemOutcome {
    ownerBranch = LocationCodes.of(ownerBranch); // trimmed, as every location code (see CheckinOutcome)
  }
  public static final String CHARGED = "04";
  public static final String CHARGED_NOT_RECALLABLE = "05";

  /** On loan at the SIGB: the kiosk's disarm probably failed; a false alarm to fix, not a theft. */
  public boolean onLoan() {
    return CHARGED.equals(circulationStatus) || CHARGED_NOT_RECALLABLE.equals(circulationStatus);
  }
}
