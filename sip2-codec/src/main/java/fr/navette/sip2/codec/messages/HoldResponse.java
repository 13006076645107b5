package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.EXPIRATION_DATE;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PICKUP_LOCATION;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
import static fr.navette.sip2.codec.FieldTag.QUEUE_POSITION;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.TITLE_IDENTIFIER;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 16 Hold Response: {@code 16<ok><available><transaction date>[BW<expiration date>|][BR<queue position>|]
 * [BS<pickup location>|]AO<institution id>|AA<patron identifier>|[AB<item identifier>|][AJ<title identifier>|]
 * [AF<screen message>|][AG<print line>|]}.
 */
public record HoldResponse(boolean ok, boolean available, Optional<Sip2Timestamp> transactionDate,
    Optional<String> expirationDate, Optional<String> queuePosition, Optional<String> pickupLocation,
    String institutionId, String patronId, Optional<String> itemId, Optional<String> titleId,
    List<String> screenMessages, List<String> printLines, List<Field> otherFields) implements Sip2Record {

  public HoldResponse {
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static HoldResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.HOLD_RESPONSE);
    return new HoldResponse(r.one("ok"), r.yes("available"), r.optionalDate("transactionDate"),
        r.optional(EXPIRATION_DATE), r.optional(QUEUE_POSITION), r.optional(PICKUP_LOCATION),
        r.text(INSTITUTION_ID), r.text(PATRON_IDENTIFIER), r.optional(ITEM_IDENTIFIER),
        r.optional(TITLE_IDENTIFIER), r.list(SCREEN_MESSAGE), r.list(PRINT_LINE), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.HOLD_RESPONSE).zeroOne(ok).flag(available).date(transactionDate)
        .field(EXPIRATION_DATE, expirationDate).field(QUEUE_POSITION, queuePosition)
        .field(PICKUP_LOCATION, pickupLocation).field(INSTITUTION_ID, institutionId)
        .field(PATRON_IDENTIFIER, patronId).field(ITEM_IDENTIFIER, itemId).field(TITLE_IDENTIFIER, titleId)
        .fields(SCREEN_MESSAGE, screenMessages).fields(PRINT_LINE, printLines).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "HoldResponse[" + toMessage() + "]";
  }
}
