package fr.navette.hub.privacy;

import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long the hub keeps each kind of record: what the page {@code /privacy} and {@code GET /api/privacy/policy}
 * show, read from the configuration in force. The defaults are the CNIL's library norm NS-009 (DESIGN §9): what links
 * a patron to a document goes at the end of the fourth month after the document's return; the rest names no patron
 * and is kept as long as the network's statistics and troubleshooting need it.
 *
 * <p>One class on purpose: the hub's {@code --retention-…} options are read into it, and the purge reads it too, so
 * that what the page says is what is done.
 *
 * @param loansAfterReturn kiosk loans and renewals (a patron pseudonym beside a document), counted from the
 *     document's return; at most four months (NS-009): a longer value is refused
 * @param alarms gate alarms, with the "just borrowed?" link to a kiosk loan
 * @param deviceEvents the other device events (returns, counts, health, state): no patron in them
 * @param transits documents on the shuttle and their crates: no patron
 * @param quarantine messages set aside (patron channels keep no bytes there, only why and when)
 * @param audit the staff's actions (who did what, when)
 */
public record RetentionPolicy(Period loansAfterReturn, Period alarms, Period deviceEvents, Period transits,
                              Period quarantine, Period audit) {
  /** NS-009: loan records until the end of the fourth month after the return. */
  public static final Period NS009_LOANS = Period.ofMonths(4);

  public RetentionPolicy {
    Map<String, Period> all = new LinkedHashMap<>();
    all.put("loans after return", loansAfterReturn);
    all.put("alarms", alarms);
    all.put("device events", deviceEvents);
    all.put("transits", transits);
    all.put("quarantine", quarantine);
    all.put("audit", audit);
    all.forEach((what, period) -> {
      Objects.requireNonNull(period, what);
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("retention of " + what + " must be positive, got " + period);
      }
    });
    if (loansAfterReturn.toTotalMonths() > 4 || (loansAfterReturn.toTotalMonths() == 4 && loansAfterReturn.getDays() > 0)) {
      throw new IllegalArgumentException("retention of loans after return: at most 4 months (CNIL NS-009), got "
          + loansAfterReturn);
    }
  }

  /** NS-009's four months for what links a patron to a document; the rest as a network's year and a month. */
  public static RetentionPolicy defaults() {
    return new RetentionPolicy(NS009_LOANS, NS009_LOANS, Period.ofMonths(13), Period.ofMonths(13),
        Period.ofMonths(3), Period.ofYears(1));
  }

  /** The periods by name, as {@code GET /api/privacy/policy} gives them (ISO-8601, e.g. {@code P4M}). */
  public Map<String, String> asIso() {
    Map<String, String> iso = new LinkedHashMap<>();
    iso.put("loansAfterReturn", loansAfterReturn.toString());
    iso.put("alarms", alarms.toString());
    iso.put("deviceEvents", deviceEvents.toString());
    iso.put("transits", transits.toString());
    iso.put("quarantine", quarantine.toString());
    iso.put("audit", audit.toString());
    return iso;
  }
}
