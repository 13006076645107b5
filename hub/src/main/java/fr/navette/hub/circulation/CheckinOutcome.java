package fr.navette.hub.circulation;

import fr.navette.hub.transits.CheckinAdvice;
import fr.navette.hub.transits.TransitReason;
import java.util.Optional;

/**
 * The SIGB's answer to a checkin, reduced to what the network acts on. {@code alertType} keeps the SIP2 CV
 * code as sent (00 none, 01 hold here, 02 hold elsewhere, 03 ILL, 04 send to another branch, 99 other, or a
 * code we do not know); {@code destination} is CT.
 *
 * <p>Location codes are compared and stored trimmed (hub/README, "Location codes"): SIP2 fields keep what the
 * server sent, and some servers pad {@code CT BR07} as {@code " BR07"} — raw, it would open transits to a branch
 * that does not exist and send home documents already there. A blank destination is none.
 */
public record CheckinOutcome(boolean ok, String alertType, Optional<String> destination,
                             Optional<String> screenMessage, Optional<String> callNumber,
                             Optional<String> title, Optional<String> collection)
    implements CheckinAdvice {
  public CheckinOutcome {
    destination = LocationCodes.of(destination);
  }

  /** A patron waits for it at the branch it was returned to (SIP2 CV 01): to the hold shelf. */
  @Override
  public boolean holdHere() {
    return ok && "01".equals(alertType);
  }

  /** Why the document must ride the shuttle (CV 04: send home, CV 02: a hold elsewhere), or empty. */
  @Override
  public Optional<TransitReason> transitReason(String returnedAtBranch) {
    if (!ok || destination.isEmpty() || destination.get().equals(returnedAtBranch)) {
      return Optional.empty();
    }
    return switch (alertType) {
      case "04" -> Optional.of(TransitReason.SEND_HOME);
      case "02" -> Optional.of(TransitReason.HOLD_ELSEWHERE);
      default -> Optional.empty();
    };
  }
}
