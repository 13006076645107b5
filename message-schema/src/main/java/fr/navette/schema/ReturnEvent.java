package fr.navette.schema;

import java.time.Instant;
import java.util.Objects;

/**
 * A document dropped in a self-return box. {@code returnedAt} is when the patron returned it — later than
 * {@code deviceTime} never, earlier when the box was offline and sends it afterwards: the SIGB backdates the
 * checkin with it so the patron owes no overdue fee. The tag was re-armed before this event was made.
 */
public record ReturnEvent(EventHeader header, String itemId, Instant returnedAt, boolean offline) implements Event {
  public ReturnEvent {
    Objects.requireNonNull(header, "header");
    Fields.requireInstant("returnedAt", returnedAt);
    Fields.requireText("itemId", itemId, Limits.IDENTIFIER);
  }

  @Override
  public Channel channel() {
    return Channel.RETURN;
  }
}
