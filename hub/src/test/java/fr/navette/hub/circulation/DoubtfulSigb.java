package fr.navette.hub.circulation;

import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real SIP2 gateway, counting the returns' calls (checkin 09, item information 17), whose first checkin may
 * leave the hub in doubt: the SIGB applies it, and the hub never hears the answer.
 */
final class DoubtfulSigb extends ForwardingSigb {
  enum FirstCheckin {
    /** Sent and answered, as every day. */
    ANSWERED,
    /**
     * Applied at the SIGB, then the hub dies before recording it: thrown as a fault of the store, which the worker
     * lets through without writing anything (the event stays leased until its lease runs out) — what a SIGKILL
     * leaves in the store.
     */
    APPLIED_THEN_HUB_KILLED,
    /** Applied at the SIGB, whose answer does not come in time: the hub knows it sent it, not what came of it. */
    APPLIED_THEN_TIMEOUT,
    /**
     * Written, never applied: the SIGB closed the connection as it went down (ChaosRunTest's "SIGB down"). The hub
     * cannot tell it from the one above.
     */
    SENT_THEN_LOST
  }

  private final FirstCheckin first;
  final AtomicInteger checkins = new AtomicInteger();
  final AtomicInteger itemInformations = new AtomicInteger();

  DoubtfulSigb(SigbGateway real, FirstCheckin first) {
    super(real);
    this.first = first;
  }

  @Override
  public CheckinOutcome checkin(String itemId, String branch, Instant returnedAt) throws SigbUnavailableException {
    int n = checkins.incrementAndGet();
    if (n == 1 && first == FirstCheckin.SENT_THEN_LOST) {
      throw new SigbUnavailableException("checkin (09) of item " + itemId + ": the SIGB closed the connection", null);
    }
    CheckinOutcome answer = real.checkin(itemId, branch, returnedAt);
    if (n == 1) {
      switch (first) {
        case APPLIED_THEN_HUB_KILLED -> throw new IllegalStateException("hub killed after the SIGB's checkin",
            new SQLTransientConnectionException("the hub process is gone"));
        case APPLIED_THEN_TIMEOUT -> throw new SigbUnavailableException("checkin (09) of item " + itemId
            + ": no reply within the deadline", null);
        case ANSWERED, SENT_THEN_LOST -> { }
      }
    }
    return answer;
  }

  @Override
  public ItemOutcome itemInformation(String itemId) throws SigbUnavailableException {
    itemInformations.incrementAndGet();
    return real.itemInformation(itemId);
  }

}
