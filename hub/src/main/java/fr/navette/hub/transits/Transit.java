package fr.navette.hub.transits;

import java.time.Duration;
import java.time.Instant;

/**
 * A document that must ride the shuttle from one branch to another, why, and where it is in its life:
 * open → packed (in {@code crate}) → on-road (on {@code routeId}) → arrived → closed; or kept (advice: keep
 * here, a ride saved). Times are null until reached.
 *
 * <p>A transit is one leg of the document's journey (issue 19): {@code toBranch} is where this leg ends — the
 * next stop, which is a relay (the depot) when no round calls at both ends — and {@code destination} the branch
 * the document must reach. A leg that ends at a relay is {@code relayed} there and the next leg, whose
 * {@code relayOf} is this leg's id, leaves from it. Read {@code toBranch} only where the van goes; where the
 * document goes is {@code destination}.
 */
public record Transit(String transitId, String itemId, String fromBranch, String toBranch, String reason,
                      String status, String advice, String callNumber, String title, String collection,
                      String crate, String routeId, Instant createdAt, Instant packedAt, Instant departedAt,
                      Instant arrivedAt, Instant closedAt, String sourceEventId, String destination,
                      String relayOf) {

  public Transit {
    destination = destination == null ? toBranch : destination;
  }

  /** A single leg straight to {@code toBranch} (as every transit was before relays). */
  public Transit(String transitId, String itemId, String fromBranch, String toBranch, String reason, String status,
                 String advice, String callNumber, String title, String collection, String crate, String routeId,
                 Instant createdAt, Instant packedAt, Instant departedAt, Instant arrivedAt, Instant closedAt,
                 String sourceEventId) {
    this(transitId, itemId, fromBranch, toBranch, reason, status, advice, callNumber, title, collection, crate,
        routeId, createdAt, packedAt, departedAt, arrivedAt, closedAt, sourceEventId, toBranch, null);
  }

  public static Transit opened(String transitId, String itemId, String from, String to, String reason,
                               String callNumber, String title, String collection, Instant createdAt,
                               String sourceEventId) {
    return new Transit(transitId, itemId, from, to, reason, TransitStatus.OPEN.wireName(), null, callNumber, title,
        collection, null, null, createdAt, null, null, null, null, sourceEventId);
  }

  /** This transit's first leg ends at {@code nextStop} (a relay), the document going on to its destination. */
  public Transit firstLegTo(String nextStop) {
    return new Transit(transitId, itemId, fromBranch, nextStop, reason, status, advice, callNumber, title, collection,
        crate, routeId, createdAt, packedAt, departedAt, arrivedAt, closedAt, sourceEventId, destination, relayOf);
  }

  /** The leg after this one, opened at {@code at} from this leg's end toward {@code nextStop}. */
  public Transit nextLeg(String transitId, String nextStop, Instant at, String sourceEventId) {
    return new Transit(transitId, itemId, toBranch, nextStop, reason, TransitStatus.OPEN.wireName(), null,
        callNumber, title, collection, null, null, at, null, null, null, null, sourceEventId, destination,
        this.transitId);
  }

  /** This transit as the leg after {@code previous} (relay_of), the SIGB having sent it on from a relay. */
  public Transit continuing(Transit previous) {
    return new Transit(transitId, itemId, fromBranch, toBranch, reason, status, advice, callNumber, title, collection,
        crate, routeId, createdAt, packedAt, departedAt, arrivedAt, closedAt, sourceEventId, destination,
        previous.transitId());
  }

  public Transit kept(String advice) {
    return new Transit(transitId, itemId, fromBranch, toBranch, reason, TransitStatus.KEPT.wireName(), advice,
        callNumber, title, collection, crate, routeId, createdAt, packedAt, departedAt, arrivedAt, createdAt,
        sourceEventId, destination, relayOf);
  }

  /** This leg ends at a relay, not at the document's destination. */
  public boolean endsAtRelay() {
    return !toBranch.equals(destination);
  }

  /**
   * Still on its way and older than {@code overdueAfter}: nobody has read it where this leg ends. Per leg: a
   * relayed leg is finished, and the next leg's clock starts when it is opened at the relay.
   */
  public boolean overdue(Instant now, Duration overdueAfter) {
    return TransitStatus.of(status).active() && createdAt.plus(overdueAfter).isBefore(now);
  }
}
