package fr.navette.sim.sigb;

/**
 * A patron's reservation of an item, to be collected at {@code pickupBranch}. It is
 * {@link Status#PENDING} until the item is checked in somewhere: then {@link Status#IN_TRANSIT}
 * to the pickup branch, or {@link Status#WAITING} on that branch's hold shelf.
 */
public record Hold(String itemId, String patronId, String patronName, String pickupBranch, Status status) {

  public enum Status { PENDING, IN_TRANSIT, WAITING }

  Hold with(Status s) {
    return new Hold(itemId, patronId, patronName, pickupBranch, s);
  }

  @Override
  public String toString() {
    return "Hold[item=" + itemId + ", pickup=" + pickupBranch + ", status=" + status + "]";
  }
}
