package fr.navette.schema;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A return box put a document in its problems bin: staff must look at it. Unreadable and foreign tags cannot
 * be checked in at all (no item identifier of ours); a document whose tag could not be re-armed was checked in
 * (its {@code return} event went too) but would walk out through the gate silently until someone re-arms it.
 *
 * @param tagUid the tag's UID as hex, when the reader saw one
 * @param itemId the primary item identifier, when the tag's data could be read
 * @param detail what the box found, in words, for staff (no patron data: tags carry none)
 */
public record ReturnProblemEvent(EventHeader header, Optional<String> tagUid, Optional<String> itemId,
                                 Problem problem, String detail, Instant returnedAt) implements Event {
  public enum Problem {
    /** The tag's memory could not be read or decoded as library data. */
    UNREADABLE,
    /** Readable, but carries no primary item identifier (a blank or a patron card). */
    NO_ITEM_IDENTIFIER,
    /** A document of another network (its owner library is not one of ours). */
    FOREIGN,
    /** Checked in, but its tag could not be re-armed. */
    NOT_REARMED
  }

  public ReturnProblemEvent {
    Objects.requireNonNull(header, "header");
    tagUid.ifPresent(uid -> Fields.requireHex("tagUid", uid, 1));
    Fields.requireLength("itemId", itemId, Limits.IDENTIFIER);
    Objects.requireNonNull(problem, "problem");
    detail = Fields.requireText("detail", Fields.cut(detail, Limits.FREE_TEXT), Limits.FREE_TEXT);
    Fields.requireInstant("returnedAt", returnedAt);
  }

  @Override
  public Channel channel() {
    return Channel.RETURN_PROBLEM;
  }
}
