package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.TERMINAL_PASSWORD;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/** 17 Item Information: {@code 17<transaction date>AO<institution id>|AB<item identifier>|[AC<terminal password>|]}. */
public record ItemInformationRequest(Sip2Timestamp transactionDate, String institutionId, String itemId,
    Optional<String> terminalPassword, List<Field> otherFields) implements Sip2Record {

  public ItemInformationRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static ItemInformationRequest of(Sip2Timestamp transactionDate, String institutionId, String itemId) {
    return new ItemInformationRequest(transactionDate, institutionId, itemId, Optional.empty(), List.of());
  }

  public static ItemInformationRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.ITEM_INFORMATION);
    return new ItemInformationRequest(r.date("transactionDate"), r.text(INSTITUTION_ID), r.text(ITEM_IDENTIFIER),
        r.optional(TERMINAL_PASSWORD), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.ITEM_INFORMATION).date(transactionDate)
        .field(INSTITUTION_ID, institutionId).field(ITEM_IDENTIFIER, itemId)
        .field(TERMINAL_PASSWORD, terminalPassword).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "ItemInformationRequest[" + toMessage() + "]";
  }
}
