package fr.navette.sim.sigb;

import static fr.navette.sip2.codec.FieldTag.ALERT_TYPE;
import static fr.navette.sip2.codec.FieldTag.CALL_NUMBER;
import static fr.navette.sip2.codec.FieldTag.COLLECTION_CODE;
import static fr.navette.sip2.codec.FieldTag.DESTINATION_LOCATION;
import static fr.navette.sip2.codec.FieldTag.DUE_DATE;
import static fr.navette.sip2.codec.FieldTag.HOLD_PATRON_ID;
import static fr.navette.sip2.codec.FieldTag.HOLD_PATRON_NAME;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.MEDIA_TYPE;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PERMANENT_LOCATION;
import static fr.navette.sip2.codec.FieldTag.PICKUP_LOCATION;
import static fr.navette.sip2.codec.FieldTag.QUEUE_POSITION;
import static fr.navette.sip2.codec.FieldTag.RENEWED_ITEMS;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.SORT_BIN;
import static fr.navette.sip2.codec.FieldTag.TITLE_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.UNRENEWED_ITEMS;

import fr.navette.sip2.codec.AlertType;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.messages.CheckinRequest;
import fr.navette.sip2.codec.messages.CheckoutRequest;
import fr.navette.sip2.codec.messages.HoldRequest;
import fr.navette.sip2.codec.messages.RenewAllRequest;
import fr.navette.sip2.codec.messages.RenewRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checkin, checkout, renew, renew all and hold, answered as the servers in the field do. Checkin
 * routing: CV 01 (hold here, with CY/DA), 02 (hold elsewhere, CT = pickup branch), 04 (not home,
 * CT = home branch); an item back home with no hold gets no CV at all, as Koha does. Refusals are
 * ok = 0 with the reason in AF.
 */
final class CirculationDesk {
  /** Sort bins (CL) for a sorter or a return box with bins. */
  static final String BIN_SHELF = "1";
  static final String BIN_HOLDS = "2";
  static final String BIN_SHUTTLE = "3";

  private final SimContext ctx;

  CirculationDesk(SimContext ctx) {
    this.ctx = ctx;
  }

  private SimulatedNetwork network() {
    return ctx.network();
  }

  Sip2Message checkin(CheckinRequest req) {
    Instant returned = req.returnDate().toInstant(ctx.config().zone());
    boolean cancel = req.cancel().filter(c -> c.equalsIgnoreCase("Y")).isPresent();
    Optional<SimulatedNetwork.CheckinOutcome> done = cancel ? network().cancelCheckout(req.itemId())
        : network().checkin(req.itemId(), req.currentLocation(), returned);
    if (done.isEmpty()) {
      return Sip2Message.builder(MessageType.CHECKIN_RESPONSE).zeroOne(false).flag(false).fixed("U").flag(true)
          .date(ctx.now()).field(INSTITUTION_ID, req.institutionId()).field(ITEM_IDENTIFIER, req.itemId())
          .field(SCREEN_MESSAGE, Refusal.UNKNOWN_ITEM.screenMessage()).build();
    }
    SimulatedNetwork.CheckinOutcome o = done.get();
    Item item = o.item();
    Optional<AlertType> alert = Optional.empty();
    String bin = BIN_SHELF;
    if (o.hold().isPresent()) {
      boolean here = o.destination().isEmpty();
      alert = Optional.of(here ? AlertType.HOLD_FOR_THIS_LIBRARY : AlertType.HOLD_FOR_OTHER_BRANCH);
      bin = here ? BIN_HOLDS : BIN_SHUTTLE;
    } else if (o.destination().isPresent()) {
      alert = Optional.of(AlertType.SEND_TO_OTHER_BRANCH);
      bin = BIN_SHUTTLE;
    }
    Sip2Message.Builder b = Sip2Message.builder(MessageType.CHECKIN_RESPONSE).zeroOne(true).flag(true)
        .fixed("N").flag(alert.isPresent()).date(ctx.now()).field(INSTITUTION_ID, req.institutionId())
        .field(ITEM_IDENTIFIER, item.id()).field(PERMANENT_LOCATION, item.homeBranch())
        .field(TITLE_IDENTIFIER, item.title()).field(SORT_BIN, bin).field(MEDIA_TYPE, item.mediaType().sip2Code())
        .field(COLLECTION_CODE, item.collection()).field(CALL_NUMBER, item.callNumber())
        .field(DESTINATION_LOCATION, o.destination()).field(ALERT_TYPE, alert.map(AlertType::code));
    o.hold().filter(h -> o.destination().isEmpty()).ifPresent(h ->
        b.field(HOLD_PATRON_ID, h.patronId()).field(HOLD_PATRON_NAME, h.patronName()));
    if (o.endedLoan().isEmpty()) {
      b.field(SCREEN_MESSAGE, "Document non emprunté");
    }
    return b.build();
  }

  Sip2Message checkout(CheckoutRequest req, String branch) {
    SimulatedNetwork.LoanOutcome o = network().checkout(req.patronId(), req.itemId(), req.patronPassword(), branch,
        ctx.instant());
    return loanReply(MessageType.CHECKOUT_RESPONSE, o, req.institutionId(), req.patronId(), req.itemId());
  }

  Sip2Message renew(RenewRequest req) {
    String itemId = req.itemId().orElse("");
    SimulatedNetwork.LoanOutcome o = network().renew(req.patronId(), itemId, req.patronPassword(), ctx.instant());
    return loanReply(MessageType.RENEW_RESPONSE, o, req.institutionId(), req.patronId(), itemId);
  }

  /** 12 and 30 share their layout: ok, renewal ok, magnetic media, desensitize, date, then fields. */
  private Sip2Message loanReply(MessageType type, SimulatedNetwork.LoanOutcome o, String institution, String patron,
      String itemId) {
    Optional<Item> item = network().item(itemId);
    boolean ok = o.loan().isPresent();
    Sip2Message.Builder b = Sip2Message.builder(type).zeroOne(ok).flag(o.renewal()).fixed("N")
        .fixed(ok ? "Y" : "N").date(ctx.now()).field(INSTITUTION_ID, institution).field(PATRON_IDENTIFIER, patron)
        .field(ITEM_IDENTIFIER, itemId).field(TITLE_IDENTIFIER, item.map(Item::title).orElse(""))
        .field(DUE_DATE, o.loan().map(l -> ctx.sip2Date(l.dueAt())))
        .field(MEDIA_TYPE, item.map(i -> i.mediaType().sip2Code()));
    o.refusal().ifPresent(r -> b.field(SCREEN_MESSAGE, r.screenMessage()));
    return b.build();
  }

  Sip2Message renewAll(RenewAllRequest req) {
    List<String> renewed = new ArrayList<>();
    List<String> unrenewed = new ArrayList<>();
    Optional<Refusal> refusal = network().patronRefusal(req.patronId(), req.patronPassword());
    if (refusal.isEmpty()) {
      for (Loan l : network().loansOf(req.patronId())) {
        boolean ok = network().renew(req.patronId(), l.itemId(), Optional.empty(), ctx.instant()).loan().isPresent();
        (ok ? renewed : unrenewed).add(l.itemId());
      }
    }
    Sip2Message.Builder b = Sip2Message.builder(MessageType.RENEW_ALL_RESPONSE).zeroOne(refusal.isEmpty())
        .number(renewed.size()).number(unrenewed.size()).date(ctx.now()).field(INSTITUTION_ID, req.institutionId())
        .fields(RENEWED_ITEMS, renewed).fields(UNRENEWED_ITEMS, unrenewed);
    refusal.ifPresent(r -> b.field(SCREEN_MESSAGE, r.screenMessage()));
    return b.build();
  }

  Sip2Message hold(HoldRequest req, String defaultPickup) {
    String itemId = req.itemId().orElse("");
    String pickup = req.pickupLocation().filter(s -> !s.isBlank()).orElse(defaultPickup);
    Optional<Refusal> refusal = switch (req.holdMode()) {
      case "-" -> network().cancelHold(req.patronId(), itemId);
      default -> network().placeHold(req.patronId(), itemId, req.patronPassword(), pickup);
    };
    Optional<Item> item = network().item(itemId);
    boolean available = item.isPresent() && network().loanOf(itemId).isEmpty();
    Sip2Message.Builder b = Sip2Message.builder(MessageType.HOLD_RESPONSE).zeroOne(refusal.isEmpty())
        .flag(available).date(ctx.now());
    if (refusal.isEmpty() && !req.holdMode().equals("-")) {
      b.field(QUEUE_POSITION, "1").field(PICKUP_LOCATION, pickup);
    }
    b.field(INSTITUTION_ID, req.institutionId()).field(PATRON_IDENTIFIER, req.patronId())
        .field(ITEM_IDENTIFIER, itemId).field(TITLE_IDENTIFIER, item.map(Item::title).orElse(""));
    refusal.ifPresent(r -> b.field(SCREEN_MESSAGE, r.screenMessage()));
    return b.build();
  }
}
