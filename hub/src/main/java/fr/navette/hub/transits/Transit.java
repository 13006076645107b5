package fr.navette.hub.transits;

import java.time.Duration;
import java.time.Instant;

/**
 * A document that must ride the shuttle from one branch to another, why, and where it is in its life:
 * open → packed (in {@code crate}) → on-road (on {@code routeId}) → arrived → closed; or kept (advice: keep
 * here, a ride saved). Times are null until reached.
 */
public record Transit(String transitId, String itemId, String fromBranch, String toBranch, String reason,
                      String status, String advice, String callNumber, String title, String collection,
                      String crate, String routeId, Instant createdAt, Instant packedAt, Instant departedAt,
                      Instant arrivedAt, Instant closedAt, String sourceEventId) {

  public static Transit opened(String transitId, String itemId, String from, String to, String reason,
                               String callNumber, String title, String collection, Instant createdAt,
                               String sourceEventId) {
    return new Transit(transitId, itemId, from, to, reason, TransitStatus.OPEN.wireName(), null, callNumber, title,
        collection, null, null, createdAt, null, null, null, null, sourceEventId);
  }

  public Transit kept(String advice) {
    return new Transit(transitId, itemId, fromBranch, toBranch, reason, TransitStatus.KEPT.wireName(), advice,
        callNumber, title, collection, crate, routeId, createdAt, packedAt, departedAt, arrivedAt, createdAt,
        sourceEventId);
  }

  /** Still on its way and older than {@code overdueAfter}: nobody has read it at its destination. */
  public boolean overdue(Instant now, Duration overdueAfter) {
    return TransitStatus.of(status).active() && createdAt.plus(overdueAfter).isBefore(now);
  }
}
