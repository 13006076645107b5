package fr.navette.sim.sigb;

import static fr.navette.sip2.codec.FieldTag.ALERT_TYPE;
import static fr.navette.sip2.codec.FieldTag.CALL_NUMBER;
import static fr.navette.sip2.codec.FieldTag.COLLECTION_CODE;
import static fr.navette.sip2.codec.FieldTag.CURRENT_LOCATION;
import static fr.navette.sip2.codec.FieldTag.DESTINATION_LOCATION;
import static fr.navette.sip2.codec.FieldTag.DUE_DATE;
import static fr.navette.sip2.codec.FieldTag.HOLD_PATRON_ID;
import static fr.navette.sip2.codec.FieldTag.HOLD_PATRON_NAME;
import static fr.navette.sip2.codec.FieldTag.HOLD_QUEUE_LENGTH;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.LIBRARY_NAME;
import static fr.navette.sip2.codec.FieldTag.MEDIA_TYPE;
import static fr.navette.sip2.codec.FieldTag.PERMANENT_LOCATION;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.SORT_BIN;
import static fr.navette.sip2.codec.FieldTag.SUPPORTED_MESSAGES;
import static fr.navette.sip2.codec.FieldTag.TITLE_IDENTIFIER;

import fr.navette.sip2.codec.AlertType;
import fr.navette.sip2.codec.CirculationStatus;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.messages.CheckinRequest;
import fr.navette.sip2.codec.messages.ItemInformationRequest;
import fr.navette.sip2.codec.messages.LoginRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * What the simulated SIGB answers to each request: a function of the request, the session's
 * login state and the network. It answers like the servers in the field: a known item checked
 * in gets CV 01 (hold here, with CY/DA), 02 (hold elsewhere, CT = pickup branch) or 04 (not
 * home, CT = home branch); an item back home with no hold gets no CV at all, as Koha does.
 */
final class SigbService {
  /** Sort bins (CL) for a sorter or a return box with bins. */
  static final String BIN_SHELF = "1";
  static final String BIN_HOLDS = "2";
  static final String BIN_SHUTTLE = "3";

  private final SimulatedNetwork network;
  private final SigbSimulatorConfig config;

  SigbService(SimulatedNetwork network, SigbSimulatorConfig config) {
    this.network = network;
    this.config = config;
  }

  /** Per-connection state. */
  static final class Session {
    boolean loggedIn;
  }

  /**
   * The reply to one request; empty means "close the connection", which is what servers do with
   * a request before login.
   */
  Optional<Sip2Message> handle(Sip2Message request, Session session) throws Sip2ParseException {
    MessageType type = request.type();
    if (type == MessageType.LOGIN) {
      LoginRequest login = LoginRequest.from(request);
      session.loggedIn = login.userId().equals(config.user()) && login.password().equals(config.password());
      return Optional.of(Sip2Message.builder(MessageType.LOGIN_RESPONSE).zeroOne(session.loggedIn).build());
    }
    if (type == MessageType.SC_STATUS) {
      return Optional.of(status());
    }
    if (!session.loggedIn) {
      return Optional.empty();
    }
    return switch (type) {
      case CHECKIN -> Optional.of(checkin(CheckinRequest.from(request)));
      case ITEM_INFORMATION -> Optional.of(itemInformation(ItemInformationRequest.from(request)));
      default -> Optional.empty();
    };
  }

  private Sip2Timestamp now() {
    return Sip2Timestamp.local(config.clock().instant(), config.zone());
  }

  private Sip2Message status() {
    return Sip2Message.builder(MessageType.ACS_STATUS).flag(true).flag(true).flag(true).flag(true).flag(false)
        .flag(true).number(30).number(3).date(now()).fixed("2.00").field(INSTITUTION_ID, config.institutionId())
        .field(LIBRARY_NAME, "Réseau des médiathèques (simulé)")
        // patron status, checkout, checkin, block patron, SC/ACS status, resend, login, patron info,
        // end session, fee paid, item info, item status update, patron enable, hold, renew, renew all
        .field(SUPPORTED_MESSAGES, "YYYYYYYYYYYNYYYY").build();
  }

  private Sip2Message checkin(CheckinRequest req) {
    Instant returned = req.returnDate().toInstant(config.zone());
    Optional<SimulatedNetwork.CheckinOutcome> done = network.checkin(req.itemId(), req.currentLocation(), returned);
    if (done.isEmpty()) {
      return Sip2Message.builder(MessageType.CHECKIN_RESPONSE).zeroOne(false).flag(false).fixed("U").flag(true)
          .date(now()).field(INSTITUTION_ID, req.institutionId()).field(ITEM_IDENTIFIER, req.itemId())
          .field(SCREEN_MESSAGE, "Document inconnu / Unknown item").build();
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
        .fixed("N").flag(alert.isPresent()).date(now()).field(INSTITUTION_ID, req.institutionId())
        .field(ITEM_IDENTIFIER, item.id()).field(PERMANENT_LOCATION, item.homeBranch())
        .field(TITLE_IDENTIFIER, item.title()).field(SORT_BIN, bin).field(MEDIA_TYPE, item.mediaType().sip2Code())
        .field(COLLECTION_CODE, item.collection()).field(CALL_NUMBER, item.callNumber())
        .field(DESTINATION_LOCATION, o.destination()).field(ALERT_TYPE, alert.map(AlertType::code));
    o.hold().filter(h -> o.destination().isEmpty()).ifPresent(h ->
        b.field(HOLD_PATRON_ID, h.patronId()).field(HOLD_PATRON_NAME, h.patronName()));
    if (o.endedLoan().isEmpty()) {
      b.field(SCREEN_MESSAGE, "Document non emprunté / Item was not on loan");
    }
    return b.build();
  }

  private Sip2Message itemInformation(ItemInformationRequest req) {
    Optional<Item> found = network.item(req.itemId());
    if (found.isEmpty()) {
      return Sip2Message.builder(MessageType.ITEM_INFORMATION_RESPONSE).fixed(CirculationStatus.OTHER.code())
          .fixed("00").fixed("01").date(now()).field(ITEM_IDENTIFIER, req.itemId()).field(TITLE_IDENTIFIER, "")
          .field(SCREEN_MESSAGE, "Document inconnu / Unknown item").build();
    }
    Item item = found.get();
    Optional<Loan> loan = network.loanOf(item.id());
    Optional<Hold> hold = network.holdFor(item.id());
    Optional<String> transit = network.transitOf(item.id());
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
        .field(DUE_DATE, loan.map(l -> Sip2Timestamp.local(l.dueAt(), config.zone()).format()))
        .field(ITEM_IDENTIFIER, item.id()).field(TITLE_IDENTIFIER, item.title())
        .field(MEDIA_TYPE, item.mediaType().sip2Code()).field(PERMANENT_LOCATION, item.homeBranch())
        .field(CURRENT_LOCATION, location).field(COLLECTION_CODE, item.collection())
        .field(CALL_NUMBER, item.callNumber()).field(DESTINATION_LOCATION, destination).build();
  }
}
