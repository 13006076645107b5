package fr.navette.schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The hub's answer to a {@link SigbRequest}, on the response topic the kiosk named, with the same correlation
 * data. The patron comes back as a pseudonym ({@code patronRef}) the kiosk puts in its events; the screen
 * messages are French first, English beside.
 *
 * @param blocks why the SIGB refuses the patron (SIP2 patron status flags), e.g. {@code card-lost}
 * @param loans the patron's current loans, for {@code patron-account}
 * @param sortBin where a returned document goes (SIP2 CL), for {@code checkin}
 * @param destination the branch a document must travel to (SIP2 CT), for {@code checkin}
 */
public record SigbResponse(UUID requestId, SigbRequest.Kind kind, Outcome outcome, Optional<String> patronRef,
                           Optional<LocalDate> dueDate, List<String> blocks, List<Loan> loans,
                           Optional<String> feesDue, Optional<String> sortBin, Optional<String> destination,
                           Optional<String> messageFr, Optional<String> messageEn) {
  /** {@code OK}: the SIGB said yes; {@code REFUSED}: it said no (see messages); the rest: it was not asked. */
  public enum Outcome { OK, REFUSED, SIGB_UNAVAILABLE, INVALID_REQUEST, EXPIRED }

  /** One current loan. */
  public record Loan(String itemId, Optional<LocalDate> dueDate, boolean overdue) {
    public Loan {
      Fields.requireText("loans.itemId", itemId);
      Objects.requireNonNull(dueDate, "dueDate");
    }
  }

  public SigbResponse {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
    patronRef.ifPresent(ref -> PatronPseudonym.requireWellFormed("patronRef", ref));
    Objects.requireNonNull(dueDate, "dueDate");
    blocks = List.copyOf(blocks);
    loans = List.copyOf(loans);
    Objects.requireNonNull(feesDue, "feesDue");
    Objects.requireNonNull(sortBin, "sortBin");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(messageFr, "messageFr");
    Objects.requireNonNull(messageEn, "messageEn");
  }

  /** A bare answer with only an outcome and the screen messages. */
  public static SigbResponse of(SigbRequest request, Outcome outcome, String messageFr, String messageEn) {
    return new SigbResponse(request.requestId(), request.kind(), outcome, Optional.empty(), Optional.empty(),
        List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(messageFr),
        Optional.of(messageEn));
  }
}
