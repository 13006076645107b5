package fr.navette.sip2.codec;

import java.util.Objects;

/**
 * The 14 patron status flags of messages 24 and 64, each {@code Y} (denied / true) or a space.
 * Kept as the 14 characters received, so odd values (some servers send N) survive a round trip;
 * anything but Y reads as "not set".
 */
public record PatronStatus(String flags) {
  public static final PatronStatus CLEAR = new PatronStatus(" ".repeat(14));

  public PatronStatus {
    Objects.requireNonNull(flags, "flags");
    if (flags.length() != 14) {
      throw new IllegalArgumentException("patron status has 14 flags, got '" + flags + "'");
    }
  }

  /** Flags in spec order; set the ones given to Y. */
  public static PatronStatus of(Flag... set) {
    char[] c = CLEAR.flags.toCharArray();
    for (Flag f : set) {
      c[f.ordinal()] = 'Y';
    }
    return new PatronStatus(new String(c));
  }

  public boolean has(Flag f) {
    char c = flags.charAt(f.ordinal());
    return c == 'Y' || c == 'y';
  }

  /** True when any flag denies circulation (what a kiosk needs to know). */
  public boolean anySet() {
    for (Flag f : Flag.values()) {
      if (has(f)) {
        return true;
      }
    }
    return false;
  }

  /** The flags, in the order of the spec. */
  public enum Flag {
    CHARGE_PRIVILEGES_DENIED,
    RENEWAL_PRIVILEGES_DENIED,
    RECALL_PRIVILEGES_DENIED,
    HOLD_PRIVILEGES_DENIED,
    CARD_REPORTED_LOST,
    TOO_MANY_ITEMS_CHARGED,
    TOO_MANY_ITEMS_OVERDUE,
    TOO_MANY_RENEWALS,
    TOO_MANY_CLAIMS_OF_ITEMS_RETURNED,
    TOO_MANY_ITEMS_LOST,
    EXCESSIVE_OUTSTANDING_FINES,
    EXCESSIVE_OUTSTANDING_FEES,
    RECALL_OVERDUE,
    TOO_MANY_ITEMS_BILLED
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (Flag f : Flag.values()) {
      if (has(f)) {
        sb.append(sb.length() > 1 ? ", " : "").append(f);
      }
    }
    return sb.append(']').toString();
  }
}
