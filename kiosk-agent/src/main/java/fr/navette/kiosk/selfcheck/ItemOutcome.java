package fr.navette.kiosk.selfcheck;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one document at the kiosk, as the screen and the receipt show it.
 *
 * @param message why, for anything but a plain success: the SIGB's own words for a refusal
 * @param missingParts for {@link Status#INCOMPLETE_SET}
 */
public record ItemOutcome(String itemId, Optional<String> title, Status status, Optional<LocalDate> dueDate,
                          Optional<Text> message, List<Integer> missingParts) {
  public enum Status {
    /** The SIGB lent it and every tag of it was disarmed and read back. */
    LENT,
    /** The SIGB renewed it. */
    RENEWED,
    /** The SIGB said no; the tags were never touched. */
    REFUSED,
    /** Already on this patron's loans: the patron may renew it. */
    RENEWAL_OFFERED,
    /** A part of the set is not on the pad; nothing was asked. */
    INCOMPLETE_SET,
    /** The hub or the SIGB did not answer; the tags were never touched. */
    NOT_ANSWERED,
    /** The SIGB lent it but the tag could not be disarmed, so the loan was taken back; the tags are armed. */
    LOAN_UNDONE,
    /** The tag could not be disarmed and the loan could not be taken back: the patron must see the desk. */
    SEE_DESK
  }

  public ItemOutcome {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(dueDate, "dueDate");
    Objects.requireNonNull(message, "message");
    missingParts = List.copyOf(missingParts);
  }

  static ItemOutcome of(String itemId, Optional<String> title, Status status, Text message) {
    return new ItemOutcome(itemId, title, status, Optional.empty(), Optional.of(message), List.of());
  }

  public boolean success() {
    return status == Status.LENT || status == Status.RENEWED;
  }
}
