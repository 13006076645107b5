package fr.navette.schema;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A gate saw an armed document cross it; the light and buzzer already fired locally. The hub adds what the
 * gate cannot know (is the document on loan? then a disarm failed: a false alarm to fix, not a theft).
 *
 * @param tagUid the tag's UID as hex, always known
 * @param itemId the primary item identifier, when the tag's data could be read
 * @param direction which way the person walked, when the gate's beams tell
 * @param antenna the antenna (reader) that saw the tag, numbered from 1, when the gate has more than none (1.1)
 * @param tagDataError why the item identifier could not be read, so the tag UID stands for the document (1.1);
 *                     never present together with {@code itemId}
 */
public record AlarmEvent(EventHeader header, String tagUid, Optional<String> itemId, Direction direction,
                         Instant detectedAt, OptionalInt antenna, Optional<String> tagDataError) implements Event {
  public enum Direction { IN, OUT, UNKNOWN }

  public AlarmEvent {
    Objects.requireNonNull(header, "header");
    Fields.requireHex("tagUid", tagUid, 8);
    Fields.requireLength("itemId", itemId, Limits.IDENTIFIER);
    Objects.requireNonNull(direction, "direction");
    Fields.requireInstant("detectedAt", detectedAt);
    antenna.ifPresent(a -> Fields.requireRange("antenna", a, 1, Limits.ANTENNA));
    tagDataError = Fields.cut(tagDataError, Limits.FREE_TEXT);
    if (itemId.isPresent() && tagDataError.isPresent()) {
      throw new SchemaException("tagDataError", "present although itemId was read");
    }
  }

  /** An alarm as schema 1.0 described it: no antenna, no reason for a missing item identifier. */
  public AlarmEvent(EventHeader header, String tagUid, Optional<String> itemId, Direction direction,
                    Instant detectedAt) {
    this(header, tagUid, itemId, direction, detectedAt, OptionalInt.empty(), Optional.empty());
  }

  @Override
  public Channel channel() {
    return Channel.ALARM;
  }
}
