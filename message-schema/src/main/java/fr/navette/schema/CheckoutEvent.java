package fr.navette.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A loan the SIGB accepted at a kiosk. The patron appears only as a {@link PatronPseudonym pseudonym} the hub
 * gave in its response; the tag was disarmed after the SIGB's yes, and {@code disarmed} says if that worked
 * (a failed disarm means the gate will alarm: the hub then knows it is not a theft).
 */
public record CheckoutEvent(EventHeader header, String itemId, String patronRef, Optional<LocalDate> dueDate,
                            boolean disarmed, Instant checkedOutAt) implements Event {
  public CheckoutEvent {
    Objects.requireNonNull(header, "header");
    Fields.requireText("itemId", itemId, Limits.IDENTIFIER);
    PatronPseudonym.requireWellFormed("patronRef", patronRef);
    Fields.requireDate("dueDate", dueDate);
    Fields.requireInstant("checkedOutAt", checkedOutAt);
  }

  @Override
  public Channel channel() {
    return Channel.CHECKOUT;
  }
}
