package fr.navette.hub.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * How long the hub keeps what links a patron to a document (DESIGN §9, CNIL NS-009: "jusqu'à la fin du quatrième
 * mois suivant la restitution"). Our reading, in the network's time zone: the months that follow the month of the
 * return are counted, the fourth one is kept to its last day, and the link is gone from the first day of the fifth
 * — a document returned any day of March is linked to its borrower until 31 July 23:59:59 local, not after 1
 * August 00:00. Reading it as "the return date plus four months, to the end of that month" gives the same day.
 *
 * @param loanMonths months after the month of a document's return during which its borrower's pseudonym is kept
 *     (1..4; more only with {@code beyondCnil})
 * @param beyondCnil the network asked by name ({@code --retention-beyond-cnil}) to keep longer than NS-009 allows
 * @param rotateKeyDays the patron key is rotated when it is this many days old (0: by hand only)
 */
public record Retention(int loanMonths, boolean beyondCnil, int rotateKeyDays) {
  /** NS-009's four months. */
  public static final int CNIL_LOAN_MONTHS = 4;
  /** The longest anyone may ask for, even beyond NS-009. */
  public static final int MAX_LOAN_MONTHS = 120;

  public Retention {
    if (loanMonths < 1 || loanMonths > (beyondCnil ? MAX_LOAN_MONTHS : CNIL_LOAN_MONTHS)) {
      throw new IllegalArgumentException("--retention-loan-months: 1.." + CNIL_LOAN_MONTHS + " (CNIL NS-009: the"
          + " link between a patron and a document is destroyed at the end of the fourth month after its return),"
          + " got " + loanMonths + (beyondCnil ? " (at most " + MAX_LOAN_MONTHS + " with --retention-beyond-cnil)"
          : "; longer only with --retention-beyond-cnil"));
    }
    if (rotateKeyDays < 0 || rotateKeyDays > 3660) {
      throw new IllegalArgumentException("--rotate-patron-key-days: 0 (by hand only) to 3660, got " + rotateKeyDays);
    }
  }

  /** NS-009's limits, the patron key rotated by hand. */
  public static Retention cnil() {
    return new Retention(CNIL_LOAN_MONTHS, false, 0);
  }

  public Retention withLoanMonths(int months, boolean beyond) {
    return new Retention(months, beyond, rotateKeyDays);
  }

  public Retention withKeyRotationEvery(int days) {
    return new Retention(loanMonths, beyondCnil, days);
  }

  /** When a link to a loan that ended (document returned) at {@code returnedAt} must be gone. */
  public Instant linkGoneFrom(Instant returnedAt, ZoneId zone) {
    LocalDate returned = LocalDate.ofInstant(returnedAt, zone);
    return returned.with(TemporalAdjusters.firstDayOfMonth()).plusMonths(loanMonths + 1L).atStartOfDay(zone)
        .toInstant();
  }

  /**
   * At {@code now}, the loans whose link must be gone: those that ended before the instant this returns (the first
   * day, 00:00 local, of the month {@code loanMonths} before the current one). On 1 August with 4 months: loans
   * ended before 1 April, i.e. returned in March or earlier.
   */
  public Instant endedBefore(Instant now, ZoneId zone) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    return today.with(TemporalAdjusters.firstDayOfMonth()).minusMonths(loanMonths).atStartOfDay(zone).toInstant();
  }

  @Override
  public String toString() {
    return "loan links " + loanMonths + " months after the return month" + (beyondCnil ? " (BEYOND CNIL NS-009)" : "")
        + ", patron key rotated " + (rotateKeyDays == 0 ? "by hand" : "every " + rotateKeyDays + " days");
  }
}
