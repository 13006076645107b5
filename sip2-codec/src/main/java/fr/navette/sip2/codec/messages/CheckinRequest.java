package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.CANCEL;
import static fr.navette.sip2.codec.FieldTag.CURRENT_LOCATION;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.ITEM_PROPERTIES;
import static fr.navette.sip2.codec.FieldTag.TERMINAL_PASSWORD;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 09 Checkin: {@code 09<no block><transaction date><return date>AP<current location>|AO<institution id>|
 * AB<item identifier>|AC<terminal password>|[CH<item properties>|][BI<cancel>|]}.
 *
 * <p>Always send AP: Koha takes the branch of the return from it. Many servers ignore the no-block
 * flag, so an offline return must carry its real return date (Koha backdates with it).
 */
public record CheckinRequest(boolean noBlock, Sip2Timestamp transactionDate, Sip2Timestamp returnDate,
    String currentLocation, String institutionId, String itemId, Optional<String> terminalPassword,
    Optional<String> itemProperties, Optional<String> cancel, List<Field> otherFields) implements Sip2Record {

  public CheckinRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static CheckinRequest of(Sip2Timestamp transactionDate, Sip2Timestamp returnDate, String currentLocation,
      String institutionId, String itemId) {
    return new CheckinRequest(false, transactionDate, returnDate, currentLocation, institutionId, itemId,
        Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  public static CheckinRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.CHECKIN);
    return new CheckinRequest(r.yes("noBlock"), r.date("transactionDate"), r.date("returnDate"),
        r.text(CURRENT_LOCATION), r.text(INSTITUTION_ID), r.text(ITEM_IDENTIFIER), r.optional(TERMINAL_PASSWORD),
        r.optional(ITEM_PROPERTIES), r.optional(CANCEL), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.CHECKIN).flag(noBlock).date(transactionDate).date(returnDate)
        .field(CURRENT_LOCATION, currentLocation).field(INSTITUTION_ID, institutionId)
        .field(ITEM_IDENTIFIER, itemId).field(TERMINAL_PASSWORD, terminalPassword)
        .field(ITEM_PROPERTIES, itemProperties).field(CANCEL, cancel).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "CheckinRequest[" + toMessage() + "]";
  }
}
