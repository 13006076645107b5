package fr.navette.sim.sigb;

import static fr.navette.sip2.codec.FieldTag.CALL_NUMBER;
import static fr.navette.sip2.codec.FieldTag.COLLECTION_CODE;
import static fr.navette.sip2.codec.FieldTag.CURRENT_LOCATION;
import static fr.navette.sip2.codec.FieldTag.DESTINATION_LOCATION;
import static fr.navette.sip2.codec.FieldTag.DUE_DATE;
import static fr.navette.sip2.codec.FieldTag.HOLD_QUEUE_LENGTH;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.ITEM_PROPERTIES;
import static fr.navette.sip2.codec.FieldTag.LIBRARY_NAME;
import static fr.navette.sip2.codec.FieldTag.MEDIA_TYPE;
import static fr.navette.sip2.codec.FieldTag.PERMANENT_LOCATION;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.SUPPORTED_MESSAGES;
import static fr.navette.sip2.codec.FieldTag.TITLE_IDENTIFIER;

import fr.navette.sip2.codec.CirculationStatus;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.messages.BlockPatronRequest;
import fr.navette.sip2.codec.messages.CheckinRequest;
import fr.navette.sip2.codec.messages.CheckoutRequest;
import fr.navette.sip2.codec.messages.EndPatronSessionRequest;
import fr.navette.sip2.codec.messages.FeePaidRequest;
import fr.navette.sip2.codec.messages.HoldRequest;
import fr.navette.sip2.codec.messages.ItemInformationRequest;
import fr.navette.sip2.codec.messages.ItemStatusUpdateRequest;
import fr.navette.sip2.codec.messages.LoginRequest;
import fr.navette.sip2.codec.messages.PatronInformationRequest;
import fr.navette.sip2.codec.messages.PatronStatusRequest;
import fr.navette.sip2.codec.messages.RenewAllRequest;
import fr.navette.sip2.codec.messages.RenewRequest;
import java.util.Optional;

/**
 * What the simulated SIGB answers to each request: a function of the request, the session's
 * login state and the network, dispatched here to the circulation and patron desks. Like real
 * servers, it serves nothing but login (93) and status (99) before a successful login.
 */
final class SigbService {
  private final SimContext ctx;
  private final CirculationDesk circulation;
  private final PatronDesk patrons;

  SigbService(SimulatedNetwork network, SigbSimulatorConfig config) {
    this.ctx = new SimContext(network, config);
    this.circulation = new CirculationDesk(ctx);
    this.patrons = new PatronDesk(ctx);
  }

  /** Per-connection state. */
  static final class Session {
    boolean loggedIn;
    /** The branch given at login (CP): where checkouts and holds happen when a message does not say. */
    String location = "";
  }

  /**
   * The reply to one request; empty means "close the connection", which is what servers do with
   * a request before login.
   */
  Optional<Sip2Message> handle(Sip2Message request, Session session) throws Sip2ParseException {
    MessageType type = request.type();
    if (type == MessageType.LOGIN) {
      LoginRequest login = LoginRequest.from(request);
      SigbSimulatorConfig config = ctx.config();
      session.loggedIn = login.userId().equals(config.user()) && login.password().equals(config.password());
      session.location = login.locationCode().orElse("");
      return Optional.of(Sip2Message.builder(MessageType.LOGIN_RESPONSE).zeroOne(session.loggedIn).build());
    }
    if (type == MessageType.SC_STATUS) {
      return Optional.of(status());
    }
    if (!session.loggedIn) {
      return Optional.empty();
    }
    String branch = ctx.network().branch(session.location).map(Branch::code)
        .orElse(ctx.network().branches().get(0).code());
    return Optional.ofNullable(switch (type) {
      case CHECKIN -> circulation.checkin(CheckinRequest.from(request));
      case CHECKOUT -> circulation.checkout(CheckoutRequest.from(request), branch);
      case RENEW -> circulation.renew(RenewRequest.from(request));
      case RENEW_ALL -> circulation.renewAll(RenewAllRequest.from(request));
      case HOLD -> circulation.hold(HoldRequest.from(request), branch);
      case ITEM_INFORMATION -> itemInformation(ItemInformationRequest.from(request));
      case ITEM_STATUS_UPDATE -> itemStatusUpdate(ItemStatusUpdateRequest.from(request));
      case PATRON_STATUS_REQUEST -> patrons.patronStatus(PatronStatusRequest.from(request));
      case PATRON_INFORMATION -> patrons.patronInformation(PatronInformationRequest.from(request));
      case BLOCK_PATRON -> patrons.blockPatron(BlockPatronRequest.from(request));
      case END_PATRON_SESSION -> patrons.endSession(EndPatronSessionRequest.from(request));
      case FEE_PAID -> patrons.feePaid(FeePaidRequest.from(request));
      default -> null; // a reply (or a 96) sent to us: not a request a server can answer
    });
  }

  private Sip2Timestamp now() {
    return ctx.now();
  }

  private SimulatedNetwork network() {
    return ctx.network();
  }

  private Sip2Message status() {
    return Sip2Message.builder(MessageType.ACS_STATUS).flag(true).flag(true).flag(true).flag(true).flag(false)
        .flag(true).number(30).number(3).date(now()).fixed("2.00").field(INSTITUTION_ID, ctx.config().institutionId())
        .field(LIBRARY_NAME, "Réseau des médiathèques (simulé)")
        // patron status, checkout, checkin, block patron, SC/ACS status, resend, login, patron info,
        // end session, fee paid, item info, item status update, patron enable, hold, renew, renew all
        .field(SUPPORTED_MESSAGES, "YYYYYYYYYYYNYYYY").build();
  }

  private Sip2Message itemInformation(ItemInformationRequest req) {
    Optional<Item> found = network().item(req.itemId());
    if (found.isEmpty()) {
      return Sip2Message.builder(MessageType.ITEM_INFORMATION_RESPONSE).fixed(CirculationStatus.OTHER.code())
          .fixed("00").fixed("01").date(now()).field(ITEM_IDENTIFIER, req.itemId()).field(TITLE_IDENTIFIER, "")
          .field(SCREEN_MESSAGE, Refusal.UNKNOWN_ITEM.screenMessage()).build();
    }
    Item item = found.get();
    Optional<Loan> loan = network().loanOf(item.id());
    Optional<Hold> hold = network().holdFor(item.id());
    Optional<String> transit = network().transitOf(item.id());
    CirculationStatus status;
    String location = item.homeBranch();
    Optional<String> destination = Optional.empty();
    if (loan.isPresent()) {
      status = CirculationStatus.CHARGED;
    } else if (hold.filter(h -> h.status() == Hold.Status.WAITING).isPresent()) {
      status = CirculationStatus.ON_HOLD_SHELF;
      location = hold.get().pickupBranch();
    } else if (hold.filter(h -> h.status() == Hold.Status.IN_TRANSIT).isPresent()) {
      status = CirculationStatus.IN_TRANSIT;
      destination = Optional.of(hold.get().pickupBranch());
    } else if (transit.isPresent()) {
      status = CirculationStatus.IN_TRANSIT;
      destination = transit;
    } else {
      status = CirculationStatus.AVAILABLE;
    }
    return Sip2Message.builder(MessageType.ITEM_INFORMATION_RESPONSE).fixed(status.code()).fixed("00").fixed("01")
        .date(now()).field(HOLD_QUEUE_LENGTH, hold.isPresent() ? "1" : "0")
        .field(DUE_DATE, loan.map(l -> ctx.sip2Date(l.dueAt())))
        .field(ITEM_IDENTIFIER, item.id()).field(TITLE_IDENTIFIER, item.title())
        .field(MEDIA_TYPE, item.mediaType().sip2Code()).field(PERMANENT_LOCATION, item.homeBranch())
        .field(CURRENT_LOCATION, location).field(COLLECTION_CODE, item.collection())
        .field(CALL_NUMBER, item.callNumber()).field(DESTINATION_LOCATION, destination).build();
  }

  private Sip2Message itemStatusUpdate(ItemStatusUpdateRequest req) {
    Optional<Item> item = network().item(req.itemId());
    Sip2Message.Builder b = Sip2Message.builder(MessageType.ITEM_STATUS_UPDATE_RESPONSE).zeroOne(item.isPresent())
        .date(now()).field(ITEM_IDENTIFIER, req.itemId()).field(TITLE_IDENTIFIER, item.map(Item::title))
        .field(ITEM_PROPERTIES, req.itemProperties());
    if (item.isEmpty()) {
      b.field(SCREEN_MESSAGE, Refusal.UNKNOWN_ITEM.screenMessage());
    }
    return b.build();
  }
}
