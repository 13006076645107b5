package fr.navette.kiosk.selfcheck;

import fr.navette.agent.RequestTimeoutException;
import fr.navette.kiosk.selfcheck.ItemOutcome.Status;
import fr.navette.kiosk.selfcheck.LendingPlan.Decision;
import fr.navette.kiosk.selfcheck.TagSecurity.TagState;
import fr.navette.reader.Uid;
import fr.navette.schema.Channel;
import fr.navette.schema.CheckoutEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.PatronBlock;
import fr.navette.schema.RenewEvent;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.SigbResponse.Outcome;
import fr.navette.schema.UuidV7;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's circulation for one patron: login, account, borrow, renew. The rules it keeps:
 *
 * <ul>
 *   <li>A patron the SIGB bars from borrowing, whose card and PIN are right and whose card is not reported lost
 *       (the hub's {@code viewOnly}), gets a view-only session: the account and its receipt, no loan, no renewal,
 *       told why in the hub's words.
 *   <li>A tag is disarmed only after the SIGB accepted the loan, and each tag is read back.
 *   <li>When disarming fails after the SIGB said yes (the document moved off the pad, a write error), each
 *       tag gets its tries, then those that may be disarmed are armed again and the loan is taken back
 *       ({@code undo-checkout}, which the hub sends as a checkin with the cancel flag). Never a loan on an armed
 *       tag, never a disarmed tag without a loan. When that cannot hold (a tag that may be disarmed left the pad,
 *       or the undo is not answered) the loan stays, the patron is sent to the desk and the {@code checkout}
 *       event says {@code disarmed=false}, so a gate alarm on it reads "probably borrowed".
 *   <li>A checkout with no answer may still have been made: the kiosk looks at the patron's loans and takes
 *       back a loan it finds there (but never checks in a document another patron has).
 *   <li>A refused document keeps its tags untouched, armed, with the SIGB's reason shown.
 * </ul>
 *
 * <p>The PIN travels in the requests only. Runs on the kiosk's loop (it owns the reader).
 */
public final class SelfCheck {
  private static final Logger LOG = LoggerFactory.getLogger(SelfCheck.class);

  /** Where events go: {@code DeviceRuntime::record}. */
  @FunctionalInterface
  public interface EventRecorder {
    void record(Channel channel, Function<EventHeader, byte[]> payload);
  }

  /** What a login gave: a session, or the reason there is none. */
  public record Login(Optional<PatronSession> session, Optional<Text> refusal) {}

  private final KioskConfig config;
  private final SigbAsk sigb;
  private final TagSecurity security;
  private final EventRecorder events;
  private final Clock clock;
  private final UuidV7 ids;

  SelfCheck(KioskConfig config, SigbAsk sigb, TagSecurity security, EventRecorder events, Clock clock) {
    this.config = config;
    this.sigb = sigb;
    this.security = security;
    this.events = events;
    this.clock = clock;
    this.ids = new UuidV7(clock);
  }

  /** Checks the card and PIN with the SIGB; a session on yes. */
  public Login login(String card, String pin) {
    String cleanCard = card == null ? "" : card.strip();
    if (cleanCard.isEmpty() || pin == null || pin.isEmpty()) {
      return new Login(Optional.empty(), Optional.of(Text.of("text.need-card")));
    }
    SigbResponse answer;
    try {
      answer = sigb.ask(request(SigbRequest.Kind.PATRON_STATUS, cleanCard, pin, Optional.empty()));
    } catch (RequestTimeoutException e) {
      LOG.warn("kiosk {}: login not answered: {}", config.deviceId(), e.getMessage());
      return new Login(Optional.empty(), Optional.of(Text.NO_ANSWER_LOGIN));
    }
    // The hub refuses a patron barred from borrowing and says viewOnly when the account may still be seen (known
    // card, PIN confirmed, card not reported lost); a viewOnly on any other answer still bars borrowing.
    boolean viewOnly = answer.viewOnly()
        && (answer.outcome() == Outcome.REFUSED || answer.outcome() == Outcome.OK);
    if (answer.outcome() != Outcome.OK && !viewOnly) {
      return new Login(Optional.empty(), Optional.of(answer.outcome() == Outcome.REFUSED
          ? refusal(answer) : Text.NO_ANSWER_LOGIN));
    }
    PatronSession session = new PatronSession(cleanCard, pin, answer.patronRef(), answer.greetingName(),
        clock.instant(), viewOnly ? Optional.of(whyViewOnly(answer)) : Optional.empty());
    LOG.info("kiosk {}: session opened{} for {}", config.deviceId(),
        viewOnly ? " (view only: the card may not borrow)" : "", session.maskedCard());
    return new Login(Optional.of(session), Optional.empty());
  }

  /** The reason as the hub words it, always ending with where to get help. */
  static Text whyViewOnly(SigbResponse answer) {
    Text why = answer.messageFr().isPresent() || answer.messageEn().isPresent() ? refusal(answer)
        : blocks(answer).stream().findFirst().orElse(Text.REFUSED);
    if (why.fr().contains(Text.LIBRARIAN.fr())) {
      return why;
    }
    return new Text(why.fr() + " " + Text.LIBRARIAN.fr(), why.en() + " " + Text.LIBRARIAN.en());
  }

  /** The patron's loans, holds ready, fees; also refreshes which documents the session knows on loan. */
  public Optional<Account> account(PatronSession session) throws RequestTimeoutException {
    SigbResponse answer = sigb.ask(request(SigbRequest.Kind.PATRON_ACCOUNT, session.card(), session.pin(),
        Optional.empty()));
    if (answer.outcome() != Outcome.OK) {
      return Optional.empty();
    }
    session.knowLoans(answer.loans().stream().map(SigbResponse.Loan::itemId).collect(Collectors.toSet()));
    List<Account.LoanLine> loans = answer.loans().stream()
        .map(l -> new Account.LoanLine(l.itemId(), l.title(), l.dueDate(), l.overdue())).toList();
    List<Account.HoldLine> holds = answer.holdsReady().stream()
        .map(h -> new Account.HoldLine(h.itemId(), h.title(), h.pickupBranch())).toList();
    Account account = new Account(loans, holds, answer.feesDue(), blocks(answer));
    session.rememberAccount(account);
    return Optional.of(account);
  }

  /**
   * Lends what may be lent among the documents on the pad, one document at a time.
   *
   * @return one outcome per document, in pad order
   */
  public List<ItemOutcome> borrow(PatronSession session, List<PadDocument> onPad) {
    List<ItemOutcome> outcomes = new ArrayList<>();
    if (session.isViewOnly()) {
      // The page offers no borrowing and the server refuses it; should a call still come, the SIGB is not asked
      // and no tag is touched.
      onPad.stream().map(PadDocument::itemId).distinct().forEach(itemId -> outcomes.add(
          ItemOutcome.of(itemId, Optional.empty(), Status.REFUSED, Text.VIEW_ONLY)));
      LOG.info("kiosk {}: borrowing refused to a view-only session ({} document(s) on the pad)", config.deviceId(),
          outcomes.size());
      return outcomes;
    }
    for (Decision decision : LendingPlan.decide(onPad, session.loans())) {
      ItemOutcome outcome = switch (decision.action()) {
        case OFFER_RENEWAL -> ItemOutcome.of(decision.itemId(), Optional.empty(), Status.RENEWAL_OFFERED,
            Text.RENEWAL_OFFERED);
        case INCOMPLETE_SET -> new ItemOutcome(decision.itemId(), Optional.empty(), Status.INCOMPLETE_SET,
            Optional.empty(), Optional.of(Text.incompleteSet(decision.partsInSet(), decision.missingParts())),
            decision.missingParts());
        case BORROW -> lend(session, decision);
      };
      session.record(outcome);
      outcomes.add(outcome);
    }
    return outcomes;
  }

  /** Renews one of the patron's loans. */
  public ItemOutcome renew(PatronSession session, String itemId) {
    if (session.isViewOnly()) {
      LOG.info("kiosk {}: renewal of {} refused to a view-only session", config.deviceId(), itemId);
      return ItemOutcome.of(itemId, Optional.empty(), Status.REFUSED, Text.VIEW_ONLY);
    }
    ItemOutcome outcome;
    try {
      SigbResponse answer = sigb.ask(request(SigbRequest.Kind.RENEW, session.card(), session.pin(),
          Optional.of(itemId)));
      outcome = switch (answer.outcome()) {
        case OK -> {
          recordRenewal(session, itemId, answer);
          yield new ItemOutcome(itemId, answer.title(), Status.RENEWED, answer.dueDate(), Optional.empty(),
              List.of());
        }
        case REFUSED -> ItemOutcome.of(itemId, answer.title(), Status.REFUSED, refusal(answer));
        default -> ItemOutcome.of(itemId, answer.title(), Status.NOT_ANSWERED, Text.NO_ANSWER_LOGIN);
      };
    } catch (RequestTimeoutException e) {
      LOG.warn("kiosk {}: renewal of {} not answered: {}", config.deviceId(), itemId, e.getMessage());
      outcome = ItemOutcome.of(itemId, Optional.empty(), Status.NOT_ANSWERED, Text.NO_ANSWER_LOGIN);
    }
    session.record(outcome);
    return outcome;
  }

  private ItemOutcome lend(PatronSession session, Decision decision) {
    String itemId = decision.itemId();
    SigbResponse answer;
    try {
      answer = sigb.ask(request(SigbRequest.Kind.CHECKOUT, session.card(), session.pin(), Optional.of(itemId)));
    } catch (RequestTimeoutException e) {
      LOG.warn("kiosk {}: checkout of {} not answered: {}", config.deviceId(), itemId, e.getMessage());
      takeBackIfMade(session, itemId);
      return ItemOutcome.of(itemId, Optional.empty(), Status.NOT_ANSWERED, Text.NO_ANSWER);
    }
    switch (answer.outcome()) {
      case OK -> {
        // The SIGB said yes: only now may the tags be disarmed.
      }
      case REFUSED -> {
        LOG.info("kiosk {}: checkout of {} refused", config.deviceId(), itemId);
        return ItemOutcome.of(itemId, answer.title(), Status.REFUSED, refusal(answer));
      }
      default -> {
        // SIGB_UNAVAILABLE or EXPIRED: the hub may have reached the SIGB before losing it.
        takeBackIfMade(session, itemId);
        return ItemOutcome.of(itemId, answer.title(), Status.NOT_ANSWERED, Text.NO_ANSWER);
      }
    }
    Instant lentAt = clock.instant();
    Map<Uid, TagState> tags = security.disarm(decision.tags());
    if (tags.values().stream().allMatch(t -> t == TagState.DISARMED)) {
      recordCheckout(session, itemId, answer.dueDate(), true, lentAt);
      LOG.info("kiosk {}: lent {} ({} tag(s) disarmed)", config.deviceId(), itemId, tags.size());
      return new ItemOutcome(itemId, answer.title(), Status.LENT, answer.dueDate(), Optional.empty(), List.of());
    }
    // Some tag could not be disarmed: arm again those that may be, then take the loan back.
    tags = security.rearm(tags);
    boolean allArmed = tags.values().stream().allMatch(t -> t == TagState.ARMED);
    if (allArmed && undo(session, itemId)) {
      LOG.warn("kiosk {}: {} could not be disarmed; loan taken back, tags armed", config.deviceId(), itemId);
      return ItemOutcome.of(itemId, answer.title(), Status.LOAN_UNDONE, Text.LOAN_UNDONE);
    }
    // A tag that may be disarmed keeps its loan (else the document walks out unseen); the event tells the hub the
    // disarm failed, so a gate alarm on it reads "probably borrowed".
    recordCheckout(session, itemId, answer.dueDate(), false, lentAt);
    LOG.error("kiosk {}: {} could not be disarmed ({}) and the loan stays; patron sent to the desk",
        config.deviceId(), itemId, allArmed ? "undo failed" : "a tag may be disarmed");
    return new ItemOutcome(itemId, answer.title(), Status.SEE_DESK, answer.dueDate(), Optional.of(Text.SEE_DESK),
        List.of());
  }

  private boolean undo(PatronSession session, String itemId) {
    try {
      SigbResponse answer = sigb.ask(request(SigbRequest.Kind.UNDO_CHECKOUT, session.card(), session.pin(),
          Optional.of(itemId)));
      if (answer.outcome() == Outcome.OK) {
        return true;
      }
      LOG.warn("kiosk {}: undo of {} answered {}", config.deviceId(), itemId, answer.outcome());
      return false;
    } catch (RequestTimeoutException e) {
      LOG.warn("kiosk {}: undo of {} not answered: {}", config.deviceId(), itemId, e.getMessage());
      return false;
    }
  }

  // The checkout's fate is unknown; the tags are still armed. A loan found on this patron's account that was not
  // there before is taken back, so that no loan stays behind an armed tag. A document lent to someone else is
  // never touched: the SIGB would have refused this checkout anyway.
  private void takeBackIfMade(PatronSession session, String itemId) {
    if (session.loans().contains(itemId)) {
      return;
    }
    try {
      SigbResponse account = sigb.ask(request(SigbRequest.Kind.PATRON_ACCOUNT, session.card(), session.pin(),
          Optional.empty()));
      Set<String> loans = new HashSet<>();
      account.loans().forEach(l -> loans.add(l.itemId()));
      if (account.outcome() == Outcome.OK && loans.contains(itemId) && undo(session, itemId)) {
        LOG.info("kiosk {}: an unanswered checkout of {} had been made; taken back", config.deviceId(), itemId);
      }
    } catch (RequestTimeoutException e) {
      LOG.warn("kiosk {}: cannot check whether {} was lent: {}", config.deviceId(), itemId, e.getMessage());
    }
  }

  private void recordCheckout(PatronSession session, String itemId, Optional<LocalDate> due, boolean disarmed,
                              Instant at) {
    if (session.patronRef().isEmpty()) {
      LOG.warn("kiosk {}: no patron pseudonym from the hub; checkout of {} not recorded", config.deviceId(), itemId);
      return;
    }
    String ref = session.patronRef().get();
    events.record(Channel.CHECKOUT, header -> EventCodec.encode(new CheckoutEvent(header, itemId, ref, due,
        disarmed, at)));
  }

  private void recordRenewal(PatronSession session, String itemId, SigbResponse answer) {
    if (session.patronRef().isEmpty()) {
      LOG.warn("kiosk {}: no patron pseudonym from the hub; renewal of {} not recorded", config.deviceId(), itemId);
      return;
    }
    String ref = session.patronRef().get();
    Instant at = clock.instant();
    events.record(Channel.RENEW, header -> EventCodec.encode(new RenewEvent(header, itemId, ref, answer.dueDate(),
        at)));
  }

  private SigbRequest request(SigbRequest.Kind kind, String card, String pin, Optional<String> itemId) {
    Instant now = clock.instant();
    return new SigbRequest(ids.next(), config.deviceId(), kind, Optional.of(card), Optional.of(pin), itemId,
        now, now.plus(config.requestDeadline()));
  }

  /**
   * The hub's own refusals of a card (since 1.2): said in the kiosk's words, which its catalogue keeps short and
   * plain, and which never say whether the card exists.
   */
  private static final Map<PatronBlock, Text> CARD_REFUSALS = Map.of(PatronBlock.NOT_RECOGNISED, Text.NOT_RECOGNISED,
      PatronBlock.TOO_MANY_ATTEMPTS, Text.TOO_MANY_ATTEMPTS, PatronBlock.PIN_REQUIRED, Text.PIN_REQUIRED);

  static Text refusal(SigbResponse answer) {
    Optional<Text> own = answer.blocks().stream().map(PatronBlock::fromWire).flatMap(Optional::stream)
        .map(CARD_REFUSALS::get).filter(java.util.Objects::nonNull).findFirst();
    if (own.isPresent()) {
      return own.get();
    }
    if (answer.messageFr().isPresent() || answer.messageEn().isPresent()) {
      return new Text(answer.messageFr().or(answer::messageEn).orElseThrow(),
          answer.messageEn().or(answer::messageFr).orElseThrow());
    }
    return blocks(answer).stream().findFirst().orElse(Text.REFUSED);
  }

  private static List<Text> blocks(SigbResponse answer) {
    return answer.blocks().stream().map(PatronBlock::fromWire).flatMap(Optional::stream)
        .map(b -> new Text(b.messageFr(), b.messageEn())).toList();
  }
}
