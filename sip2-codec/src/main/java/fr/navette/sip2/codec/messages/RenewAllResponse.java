package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
import static fr.navette.sip2.codec.FieldTag.RENEWED_ITEMS;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.UNRENEWED_ITEMS;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 66 Renew All Response: {@code 66<ok><renewed count><unrenewed count><transaction date>AO<institution id>|
 * [BM<renewed items>|]*[BN<unrenewed items>|]*[AF<screen message>|][AG<print line>|]}.
 */
public record RenewAllResponse(boolean ok, int renewedCount, int unrenewedCount,
    Optional<Sip2Timestamp> transactionDate, String institutionId, List<String> renewedItems,
    List<String> unrenewedItems, List<String> screenMessages, List<String> printLines, List<Field> otherFields) implements Sip2Record {

  public RenewAllResponse {
    renewedItems = List.copyOf(renewedItems);
    unrenewedItems = List.copyOf(unrenewedItems);
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static RenewAllResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.RENEW_ALL_RESPONSE);
    return new RenewAllResponse(r.one("ok"), r.number("renewedCount"), r.number("unrenewedCount"),
        r.optionalDate("transactionDate"), r.text(INSTITUTION_ID), r.list(RENEWED_ITEMS),
        r.list(UNRENEWED_ITEMS), r.list(SCREEN_MESSAGE), r.list(PRINT_LINE), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.RENEW_ALL_RESPONSE).zeroOne(ok).number(renewedCount)
        .number(unrenewedCount).date(transactionDate).field(INSTITUTION_ID, institutionId)
        .fields(RENEWED_ITEMS, renewedItems).fields(UNRENEWED_ITEMS, unrenewedItems)
        .fields(SCREEN_MESSAGE, screenMessages).fields(PRINT_LINE, printLines).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "RenewAllResponse[" + toMessage() + "]";
  }
}
