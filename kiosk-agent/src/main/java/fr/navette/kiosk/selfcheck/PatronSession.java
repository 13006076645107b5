package fr.navette.kiosk.selfcheck;

import fr.navette.schema.PatronPseudonym;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One patron at the kiosk, from login to logout or idle timeout. The card number and PIN stay in memory for the
 * session only (each SIGB question carries them) and are dropped with it: never written, never logged
 * ({@link #toString()} masks the card, hides the PIN).
 *
 * <p>A view-only session ({@link #viewOnly()}) is a patron the SIGB bars from borrowing (known card, right PIN,
 * card not reported lost): they see their account and its receipt, and nothing is lent or renewed.
 */
public final class PatronSession {
  private final String card;
  private final String pin;
  private final Optional<String> patronRef;
  private final Optional<String> greetingName;
  private final Instant openedAt;
  private final Optional<Text> viewOnly;
  private final Set<String> loans = new HashSet<>();
  private final List<ItemOutcome> done = new ArrayList<>();
  private Optional<Account> lastAccount = Optional.empty();

  PatronSession(String card, String pin, Optional<String> patronRef, Optional<String> greetingName, Instant openedAt) {
    this(card, pin, patronRef, greetingName, openedAt, Optional.empty());
  }

  /** @param viewOnly why the patron may not borrow, for a view-only session; empty for a full one */
  PatronSession(String card, String pin, Optional<String> patronRef, Optional<String> greetingName, Instant openedAt,
                Optional<Text> viewOnly) {
    this.card = Objects.requireNonNull(card, "card");
    this.pin = Objects.requireNonNull(pin, "pin");
    this.patronRef = Objects.requireNonNull(patronRef, "patronRef");
    this.greetingName = Objects.requireNonNull(greetingName, "greetingName");
    this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
    this.viewOnly = Objects.requireNonNull(viewOnly, "viewOnly");
  }

  /** For a view-only session, why borrowing is not possible (the hub's words); empty when the patron may borrow. */
  public Optional<Text> viewOnly() {
    return viewOnly;
  }

  public boolean isViewOnly() {
    return viewOnly.isPresent();
  }

  /** The account as the SIGB last gave it in this session, for a receipt when it does not answer again. */
  synchronized Optional<Account> lastAccount() {
    return lastAccount;
  }

  synchronized void rememberAccount(Account account) {
    lastAccount = Optional.of(account);
  }

  String card() {
    return card;
  }

  String pin() {
    return pin;
  }

  /** The hub's pseudonym of this patron, put in events; absent when the hub gave none. */
  public Optional<String> patronRef() {
    return patronRef;
  }

  /** The first name to greet with, when the SIGB gave one. */
  public Optional<String> greetingName() {
    return greetingName;
  }

  /** The card as shown on screen and receipts: all but its last two characters hidden. */
  public String maskedCard() {
    return PatronPseudonym.mask(card);
  }

  public Instant openedAt() {
    return openedAt;
  }

  synchronized Set<String> loans() {
    return Set.copyOf(loans);
  }

  synchronized void knowLoans(Set<String> itemIds) {
    loans.clear();
    loans.addAll(itemIds);
  }

  synchronized void record(ItemOutcome outcome) {
    done.add(outcome);
    if (outcome.status() == ItemOutcome.Status.LENT || outcome.status() == ItemOutcome.Status.RENEWED) {
      loans.add(outcome.itemId());
    }
  }

  /** Everything lent or renewed in this session, for the receipt, oldest first. */
  public synchronized List<ItemOutcome> receiptLines() {
    return done.stream().filter(o -> o.status() == ItemOutcome.Status.LENT || o.status() == ItemOutcome.Status.RENEWED)
        .toList();
  }

  @Override
  public String toString() {
    return "PatronSession[card " + maskedCard() + ", pin <hidden>" + (isViewOnly() ? ", view only" : "") + "]";
  }
}
