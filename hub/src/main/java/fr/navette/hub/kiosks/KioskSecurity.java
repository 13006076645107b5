package fr.navette.hub.kiosks;

import java.time.Duration;
import java.util.Objects;

/**
 * How the hub guards patrons' accounts against a kiosk that guesses: how many wrong tries (unknown card or wrong
 * PIN) a card, and a kiosk, may make within {@code window} before it is locked for {@code lockFor} (or until staff
 * lift it), and whether the patron-facing answer may tell an unknown card from a wrong PIN.
 *
 * @param cardFailures wrong tries on one card (any kiosk) within {@code window} that lock the card
 * @param kioskFailures wrong tries at one kiosk (any card) within {@code window} that lock the kiosk: what stops a
 *     kiosk trying one PIN on many cards, which no card's count would see
 * @param window how far back wrong tries count
 * @param lockFor how long a lock lasts when no librarian lifts it: long enough that guessing stays hopeless
 *     (a few tries an hour, per card and per kiosk), short enough that a locked kiosk does not stay dead for a night
 * @param revealUnknownCard {@code true}: answers say {@code unknown-patron} or {@code wrong-pin} as the SIGB did;
 *     {@code false} (default): both say {@code not-recognised}, so that a stranger cannot learn which card numbers
 *     exist
 */
public record KioskSecurity(int cardFailures, int kioskFailures, Duration window, Duration lockFor,
                            boolean revealUnknownCard) {
  public KioskSecurity {
    if (cardFailures < 1 || kioskFailures < 1) {
      throw new IllegalArgumentException("kiosk PIN limits: at least 1 failure before a lock, got card "
          + cardFailures + ", kiosk " + kioskFailures);
    }
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(lockFor, "lockFor");
    if (window.isNegative() || window.isZero() || lockFor.isNegative() || lockFor.isZero()) {
      throw new IllegalArgumentException("kiosk PIN limits: window and lock must be positive, got " + window
          + " and " + lockFor);
    }
  }

  /**
   * 5 wrong tries in 10 minutes per card, 10 per kiosk; locked for an hour; unknown card and wrong PIN alike. The
   * kiosk's limit is above the card's so that one patron who forgot a PIN locks their card, not the kiosk for the
   * whole queue; 10 tries an hour per kiosk still make guessing hopeless.
   */
  public static KioskSecurity defaults() {
    return new KioskSecurity(5, 10, Duration.ofMinutes(10), Duration.ofHours(1), false);
  }

  public KioskSecurity withRevealUnknownCard(boolean reveal) {
    return new KioskSecurity(cardFailures, kioskFailures, window, lockFor, reveal);
  }
}
