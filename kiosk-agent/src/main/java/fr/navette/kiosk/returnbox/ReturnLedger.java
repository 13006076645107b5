package fr.navette.kiosk.returnbox;

import fr.navette.reader.Uid;
import fr.navette.schema.ReturnProblemEvent;
import fr.navette.schema.SigbResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a return box's facts go: stored durably before anything else is done with the document, and the
 * hub's answer to each return heard if it comes in time. {@link RuntimeLedger} is the real one.
 */
public interface ReturnLedger {
  /**
   * Stores a {@code return} event (durable when this returns: the checkin will follow, now or after an outage).
   *
   * @param offline the box could not reach the hub at the time: the event says so, and nobody waits for an answer
   */
  PendingCheckin recordReturn(String itemId, Instant returnedAt, boolean offline);

  /** Stores a {@code return-problem} event: staff will be told to look in the problems bin. */
  void recordProblem(Optional<Uid> uid, Optional<String> itemId, ReturnProblemEvent.Problem problem, String detail,
                     Instant returnedAt);

  /** Whether the hub can be reached now (the session to the broker is up). */
  boolean hubReachable();

  /** The hub's checkin answer to one stored return, if it comes. */
  interface PendingCheckin {
    /** The answer, or empty when none came before {@code deadline}. */
    Optional<SigbResponse> await(Instant deadline);

    PendingCheckin NEVER = deadline -> Optional.empty();
  }
}
