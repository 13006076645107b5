package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.CALL_NUMBER;
import static fr.navette.sip2.codec.FieldTag.COLLECTION_CODE;
import static fr.navette.sip2.codec.FieldTag.CURRENCY_TYPE;
import static fr.navette.sip2.codec.FieldTag.CURRENT_LOCATION;
import static fr.navette.sip2.codec.FieldTag.DESTINATION_LOCATION;
import static fr.navette.sip2.codec.FieldTag.DUE_DATE;
import static fr.navette.sip2.codec.FieldTag.FEE_AMOUNT;
import static fr.navette.sip2.codec.FieldTag.HOLD_PICKUP_DATE;
import static fr.navette.sip2.codec.FieldTag.HOLD_QUEUE_LENGTH;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.ITEM_PROPERTIES;
import static fr.navette.sip2.codec.FieldTag.MEDIA_TYPE;
import static fr.navette.sip2.codec.FieldTag.OWNER;
import static fr.navette.sip2.codec.FieldTag.PERMANENT_LOCATION;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
import static fr.navette.sip2.codec.FieldTag.RECALL_DATE;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.TITLE_IDENTIFIER;

import fr.navette.sip2.codec.CirculationStatus;
import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 18 Item Information Response: {@code 18<circulation status><security marker><fee type><transaction date>
 * [CF<hold queue length>|][AH<due date>|][CJ<recall date>|][CM<hold pickup date>|]AB<item identifier>|
 * AJ<title identifier>|[BG<owner>|][BH<currency type>|][BV<fee amount>|][CK<media type>|]
 * [AQ<permanent location>|][AP<current location>|][CH<item properties>|][AF<screen message>|][AG<print line>|]}
 * plus CR collection, CS call number and CT destination location, which Koha and others send.
 * Due dates (AH) are free text in the spec, usually but not always a SIP2 date.
 */
public record ItemInformationResponse(CirculationStatus circulationStatus, String securityMarker, String feeType,
    Optional<Sip2Timestamp> transactionDate, Optional<String> holdQueueLength, Optional<String> dueDate,
    Optional<String> recallDate, Optional<String> holdPickupDate, String itemId, String titleId,
    Optional<String> owner, Optional<String> currencyType, Optional<String> feeAmount, Optional<String> mediaType,
    Optional<String> permanentLocation, Optional<String> currentLocation, Optional<String> itemProperties,
    Optional<String> collectionCode, Optional<String> callNumber, Optional<String> destinationLocation,
    List<String> screenMessages, List<String> printLines, List<Field> otherFields) implements Sip2Record {

  public ItemInformationResponse {
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static ItemInformationResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.ITEM_INFORMATION_RESPONSE);
    return new ItemInformationResponse(new CirculationStatus(r.fixed("circulationStatus")),
        r.fixed("securityMarker"), r.fixed("feeType"), r.optionalDate("transactionDate"),
        r.optional(HOLD_QUEUE_LENGTH), r.optional(DUE_DATE), r.optional(RECALL_DATE), r.optional(HOLD_PICKUP_DATE),
        r.text(ITEM_IDENTIFIER), r.text(TITLE_IDENTIFIER), r.optional(OWNER), r.optional(CURRENCY_TYPE),
        r.optional(FEE_AMOUNT), r.optional(MEDIA_TYPE), r.optional(PERMANENT_LOCATION),
        r.optional(CURRENT_LOCATION), r.optional(ITEM_PROPERTIES), r.optional(COLLECTION_CODE),
        r.optional(CALL_NUMBER), r.optional(DESTINATION_LOCATION), r.list(SCREEN_MESSAGE), r.list(PRINT_LINE),
        r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.ITEM_INFORMATION_RESPONSE).fixed(circulationStatus.code())
        .fixed(securityMarker).fixed(feeType).date(transactionDate).field(HOLD_QUEUE_LENGTH, holdQueueLength)
        .field(DUE_DATE, dueDate).field(RECALL_DATE, recallDate).field(HOLD_PICKUP_DATE, holdPickupDate)
        .field(ITEM_IDENTIFIER, itemId).field(TITLE_IDENTIFIER, titleId).field(OWNER, owner)
        .field(CURRENCY_TYPE, currencyType).field(FEE_AMOUNT, feeAmount).field(MEDIA_TYPE, mediaType)
        .field(PERMANENT_LOCATION, permanentLocation).field(CURRENT_LOCATION, currentLocation)
        .field(ITEM_PROPERTIES, itemProperties).field(COLLECTION_CODE, collectionCode)
        .field(CALL_NUMBER, callNumber).field(DESTINATION_LOCATION, destinationLocation)
        .fields(SCREEN_MESSAGE, screenMessages).fields(PRINT_LINE, printLines).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "ItemInformationResponse[" + toMessage() + "]";
  }
}
