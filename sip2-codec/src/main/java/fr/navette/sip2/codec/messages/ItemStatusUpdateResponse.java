package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.ITEM_PROPERTIES;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
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
 * 20 Item Status Update Response: {@code 20<item properties ok><transaction date>AB<item identifier>|
 * [AJ<title identifier>|][CH<item properties>|][AF<screen message>|][AG<print line>|]}.
 */
public record ItemStatusUpdateResponse(boolean itemPropertiesOk, Optional<Sip2Timestamp> transactionDate,
    String itemId, Optional<String> titleId, Optional<String> itemProperties, List<String> screenMessages,
    List<String> printLines, List<Field> otherFields) implements Sip2Record {

  public ItemStatusUpdateResponse {
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static ItemStatusUpdateResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.ITEM_STATUS_UPDATE_RESPONSE);
    return new ItemStatusUpdateResponse(r.one("itemPropertiesOk"), r.optionalDate("transactionDate"),
        r.text(ITEM_IDENTIFIER), r.optional(TITLE_IDENTIFIER), r.optional(ITEM_PROPERTIES),
        r.list(SCREEN_MESSAGE), r.list(PRINT_LINE), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.ITEM_STATUS_UPDATE_RESPONSE).zeroOne(itemPropertiesOk)
        .date(transactionDate).field(ITEM_IDENTIFIER, itemId).field(TITLE_IDENTIFIER, titleId)
        .field(ITEM_PROPERTIES, itemProperties).fields(SCREEN_MESSAGE, screenMessages)
        .fields(PRINT_LINE, printLines).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "ItemStatusUpdateResponse[" + toMessage() + "]";
  }
}
