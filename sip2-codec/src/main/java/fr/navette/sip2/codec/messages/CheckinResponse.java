package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.ALERT_TYPE;
import static fr.navette.sip2.codec.FieldTag.CALL_NUMBER;
import static fr.navette.sip2.codec.FieldTag.COLLECTION_CODE;
import static fr.navette.sip2.codec.FieldTag.DESTINATION_LOCATION;
import static fr.navette.sip2.codec.FieldTag.HOLD_PATRON_ID;
import static fr.navette.sip2.codec.FieldTag.HOLD_PATRON_NAME;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.ITEM_PROPERTIES;
import static fr.navette.sip2.codec.FieldTag.MEDIA_TYPE;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PERMANENT_LOCATION;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.SORT_BIN;
import static fr.navette.sip2.codec.FieldTag.TITLE_IDENTIFIER;

import fr.navette.sip2.codec.AlertType;
import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.YesNoUnknown;
import java.util.List;
import java.util.Optional;

/**
 * 10 Checkin Response: {@code 10<ok><resensitize><magnetic media><alert><transaction date>AO<institution id>|
 * AB<item identifier>|AQ<permanent location>|[AJ<title identifier>|][CL<sort bin>|][AA<patron identifier>|]
 * [CK<media type>|][CH<item properties>|][AF<screen message>|][AG<print line>|]} plus the 3M extensions
 * real servers send: CR collection, CS call number, CT destination location, CV alert type,
 * CY hold patron id, DA hold patron name.
 *
 * <p>Routing (DESIGN §10): CV 01 = keep here for a hold (CY/DA the patron); 02 = hold at another
 * branch, send to CT; 04 = send home to CT. Servers with nothing to say send no CV or CV 00.
 */
public record CheckinResponse(boolean ok, boolean resensitize, YesNoUnknown magneticMedia, boolean alert,
    Optional<Sip2Timestamp> transactionDate, String institutionId, String itemId,
    Optional<String> permanentLocation, Optional<String> titleId, Optional<String> sortBin,
    Optional<String> patronId, Optional<String> mediaType, Optional<String> itemProperties,
    Optional<String> collectionCode, Optional<String> callNumber, Optional<String> destinationLocation,
    Optional<AlertType> alertType, Optional<String> holdPatronId, Optional<String> holdPatronName,
    List<String> screenMessages, List<String> printLines, List<Field> otherFields) implements Sip2Record {

  public CheckinResponse {
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  /** The alert type, reading an absent CV as 00 (none). */
  public AlertType alertTypeOrNone() {
    return alertType.orElse(AlertType.NONE);
  }

  public static CheckinResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.CHECKIN_RESPONSE);
    return new CheckinResponse(r.one("ok"), r.yes("resensitize"), r.yesNoUnknown("magneticMedia"), r.yes("alert"),
        r.optionalDate("transactionDate"), r.text(INSTITUTION_ID), r.text(ITEM_IDENTIFIER),
        r.optional(PERMANENT_LOCATION), r.optional(TITLE_IDENTIFIER), r.optional(SORT_BIN),
        r.optional(PATRON_IDENTIFIER), r.optional(MEDIA_TYPE), r.optional(ITEM_PROPERTIES),
        r.optional(COLLECTION_CODE), r.optional(CALL_NUMBER), r.optional(DESTINATION_LOCATION),
        r.optional(ALERT_TYPE).map(AlertType::new), r.optional(HOLD_PATRON_ID), r.optional(HOLD_PATRON_NAME),
        r.list(SCREEN_MESSAGE), r.list(PRINT_LINE), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.CHECKIN_RESPONSE).zeroOne(ok).flag(resensitize)
        .fixed(magneticMedia.code()).flag(alert).date(transactionDate).field(INSTITUTION_ID, institutionId)
        .field(ITEM_IDENTIFIER, itemId).field(PERMANENT_LOCATION, permanentLocation)
        .field(TITLE_IDENTIFIER, titleId).field(SORT_BIN, sortBin).field(PATRON_IDENTIFIER, patronId)
        .field(MEDIA_TYPE, mediaType).field(ITEM_PROPERTIES, itemProperties)
        .field(COLLECTION_CODE, collectionCode).field(CALL_NUMBER, callNumber)
        .field(DESTINATION_LOCATION, destinationLocation).field(ALERT_TYPE, alertType.map(AlertType::code))
        .field(HOLD_PATRON_ID, holdPatronId).field(HOLD_PATRON_NAME, holdPatronName)
        .fields(SCREEN_MESSAGE, screenMessages).fields(PRINT_LINE, printLines).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "CheckinResponse[" + toMessage() + "]";
  }
}
