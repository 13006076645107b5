package fr.navette.kiosk.selfcheck;

import fr.navette.agent.RequestTimeoutException;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbRequest.Kind;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.SigbResponse.Outcome;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SIGB as {@link SelfCheck} sees it, answering from a script: for unit tests of the kiosk's decisions only
 * (the end-to-end tests go through the real hub to the SIGB simulator). Keeps the loans it makes, so an undo
 * or an account reads true.
 */
final class ScriptedSigb implements SigbAsk {
  static final String PATRON_REF = "pp1.k1.AAAAAAAAAAAAAAAAAAAAAA";
  static final String CARD = "2000000001";
  static final String PIN = "1234";
  static final LocalDate DUE = LocalDate.of(2026, 12, 15);
  /** Barred from borrowing for fees (charge denied): the hub says viewOnly. Same PIN. */
  static final String BARRED_CARD = "2000000002";
  /** Reported lost: refused, and not viewOnly. Same PIN. */
  static final String LOST_CARD = "2000000003";
  static final String BARRED_LOAN = "3000000099";

  enum Answer { LEND, REFUSE, NO_ANSWER, LEND_THEN_NO_ANSWER }

  private final Map<String, Answer> checkouts = new HashMap<>();
  private boolean undoAnswered = true;
  final Set<String> loans = new LinkedHashSet<>();
  final List<String> asked = new ArrayList<>();

  ScriptedSigb checkout(String itemId, Answer answer) {
    checkouts.put(itemId, answer);
    return this;
  }

  ScriptedSigb undoNotAnswered() {
    undoAnswered = false;
    return this;
  }

  @Override
  public synchronized SigbResponse ask(SigbRequest r) throws RequestTimeoutException {
    String item = r.itemId().orElse("");
    asked.add(Json.wire(r.kind()) + (item.isEmpty() ? "" : " " + item));
    if (!r.pin().equals(Optional.of(PIN))) {
      return SigbResponse.builder(r, Outcome.REFUSED).block("wrong-pin")
          .messages("Code PIN incorrect", "Wrong PIN").build();
    }
    if (r.patronId().equals(Optional.of(LOST_CARD))) {
      return SigbResponse.builder(r, Outcome.REFUSED).patronRef(PATRON_REF)
          .blocks(List.of("charge-denied", "card-lost"))
          .messages("Cette carte a été déclarée perdue. Un bibliothécaire peut vous aider.",
              "This card was reported lost. A librarian can help you.").build();
    }
    if (r.patronId().equals(Optional.of(BARRED_CARD))) {
      return switch (r.kind()) {
        case PATRON_STATUS -> SigbResponse.builder(r, Outcome.REFUSED).patronRef(PATRON_REF).greetingName("Paul")
            .blocks(List.of("charge-denied", "excessive-fees")).viewOnly(true)
            .messages("Vous avez des frais à régler. Un bibliothécaire peut vous aider.",
                "You have fees to pay. A librarian can help you.").build();
        case PATRON_ACCOUNT -> SigbResponse.builder(r, Outcome.OK).patronRef(PATRON_REF)
            .loan(new SigbResponse.Loan(BARRED_LOAN, Optional.of(DUE.minusMonths(2)), true,
                Optional.of("Titre en retard")))
            .holdReady(new SigbResponse.Hold("3000000098", Optional.of("Réservé"), Optional.of("BR02")))
            .feesDue("12.50").build();
        default -> throw new AssertionError("a barred patron's " + r.kind() + " must never reach the SIGB");
      };
    }
    return switch (r.kind()) {
      case PATRON_STATUS -> SigbResponse.builder(r, Outcome.OK).patronRef(PATRON_REF).greetingName("Marie").build();
      case PATRON_ACCOUNT -> SigbResponse.builder(r, Outcome.OK).patronRef(PATRON_REF)
          .loans(loans.stream().map(i -> new SigbResponse.Loan(i, Optional.of(DUE), false, Optional.of("T " + i)))
              .toList()).build();
      case CHECKOUT -> switch (checkouts.getOrDefault(item, Answer.LEND)) {
        case LEND -> {
          loans.add(item);
          yield SigbResponse.builder(r, Outcome.OK).patronRef(PATRON_REF).dueDate(DUE).title("Titre " + item).build();
        }
        case REFUSE -> SigbResponse.builder(r, Outcome.REFUSED)
            .messages("Document réservé pour un autre lecteur", "Item on hold for another patron").build();
        case NO_ANSWER -> throw new RequestTimeoutException("checkout " + item + ": no answer", null);
        case LEND_THEN_NO_ANSWER -> {
          loans.add(item);
          throw new RequestTimeoutException("checkout " + item + ": answer lost", null);
        }
      };
      case RENEW -> SigbResponse.builder(r, Outcome.OK).patronRef(PATRON_REF).dueDate(DUE.plusDays(21)).build();
      case UNDO_CHECKOUT -> {
        if (!undoAnswered) {
          throw new RequestTimeoutException("undo " + item + ": no answer", null);
        }
        loans.remove(item);
        yield SigbResponse.builder(r, Outcome.OK).build();
      }
      case CHECKIN -> SigbResponse.builder(r, Outcome.INVALID_REQUEST).build();
    };
  }

  /** Kinds as the wire names them, for readable assertions. */
  private static final class Json {
    static String wire(Kind kind) {
      return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
