package fr.navette.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** A renewal the SIGB accepted at a kiosk; the patron as a pseudonym only. */
public record RenewEvent(EventHeader header, String itemId, String patronRef, Optional<LocalDate> dueDate,
                         Instant renewedAt) implements Event {
  public RenewEvent {
    Objects.requireNonNull(header, "header");
    Fields.requireText("itemId", itemId, Limits.IDENTIFIER);
    PatronPseudonym.requireWellFormed("patronRef", patronRef);
    Fields.requireDate("dueDate", dueDate);
    Fields.requireInstant("renewedAt", renewedAt);
  }

  @Override
  public Channel channel() {
    return Channel.RENEW;
  }
}
