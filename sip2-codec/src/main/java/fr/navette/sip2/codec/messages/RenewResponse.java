package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.CURRENCY_TYPE;
import static fr.navette.sip2.codec.FieldTag.DUE_DATE;
import static fr.navette.sip2.codec.FieldTag.FEE_AMOUNT;
import static fr.navette.sip2.codec.FieldTag.FEE_TYPE;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.ITEM_PROPERTIES;
import static fr.navette.sip2.codec.FieldTag.MEDIA_TYPE;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.SECURITY_INHIBIT;
import static fr.navette.sip2.codec.FieldTag.TITLE_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.TRANSACTION_ID;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.YesNoUnknown;
import java.util.List;
import java.util.Optional;

/**
 * 30 Renew Response: same layout as 12: {@code 30<ok><renewal ok><magnetic media><desensitize><transaction date>
 * AO..|AA..|AB..|AJ..|AH<due date>|[BT..|][CI..|][BH..|][BV..|][CK..|][CH..|][BK..|][AF..|][AG..|]}.
 */
public record RenewResponse(boolean ok, boolean renewalOk, YesNoUnknown magneticMedia,
    YesNoUnknown desensitize, Optional<Sip2Timestamp> transactionDate, String institutionId, String patronId,
    String itemId, String titleId, Optional<String> dueDate, Optional<String> feeType,
    Optional<String> securityInhibit, Optional<String> currencyType, Optional<String> feeAmount,
    Optional<String> mediaType, Optional<String> itemProperties, Optional<String> transactionId,
    List<String> screenMessages, List<String> printLines, List<Field> otherFields) implements Sip2Record {

  public RenewResponse {
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static RenewResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.RENEW_RESPONSE);
    return new RenewResponse(r.one("ok"), r.yes("renewalOk"), r.yesNoUnknown("magneticMedia"),
        r.yesNoUnknown("desensitize"), r.optionalDate("transactionDate"), r.text(INSTITUTION_ID),
        r.text(PATRON_IDENTIFIER), r.text(ITEM_IDENTIFIER), r.text(TITLE_IDENTIFIER), r.optional(DUE_DATE),
        r.optional(FEE_TYPE), r.optional(SECURITY_INHIBIT), r.optional(CURRENCY_TYPE), r.optional(FEE_AMOUNT),
        r.optional(MEDIA_TYPE), r.optional(ITEM_PROPERTIES), r.optional(TRANSACTION_ID),
        r.list(SCREEN_MESSAGE), r.list(PRINT_LINE), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.RENEW_RESPONSE).zeroOne(ok).flag(renewalOk)
        .fixed(magneticMedia.code()).fixed(desensitize.code()).date(transactionDate)
        .field(INSTITUTION_ID, institutionId).field(PATRON_IDENTIFIER, patronId).field(ITEM_IDENTIFIER, itemId)
        .field(TITLE_IDENTIFIER, titleId).field(DUE_DATE, dueDate).field(FEE_TYPE, feeType)
        .field(SECURITY_INHIBIT, securityInhibit).field(CURRENCY_TYPE, currencyType)
        .field(FEE_AMOUNT, feeAmount).field(MEDIA_TYPE, mediaType).field(ITEM_PROPERTIES, itemProperties)
        .field(TRANSACTION_ID, transactionId).fields(SCREEN_MESSAGE, screenMessages)
        .fields(PRINT_LINE, printLines).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "RenewResponse[" + toMessage() + "]";
  }
}
