package fr.navette.sim.sigb;

import static fr.navette.sip2.codec.FieldTag.CHARGED_ITEMS;
import static fr.navette.sip2.codec.FieldTag.CHARGED_ITEMS_LIMIT;
import static fr.navette.sip2.codec.FieldTag.CURRENCY_TYPE;
import static fr.navette.sip2.codec.FieldTag.EMAIL_ADDRESS;
import static fr.navette.sip2.codec.FieldTag.FEE_AMOUNT;
import static fr.navette.sip2.codec.FieldTag.FEE_LIMIT;
import static fr.navette.sip2.codec.FieldTag.FINE_ITEMS;
import static fr.navette.sip2.codec.FieldTag.HOLD_ITEMS;
import static fr.navette.sip2.codec.FieldTag.HOLD_ITEMS_LIMIT;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.OVERDUE_ITEMS;
import static fr.navette.sip2.codec.FieldTag.OVERDUE_ITEMS_LIMIT;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PERSONAL_NAME;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.TRANSACTION_ID;
import static fr.navette.sip2.codec.FieldTag.UNAVAILABLE_HOLD_ITEMS;
import static fr.navette.sip2.codec.FieldTag.VALID_PATRON;
import static fr.navette.sip2.codec.FieldTag.VALID_PATRON_PASSWORD;

import fr.navette.sip2.codec.FieldTag;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.PatronStatus;
import fr.navette.sip2.codec.PatronStatus.Flag;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.messages.BlockPatronRequest;
import fr.navette.sip2.codec.messages.EndPatronSessionRequest;
import fr.navette.sip2.codec.messages.FeePaidRequest;
import fr.navette.sip2.codec.messages.PatronInformationRequest;
import fr.navette.sip2.codec.messages.PatronStatusRequest;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Patron status and information, block patron, end session and fee paid. */
final class PatronDesk {
  static final int HOLD_LIMIT = 10;
  static final int OVERDUE_LIMIT = 5;
  static final int CHARGED_LIMIT = 30;

  private final SimContext ctx;

  PatronDesk(SimContext ctx) {
    this.ctx = ctx;
  }

  private SimulatedNetwork network() {
    return ctx.network();
  }

  /** The 14 flags as a SIGB would set them for this patron now. */
  PatronStatus status(String patronId) {
    Optional<Patron> p = network().patron(patronId);
    if (p.isEmpty()) {
      return PatronStatus.of(Flag.CHARGE_PRIVILEGES_DENIED, Flag.RENEWAL_PRIVILEGES_DENIED,
          Flag.RECALL_PRIVILEGES_DENIED, Flag.HOLD_PRIVILEGES_DENIED);
    }
    List<Flag> flags = new ArrayList<>();
    boolean blocked = network().isCardBlocked(patronId);
    boolean fees = network().balanceCents(patronId) > Patron.FEE_LIMIT_CENTS;
    if (blocked || p.get().cardExpired() || p.get().tooManyItems() || fees) {
      flags.add(Flag.CHARGE_PRIVILEGES_DENIED);
    }
    if (blocked || p.get().cardExpired()) {
      flags.add(Flag.RENEWAL_PRIVILEGES_DENIED);
      flags.add(Flag.HOLD_PRIVILEGES_DENIED);
    }
    if (blocked) {
      flags.add(Flag.CARD_REPORTED_LOST);
    }
    if (p.get().tooManyItems()) {
      flags.add(Flag.TOO_MANY_ITEMS_CHARGED);
    }
    if (overdue(patronId).size() >= OVERDUE_LIMIT) {
      flags.add(Flag.TOO_MANY_ITEMS_OVERDUE);
    }
    if (fees) {
      flags.add(Flag.EXCESSIVE_OUTSTANDING_FEES);
    }
    return PatronStatus.of(flags.toArray(Flag[]::new));
  }

  private List<Loan> overdue(String patronId) {
    Instant now = ctx.instant();
    return network().loansOf(patronId).stream().filter(l -> l.dueAt().isBefore(now)).toList();
  }

  /** BL, CQ, AE, BH/BV and the screen message that explain a patron to a kiosk. */
  private void describe(Sip2Message.Builder b, String patronId, Optional<String> pin) {
    Optional<Patron> p = network().patron(patronId);
    b.field(PERSONAL_NAME, p.map(Patron::name).orElse("")).field(VALID_PATRON, p.isPresent() ? "Y" : "N");
    pin.ifPresent(given -> b.field(VALID_PATRON_PASSWORD, p.filter(x -> x.pin().equals(given)).isPresent() ? "Y" : "N"));
    if (p.isPresent()) {
      b.field(CURRENCY_TYPE, "EUR").field(FEE_AMOUNT, SimContext.euros(network().balanceCents(patronId)));
    }
    network().patronRefusal(patronId, pin).ifPresent(r -> b.field(SCREEN_MESSAGE, r.screenMessage()));
  }

  Sip2Message patronStatus(PatronStatusRequest req) {
    return patronStatusReply(req.language(), req.institutionId(), req.patronId(), req.patronPassword());
  }

  private Sip2Message patronStatusReply(String language, String institution, String patronId, Optional<String> pin) {
    Sip2Message.Builder b = Sip2Message.builder(MessageType.PATRON_STATUS_RESPONSE).fixed(status(patronId).flags())
        .fixed(language).date(ctx.now()).field(INSTITUTION_ID, institution).field(PATRON_IDENTIFIER, patronId);
    describe(b, patronId, pin);
    return b.build();
  }

  Sip2Message patronInformation(PatronInformationRequest req) {
    String id = req.patronId();
    Instant now = ctx.instant();
    List<String> holds = network().holdsOf(id).stream().map(Hold::itemId).toList();
    List<String> unavailable = network().holdsOf(id).stream().filter(h -> h.status() != Hold.Status.WAITING)
        .map(Hold::itemId).toList();
    List<Loan> loans = network().loansOf(id);
    List<String> charged = loans.stream().map(Loan::itemId).toList();
    List<String> overdue = loans.stream().filter(l -> l.dueAt().isBefore(now)).map(Loan::itemId).toList();
    int balance = network().balanceCents(id);
    List<String> fines = balance > 0 ? List.of(SimContext.euros(balance) + " EUR") : List.of();
    Sip2Message.Builder b = Sip2Message.builder(MessageType.PATRON_INFORMATION_RESPONSE).fixed(status(id).flags())
        .fixed(req.language()).date(ctx.now()).number(holds.size()).number(overdue.size()).number(charged.size())
        .number(fines.size()).number(0).number(unavailable.size()).field(INSTITUTION_ID, req.institutionId())
        .field(PATRON_IDENTIFIER, id);
    describe(b, id, req.patronPassword());
    b.field(HOLD_ITEMS_LIMIT, String.format("%04d", HOLD_LIMIT))
        .field(OVERDUE_ITEMS_LIMIT, String.format("%04d", OVERDUE_LIMIT))
        .field(CHARGED_ITEMS_LIMIT, String.format("%04d", CHARGED_LIMIT))
        .field(FEE_LIMIT, SimContext.euros(Patron.FEE_LIMIT_CENTS));
    // The summary has a Y in the position of the one list the SC wants, as the spec says.
    String summary = req.summary();
    int first = req.startItem().map(PatronDesk::parseIndex).orElse(1);
    int last = req.endItem().map(PatronDesk::parseIndex).orElse(Integer.MAX_VALUE);
    listIf(b, summary, 0, HOLD_ITEMS, holds, first, last);
    listIf(b, summary, 1, OVERDUE_ITEMS, overdue, first, last);
    listIf(b, summary, 2, CHARGED_ITEMS, charged, first, last);
    listIf(b, summary, 3, FINE_ITEMS, fines, first, last);
    listIf(b, summary, 5, UNAVAILABLE_HOLD_ITEMS, unavailable, first, last);
    network().patron(id).ifPresent(p -> b.field(EMAIL_ADDRESS, email(p)));
    return b.build();
  }

  private static void listIf(Sip2Message.Builder b, String summary, int position, FieldTag tag, List<String> items,
      int first, int last) {
    if (summary.length() > position && Character.toUpperCase(summary.charAt(position)) == 'Y') {
      int from = Math.max(0, first - 1);
      int to = (int) Math.min(items.size(), (long) last);
      b.fields(tag, from < to ? items.subList(from, to) : List.of());
    }
  }

  private static int parseIndex(String s) {
    try {
      return Math.max(1, Integer.parseInt(s.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String email(Patron p) {
    String[] parts = p.name().split(", ", 2);
    String local = (parts.length == 2 ? parts[1] + "." + parts[0] : p.name());
    String ascii = Normalizer.normalize(local, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replaceAll("[^A-Za-z.]", "").toLowerCase(Locale.ROOT);
    return ascii + "@example.org";
  }

  Sip2Message blockPatron(BlockPatronRequest req) {
    network().blockCard(req.patronId());
    return patronStatusReply("000", req.institutionId(), req.patronId(), Optional.empty());
  }

  Sip2Message endSession(EndPatronSessionRequest req) {
    return Sip2Message.builder(MessageType.END_SESSION_RESPONSE).flag(true).date(ctx.now())
        .field(INSTITUTION_ID, req.institutionId()).field(PATRON_IDENTIFIER, req.patronId()).build();
  }

  Sip2Message feePaid(FeePaidRequest req) {
    int cents;
    try {
      cents = new BigDecimal(req.feeAmount().trim().replace(',', '.')).movePointRight(2).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      cents = -1;
    }
    boolean accepted = cents > 0 && network().pay(req.patronId(), cents);
    Sip2Message.Builder b = Sip2Message.builder(MessageType.FEE_PAID_RESPONSE).flag(accepted).date(ctx.now())
        .field(INSTITUTION_ID, req.institutionId()).field(PATRON_IDENTIFIER, req.patronId())
        .field(TRANSACTION_ID, req.transactionId());
    if (!accepted) {
      b.field(SCREEN_MESSAGE, cents <= 0 ? "Montant invalide" : Refusal.UNKNOWN_PATRON.screenMessage());
    }
    return b.build();
  }
}
