package fr.navette.hub.transits;

import java.time.Instant;

/**
 * A crate staff pack at {@code fromBranch} for one destination ({@code toBranch}, null until the first document
 * read into it decides), and its life: open → closed (labelled) → departed (its round left) → arrived (read at the
 * destination). Who did each step is kept beside when. {@code documents}: how many transits lie in it.
 */
public record Crate(String crateId, String fromBranch, String toBranch, String status, String openedBy,
                    Instant openedAt, String closedBy, Instant closedAt, String routeId, String departedBy,
                    Instant departedAt, String arrivedBy, Instant arrivedAt, int documents) {
  public static final String OPEN = "open";
  public static final String CLOSED = "closed";
  public static final String DEPARTED = "departed";
  public static final String ARRIVED = "arrived";

  public boolean open() {
    return OPEN.equals(status);
  }
}
