package fr.navette.hub.circulation;

import java.util.Optional;

/**
 * What the SIGB says of a document (SIP2 18), reduced to what staff need beside a gate alarm and to what a return
 * in doubt needs ({@link #checkedInAt}). {@code circulationStatus} is the SIP2 code as sent (03 available, 04
 * charged, 08 on the hold shelf, 10 in transit, 12 lost ...); {@code holdQueueLength} is CF as sent (empty when the
 * SIGB did not say); {@code currentLocation} AP, {@code destination} CT (which Koha and others send for a document
 * in transit), {@code collection} CR.
 */
public record ItemOutcome(boolean known, String circulationStatus, Optional<String> title,
                          Optional<String> callNumber, Optional<String> ownerBranch, Optional<String> holdQueueLength,
                          Optional<String> currentLocation, Optional<String> destination,
                          Optional<String> collection) {
  public ItemOutcome {
    // Trimmed, as every location code (see CheckinOutcome): a padded AP or CT would route to no branch.
    ownerBranch = LocationCodes.of(ownerBranch);
    currentLocation = LocationCodes.of(currentLocation);
    destination = LocationCodes.of(destination);
  }

  /** What a gate alarm needs: the status, title, call number and owner branch. */
  public ItemOutcome(boolean known, String circulationStatus, Optional<String> title, Optional<String> callNumber,
                     Optional<String> ownerBranch) {
    this(known, circulationStatus, title, callNumber, ownerBranch, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  public static final String CHARGED = "04";
  public static final String CHARGED_NOT_RECALLABLE = "05";
  public static final String AVAILABLE = "03";
  public static final String ON_HOLD_SHELF = "08";
  public static final String IN_TRANSIT = "10";
  /** Claimed returned, lost, missing: what a checkin of the document puts an end to. */
  private static final java.util.Set<String> ENDED_BY_A_CHECKIN = java.util.Set.of("11", "12", "13");

  /** On loan at the SIGB: the kiosk's disarm probably failed; a false alarm to fix, not a theft. */
  public boolean onLoan() {
    return CHARGED.equals(circulationStatus) || CHARGED_NOT_RECALLABLE.equals(circulationStatus);
  }

  /**
   * For a return at {@code branch} whose checkin the SIGB may have applied already (its hub died, or the SIGB's
   * answer was lost, after sending it): what that checkin answered, read from where the document is now — or empty
   * when the item shows it did not take, and the return is checked in as usual:
   * <ul>
   *   <li>unknown (a checkin would be refused, and a refusal changes nothing at the SIGB);
   *   <li>on loan (04/05), claimed returned, lost or missing (11/12/13): states a checkin ends;
   *   <li>available (03) while a hold waits for it (CF &gt; 0) or away from its home branch: a checkin here would
   *       have trapped the hold or sent it home (in transit). A document not on loan looks the same at the SIGB
   *       checked in or not otherwise; these two are what tell.
   * </ul>
   * Otherwise the SIGB applied it, and the answer is a {@link CheckinOutcome} with the CV code the checkin would
   * have carried, so that the shuttle routes it by the one rule it has: on the hold shelf here → 01 (hold here); on
   * the hold shelf of another branch → 02 to it; in transit with CT → 02 when a hold waits for it (CF &gt; 0), else
   * 04 (send home); anything else (available at home, nothing waiting) → 00, it stays — which is where an
   * unapplied checkin would leave it too.
   *
   * <p>Floating collections: a SIGB that keeps a floating document where it was returned leaves it available away
   * from home, taken here as "not applied": such a return in doubt is checked in a second time.
   */
  public Optional<CheckinOutcome> checkedInAt(String branch) {
    if (!known || onLoan() || ENDED_BY_A_CHECKIN.contains(circulationStatus)) {
      return Optional.empty();
    }
    if (AVAILABLE.equals(circulationStatus)
        && (holdsWaiting() || ownerBranch.filter(home -> !home.equals(branch)).isPresent())) {
      return Optional.empty();
    }
    String alertType = "00";
    Optional<String> to = Optional.empty();
    if (ON_HOLD_SHELF.equals(circulationStatus)) {
      if (currentLocation.isEmpty() || currentLocation.get().equals(branch)) {
        alertType = "01";
      } else {
        alertType = "02";
        to = currentLocation;
      }
    } else if (IN_TRANSIT.equals(circulationStatus) && destination.isPresent()) {
      alertType = holdsWaiting() ? "02" : "04";
      to = destination;
    }
    return Optional.of(new CheckinOutcome(true, alertType, to, Optional.empty(), callNumber, title, collection));
  }

  private boolean holdsWaiting() {
    try {
      return holdQueueLength.map(String::strip).map(Integer::parseInt).orElse(0) > 0;
    } catch (NumberFormatException e) {
      return false; // CF is a number in the spec; a SIGB sending anything else says nothing of holds
    }
  }
}
