package fr.navette.schema;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A gate saw an armed document cross it; the light and buzzer already fired locally. The hub adds what the
 * gate cannot know (is the document on loan? then a disarm failed: a false alarm to fix, not a theft).
 *
 * @param tagUid the tag's UID as hex, always known
 * @param itemId the primary item identifier, when the tag's data could be read
 * @param direction which way the person walked, when the gate's beams tell
 */
public record AlarmEvent(EventHeader header, String tagUid, Optional<String> itemId, Direction direction,
                         Instant detectedAt) implements Event {
  public enum Direction { IN, OUT, UNKNOWN }

  public AlarmEvent {
    Objects.requireNonNull(header, "header");
    Fields.requireText("tagUid", tagUid);
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(detectedAt, "detectedAt");
  }

  @Override
  public Channel channel() {
    return Channel.ALARM;
  }
}
