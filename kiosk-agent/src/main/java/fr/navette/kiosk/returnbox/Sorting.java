package fr.navette.kiosk.returnbox;

import fr.navette.schema.SigbResponse;
import java.util.Optional;

/**
 * Which bin a returned document goes to: a plain function of what the box knows when it must decide.
 *
 * <p>Re-arming comes first and is judged first: a document whose tag could not be re-armed goes to the
 * problems bin whatever the SIGB says, since it would walk out through the gate silently. Without an answer
 * in time (offline, slow SIGB) the document goes to "to sort": accepted, checked in later by itself.
 */
public final class Sorting {
  private Sorting() {}

  public static Bin binFor(boolean rearmed, Optional<SigbResponse> answer) {
    if (!rearmed) {
      return Bin.PROBLEMS;
    }
    if (answer.isEmpty()) {
      return Bin.TO_SORT;
    }
    SigbResponse response = answer.get();
    return switch (response.outcome()) {
      case OK -> response.route().map(Sorting::binFor).orElse(Bin.TO_SORT);
      case REFUSED -> Bin.PROBLEMS;
      case SIGB_UNAVAILABLE, INVALID_REQUEST, EXPIRED -> Bin.TO_SORT;
    };
  }

  private static Bin binFor(SigbResponse.ReturnRoute route) {
    return switch (route) {
      case SHELVE -> Bin.SHELVES;
      case HOLD_SHELF -> Bin.HOLDS;
      case SHUTTLE -> Bin.SHUTTLE;
      case PROBLEM -> Bin.PROBLEMS;
    };
  }
}
