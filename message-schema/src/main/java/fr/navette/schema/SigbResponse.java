package fr.navette.schema;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The hub's answer to a {@link SigbRequest}, on the response topic the kiosk named, with the same correlation
 * data. The patron comes back as a pseudonym ({@code patronRef}) the kiosk puts in its events; the screen
 * messages are French first, English beside, in plain words. Build one with {@link #builder} (or {@link #of}):
 * the canonical constructor grows with every minor version.
 *
 * <p>What a patron borrows is private (titles of loans and holds, the greeting name): {@link #toString()} shows
 * counts only, and none of it goes into an event or a log.
 *
 * @param greetingName since 1.1, for {@code patron-status} only: the patron's first name, for "Bonjour Marie",
 *     when the SIGB gives a name and the PIN (if asked) was right; never the surname, never stored
 * @param dueDate when the document is due back, for {@code checkout} and {@code renew}
 * @param title since 1.1: the document's title in {@code checkout}, {@code renew}, {@code checkin} and
 *     {@code undo-checkout} answers, when the SIGB gives it
 * @param blocks why the SIGB refuses the patron (SIP2 patron status flags, PIN, unknown card), in
 *     {@link PatronBlock} wire names, e.g. {@code card-lost}; unknown names may come from newer hubs
 * @param loans the patron's current loans, for {@code patron-account}
 * @param holdsReady since 1.1, for {@code patron-account}: holds waiting to be collected, and where
 * @param feesDue what the patron owes, in the network's currency, e.g. {@code 1.50}
 * @param sortBin where a returned document goes (SIP2 CL), for {@code checkin}
 * @param destination the branch a document must travel to (SIP2 CT), for {@code checkin}
 * @param route since 1.1, for {@code checkin} (and the hub's answer to a return box's {@code return} event,
 *     whose event id is the request id): where the document goes now, as the hub decided it from the SIGB's
 *     answer and the network's rules (a floating document the SIGB sends home may stay: {@code shelve})
 * @param viewOnly since 1.2, for {@code patron-status} answered {@code REFUSED}: the card is known, the PIN was
 *     confirmed right and the card is not reported lost, but the patron may not borrow ({@code blocks} and the
 *     messages say why). A kiosk may open a session that shows the account and borrows nothing, renews nothing. The
 *     outcome stays {@code REFUSED} so that a kiosk of before 1.2, which ignores this field, refuses as it did.
 */
public record SigbResponse(UUID requestId, SigbRequest.Kind kind, Outcome outcome, Optional<String> patronRef,
                           Optional<String> greetingName, Optional<LocalDate> dueDate, Optional<String> title,
                           List<String> blocks, List<Loan> loans, List<Hold> holdsReady, Optional<String> feesDue,
                           Optional<String> sortBin, Optional<String> destination, Optional<ReturnRoute> route,
                           Optional<String> messageFr, Optional<String> messageEn, boolean viewOnly) {
  /** {@code OK}: the SIGB said yes; {@code REFUSED}: it said no (see messages); the rest: it was not asked. */
  public enum Outcome { OK, REFUSED, SIGB_UNAVAILABLE, INVALID_REQUEST, EXPIRED }

  /**
   * Where a checked-in document goes, as the hub decided: back on this branch's shelves, to this branch's hold
   * shelf (a patron waits for it here), on the shuttle (home, or to a patron waiting elsewhere), or to staff.
   */
  public enum ReturnRoute { SHELVE, HOLD_SHELF, SHUTTLE, PROBLEM }

  /** One current loan; {@code title} since 1.1. */
  public record Loan(String itemId, Optional<LocalDate> dueDate, boolean overdue, Optional<String> title) {
    public Loan {
      Fields.requireText("loans.itemId", itemId, Limits.IDENTIFIER);
      Fields.requireDate("loans.dueDate", dueDate);
      title = Fields.cut(title, Limits.TITLE);
    }

    public Loan(String itemId, Optional<LocalDate> dueDate, boolean overdue) {
      this(itemId, dueDate, overdue, Optional.empty());
    }

    @Override
    public String toString() {
      return "Loan[" + itemId + dueDate.map(d -> " due " + d).orElse("") + (overdue ? " overdue" : "") + "]";
    }
  }

  /**
   * Since 1.1: a hold waiting for the patron on a hold shelf.
   *
   * @param pickupBranch the branch code where it waits, when the SIGB can say
   */
  public record Hold(String itemId, Optional<String> title, Optional<String> pickupBranch) {
    public Hold {
      Fields.requireText("holdsReady.itemId", itemId, Limits.IDENTIFIER);
      title = Fields.cut(title, Limits.TITLE);
      pickupBranch = Fields.cut(pickupBranch, Limits.IDENTIFIER); // shown only: a long one must not fail the answer
    }

    @Override
    public String toString() {
      return "Hold[" + itemId + pickupBranch.map(b -> " at " + b).orElse("") + "]";
    }
  }

  public SigbResponse {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
    patronRef.ifPresent(ref -> PatronPseudonym.requireWellFormed("patronRef", ref));
    // What the SIGB says in words (a name, a title, screen messages) is cut to its limit, never a reason to give
    // the kiosk no answer; identifiers beyond theirs are refused.
    greetingName = Fields.cut(greetingName, Limits.GREETING_NAME);
    Fields.requireDate("dueDate", dueDate);
    title = Fields.cut(title, Limits.TITLE);
    blocks = List.copyOf(blocks);
    Fields.requireSize("blocks", blocks.size(), Limits.BLOCKS);
    blocks.forEach(block -> Fields.requireLength("blocks", block, Limits.TOKEN));
    loans = List.copyOf(loans);
    Fields.requireSize("loans", loans.size(), Limits.LOANS);
    holdsReady = List.copyOf(holdsReady);
    Fields.requireSize("holdsReady", holdsReady.size(), Limits.HOLDS_READY);
    Fields.requireLength("feesDue", feesDue, Limits.AMOUNT_CHARS);
    Fields.requireLength("sortBin", sortBin, Limits.IDENTIFIER);
    Fields.requireLength("destination", destination, Limits.IDENTIFIER);
    Objects.requireNonNull(route, "route");
    messageFr = Fields.cut(messageFr, Limits.FREE_TEXT);
    messageEn = Fields.cut(messageEn, Limits.FREE_TEXT);
  }

  /** A bare answer with only an outcome and the screen messages. */
  public static SigbResponse of(SigbRequest request, Outcome outcome, String messageFr, String messageEn) {
    return builder(request, outcome).messages(messageFr, messageEn).build();
  }

  /** An answer to {@code request}; every other field starts empty. */
  public static Builder builder(SigbRequest request, Outcome outcome) {
    return new Builder(request.requestId(), request.kind(), outcome);
  }

  public static Builder builder(UUID requestId, SigbRequest.Kind kind, Outcome outcome) {
    return new Builder(requestId, kind, outcome);
  }

  /** A builder holding this answer's fields, to change some. */
  public Builder toBuilder() {
    Builder b = new Builder(requestId, kind, outcome);
    b.patronRef = patronRef;
    b.greetingName = greetingName;
    b.dueDate = dueDate;
    b.title = title;
    b.blocks.addAll(blocks);
    b.loans.addAll(loans);
    b.holdsReady.addAll(holdsReady);
    b.feesDue = feesDue;
    b.sortBin = sortBin;
    b.destination = destination;
    b.route = route;
    b.messageFr = messageFr;
    b.messageEn = messageEn;
    b.viewOnly = viewOnly;
    return b;
  }

  @Override
  public String toString() {
    return "SigbResponse[" + requestId + " " + Json.wire(kind) + " " + Json.wire(outcome)
        + patronRef.map(p -> " patron " + p).orElse("") + dueDate.map(d -> " due " + d).orElse("")
        + (blocks.isEmpty() ? "" : " blocks " + blocks) + (loans.isEmpty() ? "" : " " + loans.size() + " loans")
        + (holdsReady.isEmpty() ? "" : " " + holdsReady.size() + " holds ready")
        + feesDue.map(f -> " fees " + f).orElse("") + sortBin.map(s -> " bin " + s).orElse("")
        + destination.map(d -> " to " + d).orElse("") + route.map(r -> " route " + Json.wire(r)).orElse("")
        + (viewOnly ? " view-only" : "") + "]";
  }

  /** Fills a {@link SigbResponse}; unset fields stay empty. */
  public static final class Builder {
    private final UUID requestId;
    private final SigbRequest.Kind kind;
    private final Outcome outcome;
    private Optional<String> patronRef = Optional.empty();
    private Optional<String> greetingName = Optional.empty();
    private Optional<LocalDate> dueDate = Optional.empty();
    private Optional<String> title = Optional.empty();
    private final List<String> blocks = new ArrayList<>();
    private final List<Loan> loans = new ArrayList<>();
    private final List<Hold> holdsReady = new ArrayList<>();
    private Optional<String> feesDue = Optional.empty();
    private Optional<String> sortBin = Optional.empty();
    private Optional<String> destination = Optional.empty();
    private Optional<ReturnRoute> route = Optional.empty();
    private Optional<String> messageFr = Optional.empty();
    private Optional<String> messageEn = Optional.empty();
    private boolean viewOnly;

    private Builder(UUID requestId, SigbRequest.Kind kind, Outcome outcome) {
      this.requestId = requestId;
      this.kind = kind;
      this.outcome = outcome;
    }

    public Builder patronRef(String ref) {
      patronRef = Optional.of(ref);
      return this;
    }

    public Builder greetingName(String name) {
      greetingName = Optional.of(name);
      return this;
    }

    public Builder dueDate(LocalDate date) {
      dueDate = Optional.of(date);
      return this;
    }

    public Builder dueDate(Optional<LocalDate> date) {
      dueDate = Objects.requireNonNull(date, "dueDate");
      return this;
    }

    public Builder title(Optional<String> t) {
      title = Objects.requireNonNull(t, "title");
      return this;
    }

    public Builder title(String t) {
      return title(Optional.of(t));
    }

    public Builder block(String block) {
      blocks.add(Objects.requireNonNull(block, "block"));
      return this;
    }

    public Builder blocks(List<String> more) {
      blocks.addAll(more);
      return this;
    }

    public Builder loan(Loan loan) {
      loans.add(Objects.requireNonNull(loan, "loan"));
      return this;
    }

    public Builder loans(List<Loan> more) {
      loans.addAll(more);
      return this;
    }

    public Builder holdReady(Hold hold) {
      holdsReady.add(Objects.requireNonNull(hold, "hold"));
      return this;
    }

    public Builder holdsReady(List<Hold> more) {
      holdsReady.addAll(more);
      return this;
    }

    public Builder feesDue(Optional<String> amount) {
      feesDue = Objects.requireNonNull(amount, "feesDue");
      return this;
    }

    public Builder feesDue(String amount) {
      return feesDue(Optional.of(amount));
    }

    public Builder sortBin(Optional<String> bin) {
      sortBin = Objects.requireNonNull(bin, "sortBin");
      return this;
    }

    public Builder destination(Optional<String> branch) {
      destination = Objects.requireNonNull(branch, "destination");
      return this;
    }

    public Builder route(ReturnRoute where) {
      route = Optional.of(where);
      return this;
    }

    /** The screen message, French first, English beside. */
    public Builder messages(String fr, String en) {
      messageFr = Optional.of(fr);
      messageEn = Optional.of(en);
      return this;
    }

    public Builder messages(Optional<String> fr, Optional<String> en) {
      messageFr = Objects.requireNonNull(fr, "messageFr");
      messageEn = Objects.requireNonNull(en, "messageEn");
      return this;
    }

    /** Since 1.2: see {@link SigbResponse#viewOnly()}. */
    public Builder viewOnly(boolean value) {
      viewOnly = value;
      return this;
    }

    public SigbResponse build() {
      return new SigbResponse(requestId, kind, outcome, patronRef, greetingName, dueDate, title, blocks, loans,
          holdsReady, feesDue, sortBin, destination, route, messageFr, messageEn, viewOnly);
    }
  }
}
