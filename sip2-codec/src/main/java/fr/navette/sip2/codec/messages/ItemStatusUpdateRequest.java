package fr.navette.sip2.codec.messages;

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
 * 19 Item Status Update: {@code 19<transaction date>AO<institution id>|AB<item identifier>|[AC<terminal password>|]
 * CH<item properties>|}.
 */
public record ItemStatusUpdateRequest(Sip2Timestamp transactionDate, String institutionId, String itemId,
    Optional<String> terminalPassword, String itemProperties, List<Field> otherFields) implements Sip2Record {

  public ItemStatusUpdateRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static ItemStatusUpdateRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.ITEM_STATUS_UPDATE);
    return new ItemStatusUpdateRequest(r.date("transactionDate"), r.text(INSTITUTION_ID),
        r.text(ITEM_IDENTIFIER), r.optional(TERMINAL_PASSWORD), r.text(ITEM_PROPERTIES), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.ITEM_STATUS_UPDATE).date(transactionDate)
        .field(INSTITUTION_ID, institutionId).field(ITEM_IDENTIFIER, itemId)
        .field(TERMINAL_PASSWORD, terminalPassword).field(ITEM_PROPERTIES, itemProperties).fields(otherFields)
        .build();
  }

  @Override
  public String toString() {
    return "ItemStatusUpdateRequest[" + toMessage() + "]";
  }
}
