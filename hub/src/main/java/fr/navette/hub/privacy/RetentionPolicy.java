package fr.navette.hub.privacy;

import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the page {@code /privacy} and {@code GET /api/privacy/policy} say the hub keeps and for how long: a view of the
 * {@link Retention} the purge ({@link RetentionPurge}) applies, so that what the page says is what is done. The
 * defaults are the CNIL's library norm NS-009 (DESIGN §9).
 *
 * <p>Only what may link a patron to a document has a clock: kiosk loans and renewals lose their patron's pseudonym
 * at the end of the {@code loanMonths}-th month after the document's return, and quarantined messages lose their
 * bytes by the same limit. Alarms, returns, counts, devices' health, transits and the audit log name no patron
 * (checked: the purge's tests and the quarantine's personal channels): they are kept for the network's statistics,
 * and the page says so rather than announce a deletion nobody does.
 */
public record RetentionPolicy(Retention retention) {
  public RetentionPolicy {
    Objects.requireNonNull(retention, "retention");
  }

  /** NS-009: loan records until the end of the fourth month after the return. */
  public static RetentionPolicy defaults() {
    return new RetentionPolicy(Retention.cnil());
  }

  /** Kiosk loans and renewals: the patron's pseudonym beside a document, counted from the month of the return. */
  public Period loansAfterReturn() {
    return Period.ofMonths(retention.loanMonths());
  }

  /** Quarantined messages: their bytes cleared by the loans' limit (topic, size, reason and time kept). */
  public Period quarantine() {
    return loansAfterReturn();
  }

  /** Whether the network asked to keep links longer than NS-009 ({@code --retention-beyond-cnil}). */
  public boolean beyondCnil() {
    return retention.beyondCnil();
  }

  /** The periods by name, as {@code GET /api/privacy/policy} gives them (ISO-8601, e.g. {@code P4M}). */
  public Map<String, String> asIso() {
    Map<String, String> iso = new LinkedHashMap<>();
    iso.put("loansAfterReturn", loansAfterReturn().toString());
    iso.put("quarantinePayloads", quarantine().toString());
    iso.put("noPatron", "kept for statistics: alarms, returns, counts, health, transits, audit");
    return iso;
  }
}
