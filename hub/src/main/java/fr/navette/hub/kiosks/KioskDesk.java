package fr.navette.hub.kiosks;

import java.util.function.UnaryOperator;
import fr.navette.hub.circulation.SigbGateway;
import fr.navette.hub.circulation.SigbUnavailableException;
import fr.navette.schema.PatronBlock;
import fr.navette.schema.PatronPseudonym;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.SigbResponse.Outcome;
import fr.navette.sip2.codec.CirculationStatus;
import fr.navette.sip2.codec.PatronStatus;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.messages.CheckinResponse;
import fr.navette.sip2.codec.messages.CheckoutResponse;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import fr.navette.sip2.codec.messages.PatronInformationResponse;
import fr.navette.sip2.codec.messages.PatronStatusResponse;
import fr.navette.sip2.codec.messages.RenewResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one kiosk request through the SIGB, within the request's deadline: SIP2 23/24 for patron status, 63/64
 * (+ 17 per document, for titles, due dates and where a hold waits) for the account, 11/12 checkout, 29/30 renew,
 * 09/10 checkin and undo-checkout (09 with BI Y where the SIGB honours it). Patrons come back as pseudonyms;
 * screen messages are French first, English beside, in plain words; the SIGB's own screen message (AF) is kept
 * when it is the only reason given.
 *
 * <p>A checkout whose yes arrives after the kiosk's deadline is undone at once: the kiosk has stopped waiting, so
 * it will not disarm the tag, and a loan nobody knows of must not stay on the patron's card.
 *
 * <p>What reads or changes a patron's account (patron status, account, checkout, renew) needs the patron's PIN,
 * confirmed by the SIGB (CQ Y): without a PIN it is refused at once, and checkout and renew first ask SIP2 23 to
 * check it, as their own answers (12, 30) cannot say whether the PIN was right. An unknown card or a wrong PIN
 * counts against the card and the kiosk ({@link PinAttempts}); a locked card or kiosk is refused without asking the
 * SIGB. Unless the network asks otherwise ({@link KioskSecurity#revealUnknownCard()}), an unknown card and a wrong
 * PIN get one and the same answer, {@code not-recognised}, without the pseudonym: a stranger must not learn from a
 * kiosk which card numbers exist. Undo-checkout needs no PIN: it is a checkin (open to return boxes) with the
 * cancel flag, and takes back only what the kiosk just lent.
 *
 * <p>Never logged: the PIN, the clear barcode (masked), names, titles.
 */
public final class KioskDesk {
  private static final Logger LOG = LoggerFactory.getLogger(KioskDesk.class);
  /** A kiosk asking for longer than this still gets an answer within it: sessions are not held for ever. */
  static final Duration LONGEST = Duration.ofSeconds(30);
  /** Kept from the kiosk's deadline to publish the answer (at most this, or a fifth of the time left). */
  static final Duration MARGIN = Duration.ofMillis(300);
  /** Account lists are looked up one document at a time (17); past this many, the rest go without titles. */
  static final int MOST_LOOKUPS = 40;
  private static final String SUMMARY_HOLDS = "Y         ";
  private static final String SUMMARY_CHARGED = "  Y       ";
  private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
  private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private final SigbGateway sigb;
  private final UnaryOperator<String> pseudonyms;
  private final PinAttempts attempts;
  private final Clock clock;
  private final ZoneId zone;

  /** @param pseudonyms a card's pseudonym under the network's current patron key */
  public KioskDesk(SigbGateway sigb, UnaryOperator<String> pseudonyms, PinAttempts attempts, Clock clock,
                   ZoneId zone) {
    this.sigb = sigb;
    this.pseudonyms = pseudonyms;
    this.attempts = attempts;
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * The answer to {@code request} from a kiosk standing at {@code branch}; never throws for what the SIGB does.
   */
  public SigbResponse answer(SigbRequest request, String branch) {
    Instant now = clock.instant();
    Duration remaining = Duration.between(now, request.deadline());
    // The SIGB gets what is left minus a margin to answer in: a "not available" the kiosk hears beats a late yes.
    Duration margin = remaining.dividedBy(5).compareTo(MARGIN) < 0 ? remaining.dividedBy(5) : MARGIN;
    Duration budget = remaining.minus(margin);
    if (budget.isNegative() || budget.isZero()) {
      return expired(request);
    }
    if (budget.compareTo(LONGEST) > 0) {
      budget = LONGEST;
    }
    Instant until = now.plus(budget);
    String card = null; // the pseudonym of a card whose PIN check was let through, to say when it ends
    if (needsPin(request.kind())) {
      if (request.pin().filter(p -> !p.isBlank()).isEmpty()) {
        log(request, "refused, no PIN");
        return refusal(request, PatronBlock.PIN_REQUIRED);
      }
      String pseudonym = pseudonyms.apply(request.patronId().orElseThrow());
      Optional<PinAttempts.Scope> barred = attempts.admit(pseudonym, request.deviceId());
      if (barred.isPresent()) {
        log(request, "refused, too many wrong tries on this " + barred.get().name().toLowerCase(Locale.ROOT)
            + " (SIGB not asked)");
        return refusal(request, PatronBlock.TOO_MANY_ATTEMPTS);
      }
      card = pseudonym;
    }
    try {
      return switch (request.kind()) {
        case PATRON_STATUS -> patronStatus(request, branch, budget);
        case PATRON_ACCOUNT -> patronAccount(request, branch, until);
        case CHECKOUT -> checkout(request, branch, until);
        case RENEW -> renew(request, branch, until);
        case CHECKIN -> checkin(request, branch, budget, false);
        case UNDO_CHECKOUT -> checkin(request, branch, budget, true);
      };
    } catch (SigbUnavailableException e) {
      LOG.warn("kiosk {} {} {}: SIGB unavailable: {}", request.deviceId(), wire(request), request.requestId(),
          e.getMessage());
      return unavailable(request);
    } finally {
      if (card != null) {
        attempts.done(card, request.deviceId());
      }
    }
  }

  /** The kinds that read or change a patron's account: a PIN the SIGB confirms, and the wrong tries counted. */
  static boolean needsPin(SigbRequest.Kind kind) {
    return switch (kind) {
      case PATRON_STATUS, PATRON_ACCOUNT, CHECKOUT, RENEW -> true;
      case CHECKIN, UNDO_CHECKOUT -> false;
    };
  }

  /** A refusal the hub decides itself: the block, its plain words, nothing of the patron. */
  static SigbResponse refusal(SigbRequest request, PatronBlock block) {
    return SigbResponse.builder(request, Outcome.REFUSED).block(block.wire())
        .messages(block.messageFr(), block.messageEn()).build();
  }

  /**
   * The card checks of a SIGB answer (BL, CQ), before anything of the patron is told: empty when the card is known
   * and the SIGB confirmed the PIN (the card's wrong tries are then forgotten), else the refusal to send — and an
   * unknown card or a wrong PIN counted against the card and the kiosk.
   */
  private Optional<SigbResponse> verify(SigbRequest request, String site, Optional<String> validPatron,
      Optional<String> validPin) {
    String card = pseudonyms.apply(request.patronId().orElseThrow());
    boolean unknown = validPatron.filter(no()).isPresent();
    boolean wrongPin = !unknown && validPin.filter(no()).isPresent();
    if (unknown || wrongPin) {
      Optional<PinAttempts.Scope> locked = attempts.failed(card, request.deviceId(), site);
      log(request, (unknown ? "refused, unknown card" : "refused, wrong PIN")
          + locked.map(l -> " — " + l.name().toLowerCase(Locale.ROOT) + " now locked").orElse(""));
      if (locked.isPresent()) {
        return Optional.of(refusal(request, PatronBlock.TOO_MANY_ATTEMPTS));
      }
      if (!attempts.limits().revealUnknownCard()) {
        return Optional.of(refusal(request, PatronBlock.NOT_RECOGNISED));
      }
      SigbResponse.Builder b = SigbResponse.builder(request, Outcome.REFUSED);
      PatronBlock block = unknown ? PatronBlock.UNKNOWN_PATRON : PatronBlock.WRONG_PIN;
      if (!unknown) {
        b.patronRef(card); // the network chose to tell: the kiosk may name the card in its events
      }
      return Optional.of(b.block(block.wire()).messages(block.messageFr(), block.messageEn()).build());
    }
    if (validPin.filter(yes()).isEmpty()) {
      // No CQ: the SIGB did not check the PIN, so nothing shows that the card's owner is at the kiosk.
      LOG.warn("kiosk {} {} {}: the SIGB did not say whether the PIN is right (no CQ): refused, as an account"
          + " opens only on a PIN the SIGB confirmed", request.deviceId(), wire(request), request.requestId());
      return Optional.of(SigbResponse.of(request, Outcome.REFUSED,
          "Votre code n'a pas pu être vérifié. Un bibliothécaire peut vous aider.",
          "Your PIN could not be checked. A librarian can help you."));
    }
    attempts.succeeded(card);
    return Optional.empty();
  }

  static SigbResponse expired(SigbRequest request) {
    return SigbResponse.of(request, Outcome.EXPIRED, "La réponse a pris trop de temps. Merci de réessayer.",
        "The answer took too long. Please try again.");
  }

  static SigbResponse unavailable(SigbRequest request) {
    return SigbResponse.of(request, Outcome.SIGB_UNAVAILABLE,
        "Le service de prêt ne répond pas pour le moment. Réessayez dans un instant, ou demandez à un bibliothécaire.",
        "The loan service is not answering right now. Try again in a moment, or ask a librarian.");
  }

  static SigbResponse invalid(SigbRequest request, String why) {
    return SigbResponse.of(request, Outcome.INVALID_REQUEST,
        "Cette borne a envoyé une demande incomplète. Merci de prévenir un bibliothécaire.",
        "This kiosk sent an incomplete request. Please tell a librarian. (" + why + ")");
  }

  // ---- patron status: 23 → 24 ---------------------------------------------------------------------------

  private SigbResponse patronStatus(SigbRequest request, String site, Duration budget)
      throws SigbUnavailableException {
    String patron = request.patronId().orElseThrow();
    PatronStatusResponse r = sigb.patronStatus(patron, request.pin(), budget);
    Optional<SigbResponse> refused = verify(request, site, r.validPatron(), r.validPatronPassword());
    if (refused.isPresent()) {
      return refused.get();
    }
    Check check = check(r.validPatron(), r.validPatronPassword(), r.patronStatus());
    SigbResponse.Builder b = SigbResponse.builder(request, check.outcome()).blocks(check.blocks())
        .viewOnly(check.viewOnly());
    if (check.known()) {
      b.patronRef(pseudonyms.apply(patron));
    }
    feesDue(r.feeAmount()).ifPresent(b::feesDue);
    // A view-only session is greeted too; the greeting stays out of the refusal's words, which a kiosk of before
    // 1.2 shows as a plain refusal.
    Optional<String> firstName = (check.outcome() == Outcome.OK || check.viewOnly())
        && r.validPatronPassword().filter(yes()).isPresent()
        && !r.patronStatus().has(PatronStatus.Flag.CARD_REPORTED_LOST) ? firstName(r.personalName())
        : Optional.empty();
    firstName.ifPresent(b::greetingName);
    Messages m = new Messages();
    if (check.outcome() == Outcome.OK) {
      m.add(firstName.map(n -> "Bonjour " + n + " !").orElse("Bonjour !"),
          firstName.map(n -> "Hello " + n + "!").orElse("Hello!"));
    }
    m.explain(check.blocks(), r.screenMessages());
    if (check.outcome() == Outcome.REFUSED) {
      m.add("Un bibliothécaire peut vous aider.", "A librarian can help you.");
    }
    log(request, check.viewOnly() ? "refused, view only" : check.outcome().name().toLowerCase(Locale.ROOT));
    return b.messages(m.fr(), m.en()).build();
  }

  /**
   * The card checks: unknown card (BL N) or wrong PIN (CQ N) refuse; so do the flags that stop all borrowing
   * (charge privileges denied, card reported lost). Other flags are told but do not refuse: a patron who may not
   * place holds may still borrow.
   *
   * <p>A patron barred from borrowing may still look at their account — often the very reason they are barred
   * (late items, fees) — so the refusal says {@code viewOnly} when the SIGB confirmed the PIN (CQ Y: the account
   * is private, a PIN the SIGB did not check proves nothing) and the card is not reported lost (whoever holds a
   * lost card may not be its owner).
   */
  record Check(Outcome outcome, boolean known, List<String> blocks, boolean viewOnly) {}

  static Check check(Optional<String> validPatron, Optional<String> validPin, PatronStatus flags) {
    if (validPatron.filter(no()).isPresent()) {
      return new Check(Outcome.REFUSED, false, List.of(PatronBlock.UNKNOWN_PATRON.wire()), false);
    }
    if (validPin.filter(no()).isPresent()) {
      return new Check(Outcome.REFUSED, true, List.of(PatronBlock.WRONG_PIN.wire()), false);
    }
    List<String> blocks = new ArrayList<>();
    for (PatronStatus.Flag flag : PatronStatus.Flag.values()) {
      if (flags.has(flag)) {
        blocks.add(PatronBlock.ofStatusFlag(flag.ordinal()).wire());
      }
    }
    boolean lost = flags.has(PatronStatus.Flag.CARD_REPORTED_LOST);
    boolean barred = flags.has(PatronStatus.Flag.CHARGE_PRIVILEGES_DENIED) || lost;
    boolean viewOnly = barred && !lost && validPin.filter(yes()).isPresent();
    return new Check(barred ? Outcome.REFUSED : Outcome.OK, true, blocks, viewOnly);
  }

  // ---- patron account: 63 → 64, twice (one list each, as the spec says), then 17 per document -----------

  private SigbResponse patronAccount(SigbRequest request, String site, Instant until)
      throws SigbUnavailableException {
    String patron = request.patronId().orElseThrow();
    PatronInformationResponse charged = sigb.patronInformation(patron, request.pin(), SUMMARY_CHARGED, left(until));
    Optional<SigbResponse> refused = verify(request, site, charged.validPatron(), charged.validPatronPassword());
    if (refused.isPresent()) {
      return refused.get();
    }
    // A patron barred from borrowing may see the account; a lost card may not (whoever holds it may not be its
    // owner), whichever kiosk asks.
    PatronStatus lostOnly = charged.patronStatus().has(PatronStatus.Flag.CARD_REPORTED_LOST)
        ? PatronStatus.of(PatronStatus.Flag.CARD_REPORTED_LOST) : PatronStatus.CLEAR;
    Check check = check(charged.validPatron(), charged.validPatronPassword(), lostOnly);
    SigbResponse.Builder b = SigbResponse.builder(request, check.outcome()).blocks(check.blocks());
    Messages m = new Messages();
    if (!check.known() || check.outcome() == Outcome.REFUSED) {
      if (check.known()) {
        b.patronRef(pseudonyms.apply(patron));
      }
      m.explain(check.blocks(), charged.screenMessages());
      log(request, check.outcome());
      return b.messages(m.fr(), m.en()).build();
    }
    b.patronRef(pseudonyms.apply(patron));
    feesDue(charged.feeAmount()).ifPresent(b::feesDue);
    PatronInformationResponse holds = sigb.patronInformation(patron, request.pin(), SUMMARY_HOLDS, left(until));
    Lookups lookups = new Lookups(until);
    Set<String> overdue = new HashSet<>(charged.overdueItems());
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    for (String itemId : charged.chargedItems()) {
      Optional<ItemInformationResponse> item = lookups.item(itemId);
      Optional<LocalDate> due = item.flatMap(i -> i.dueDate()).flatMap(KioskDesk::date);
      b.loan(new SigbResponse.Loan(itemId, due, overdue.contains(itemId) || due.filter(today::isAfter).isPresent(),
          item.flatMap(KioskDesk::title)));
    }
    Set<String> notReady = new HashSet<>(holds.unavailableHoldItems());
    for (String itemId : holds.holdItems()) {
      if (notReady.contains(itemId)) {
        continue;
      }
      Optional<ItemInformationResponse> item = lookups.item(itemId);
      if (item.isPresent() && !item.get().circulationStatus().equals(CirculationStatus.ON_HOLD_SHELF)) {
        continue; // the SIGB lists it, but it is not on a hold shelf yet
      }
      b.holdReady(new SigbResponse.Hold(itemId, item.flatMap(KioskDesk::title),
          item.flatMap(ItemInformationResponse::currentLocation).filter(s -> !s.isBlank())));
    }
    SigbResponse partial = b.build();
    int loans = partial.loans().size();
    m.add(loans + (loans == 1 ? " document emprunté." : " documents empruntés."),
        loans + (loans == 1 ? " item on loan." : " items on loan."));
    int ready = partial.holdsReady().size();
    if (ready > 0) {
      m.add(ready + (ready == 1 ? " réservation vous attend." : " réservations vous attendent."),
          ready + (ready == 1 ? " hold is waiting for you." : " holds are waiting for you."));
    }
    partial.feesDue().ifPresent(f -> m.add("Montant dû : " + f + " €.", "Amount due: " + f + " €."));
    log(request, Outcome.OK);
    return partial.toBuilder().messages(m.fr(), m.en()).build();
  }

  /** Looks documents up one by one while time is left: a slow SIGB gives a list without titles, still in time. */
  private final class Lookups {
    private final Instant until;
    private int done;

    Lookups(Instant until) {
      this.until = until;
    }

    Optional<ItemInformationResponse> item(String itemId) {
      Duration left = left(until);
      // Keep a quarter of what is left (and at least 200 ms) to answer the kiosk.
      Duration spend = left.minus(left.dividedBy(4)).minusMillis(200);
      if (done >= MOST_LOOKUPS || spend.isNegative() || spend.isZero()) {
        return Optional.empty();
      }
      done++;
      try {
        return Optional.of(sigb.item(itemId, spend));
      } catch (SigbUnavailableException e) {
        LOG.debug("item {} not looked up: {}", itemId, e.getMessage());
        return Optional.empty();
      }
    }
  }

  // ---- checkout 11 → 12, renew 29 → 30 -------------------------------------------------------------------

  /**
   * SIP2 23 with the PIN, before a checkout or a renewal: their answers (12, 30) do not say whether the PIN was
   * right, and a SIGB may lend on a card without checking it. Empty when the loan may be asked.
   */
  private Optional<SigbResponse> verifyFirst(SigbRequest request, String site, Instant until)
      throws SigbUnavailableException {
    // Half of what is left at most: the loan itself must still fit.
    Duration spend = left(until).dividedBy(2);
    PatronStatusResponse r = sigb.patronStatus(request.patronId().orElseThrow(), request.pin(),
        spend.isZero() ? Duration.ofMillis(1) : spend);
    return verify(request, site, r.validPatron(), r.validPatronPassword());
  }

  private SigbResponse checkout(SigbRequest request, String branch, Instant until)
      throws SigbUnavailableException {
    String patron = request.patronId().orElseThrow();
    String itemId = request.itemId().orElseThrow();
    Optional<SigbResponse> refused = verifyFirst(request, branch, until);
    if (refused.isPresent()) {
      return refused.get();
    }
    CheckoutResponse r = sigb.checkout(patron, itemId, request.pin(), left(until));
    if (r.ok() && !clock.instant().isBefore(request.deadline())) {
      undoLateCheckout(request, branch);
      return expired(request);
    }
    return loan(request, r.ok(), r.titleId(), r.dueDate(), r.screenMessages(), "C'est emprunté !", "Borrowed!",
        "Ce document ne peut pas être emprunté.", "This item cannot be borrowed.");
  }

  private void undoLateCheckout(SigbRequest request, String branch) {
    String itemId = request.itemId().orElseThrow();
    try {
      CheckinResponse undone = sigb.checkinNow(itemId, branch, true, LONGEST);
      LOG.warn("kiosk {} checkout {} of item {} was accepted after the kiosk's deadline: undone ({})",
          request.deviceId(), request.requestId(), itemId, undone.ok() ? "ok" : "refused");
    } catch (SigbUnavailableException e) {
      LOG.error("kiosk {} checkout {} of item {} was accepted after the kiosk's deadline and could not be undone: {}"
          + " — the loan stays on the patron's card", request.deviceId(), request.requestId(), itemId, e.getMessage());
    }
  }

  private SigbResponse renew(SigbRequest request, String branch, Instant until) throws SigbUnavailableException {
    Optional<SigbResponse> refused = verifyFirst(request, branch, until);
    if (refused.isPresent()) {
      return refused.get();
    }
    RenewResponse r = sigb.renew(request.patronId().orElseThrow(), request.itemId().orElseThrow(), request.pin(),
        left(until));
    return loan(request, r.ok(), r.titleId(), r.dueDate(), r.screenMessages(), "C'est prolongé !", "Renewed!",
        "Ce prêt ne peut pas être prolongé.", "This loan cannot be renewed.");
  }

  private SigbResponse loan(SigbRequest request, boolean ok, String title, Optional<String> dueDate,
      List<String> screenMessages, String okFr, String okEn, String noFr, String noEn) {
    Outcome outcome = ok ? Outcome.OK : Outcome.REFUSED;
    SigbResponse.Builder b = SigbResponse.builder(request, outcome)
        .patronRef(pseudonyms.apply(request.patronId().orElseThrow()))
        .title(Optional.of(title).filter(t -> !t.isBlank()));
    Optional<LocalDate> due = dueDate.flatMap(KioskDesk::date);
    b.dueDate(due);
    Messages m = new Messages();
    if (ok) {
      m.add(okFr, okEn);
      due.ifPresent(d -> m.add("À rendre le " + FR_DATE.format(d) + ".", "Due back on " + EN_DATE.format(d) + "."));
    } else {
      m.add(noFr, noEn);
      m.sigb(screenMessages);
      m.add("Un bibliothécaire peut vous aider.", "A librarian can help you.");
    }
    log(request, outcome);
    return b.messages(m.fr(), m.en()).build();
  }

  // ---- checkin and undo-checkout: 09 → 10 -----------------------------------------------------------------

  private SigbResponse checkin(SigbRequest request, String branch, Duration budget, boolean undo)
      throws SigbUnavailableException {
    CheckinResponse r = sigb.checkinNow(request.itemId().orElseThrow(), branch, undo, budget);
    Outcome outcome = r.ok() ? Outcome.OK : Outcome.REFUSED;
    SigbResponse.Builder b = SigbResponse.builder(request, outcome).title(r.titleId().filter(t -> !t.isBlank()));
    if (undo) {
      request.patronId().ifPresent(p -> b.patronRef(pseudonyms.apply(p)));
    } else {
      b.sortBin(r.sortBin().filter(s -> !s.isBlank())).destination(r.destinationLocation().filter(s -> !s.isBlank()));
    }
    Messages m = new Messages();
    if (r.ok() && undo) {
      m.add("Le prêt est annulé : laissez le document ici.", "The loan is cancelled: please leave the item here.");
    } else if (r.ok()) {
      m.add("Merci, c'est rendu !", "Thank you, it is returned!");
    } else {
      m.add(undo ? "Le prêt n'a pas pu être annulé." : "Ce document n'a pas pu être rendu ici.",
          undo ? "The loan could not be cancelled." : "This item could not be returned here.");
      m.sigb(r.screenMessages());
      m.add("Un bibliothécaire peut vous aider.", "A librarian can help you.");
    }
    log(request, outcome);
    return b.messages(m.fr(), m.en()).build();
  }

  // ---- helpers ------------------------------------------------------------------------------------------

  /** Screen sentences, French and English kept side by side, each said once. */
  private static final class Messages {
    private final Set<String> fr = new LinkedHashSet<>();
    private final Set<String> en = new LinkedHashSet<>();

    void add(String sentenceFr, String sentenceEn) {
      fr.add(sentenceFr);
      en.add(sentenceEn);
    }

    /**
     * The blocks in plain words; the generic "cannot borrow" only when no flag says why. The SIGB's own screen
     * message is kept when no flag gave a specific reason (an expired card has no flag of its own).
     */
    void explain(List<String> blocks, List<String> screenMessages) {
      List<PatronBlock> known = blocks.stream().flatMap(w -> PatronBlock.fromWire(w).stream()).toList();
      boolean specific = known.stream().anyMatch(k -> k != PatronBlock.CHARGE_DENIED
          && k != PatronBlock.RENEWAL_DENIED && k != PatronBlock.HOLD_DENIED && k != PatronBlock.RECALL_DENIED);
      for (PatronBlock block : known) {
        boolean generic = block == PatronBlock.CHARGE_DENIED || block == PatronBlock.RENEWAL_DENIED
            || block == PatronBlock.HOLD_DENIED || block == PatronBlock.RECALL_DENIED;
        boolean sigbSaysWhy = !screenMessages.isEmpty();
        if (!generic || (!specific && !sigbSaysWhy)) {
          add(block.messageFr(), block.messageEn());
        }
      }
      if (!specific) {
        sigb(screenMessages);
      }
    }

    /** The SIGB's screen messages; "français / English" is split in two, else the one text goes on both sides. */
    void sigb(List<String> screenMessages) {
      for (String af : screenMessages) {
        String text = af.strip();
        if (text.isEmpty()) {
          continue;
        }
        int slash = text.indexOf(" / ");
        String f = slash > 0 ? text.substring(0, slash).strip() : text;
        String e = slash > 0 ? text.substring(slash + 3).strip() : text;
        add(sentence(f), sentence(e));
      }
    }

    private static String sentence(String s) {
      return s.endsWith(".") || s.endsWith("!") || s.endsWith("?") ? s : s + ".";
    }

    String fr() {
      return String.join(" ", fr);
    }

    String en() {
      return String.join(" ", en);
    }
  }

  /** The first name of a SIP2 personal name written "SURNAME, First names"; nothing when the form is unsure. */
  static Optional<String> firstName(String personalName) {
    int comma = personalName.indexOf(',');
    if (comma < 0) {
      return Optional.empty();
    }
    String given = personalName.substring(comma + 1).strip();
    String first = given.split("[\\s]+", 2)[0];
    return first.isEmpty() || first.length() > 40 ? Optional.empty() : Optional.of(first);
  }

  /** A SIP2 amount ("12.40", "12,40", "-1.00") as the schema writes fees due; nothing when zero or a credit. */
  static Optional<String> feesDue(Optional<String> amount) {
    try {
      return amount.map(a -> new BigDecimal(a.strip().replace(',', '.')).setScale(2, RoundingMode.HALF_UP))
          .filter(a -> a.signum() > 0).map(BigDecimal::toPlainString);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A SIP2 date (18 characters) or an ISO date; due dates are free text in the spec. */
  static Optional<LocalDate> date(String text) {
    try {
      return Sip2Timestamp.parse(text).map(t -> t.dateTime().toLocalDate());
    } catch (IllegalArgumentException notSip2) {
      try {
        return Optional.of(LocalDate.parse(text.strip().substring(0, Math.min(10, text.strip().length()))));
      } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
        return Optional.empty();
      }
    }
  }

  private static Optional<String> title(ItemInformationResponse item) {
    return Optional.of(item.titleId()).filter(t -> !t.isBlank());
  }

  private Duration left(Instant until) {
    Duration left = Duration.between(clock.instant(), until);
    return left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
  }

  private static java.util.function.Predicate<String> yes() {
    return v -> v.strip().equalsIgnoreCase("Y");
  }

  private static java.util.function.Predicate<String> no() {
    return v -> v.strip().equalsIgnoreCase("N");
  }

  private static String wire(SigbRequest request) {
    return request.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static void log(SigbRequest request, Outcome outcome) {
    log(request, outcome.name().toLowerCase(Locale.ROOT));
  }

  private static void log(SigbRequest request, String outcome) {
    LOG.info("kiosk {} {} {} patron {}{}: {}", request.deviceId(), wire(request), request.requestId(),
        request.patronId().map(PatronPseudonym::mask).orElse("-"), request.itemId().map(i -> " item " + i).orElse(""),
        outcome);
  }
}
