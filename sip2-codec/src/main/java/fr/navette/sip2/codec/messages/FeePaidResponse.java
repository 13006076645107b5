package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.TRANSACTION_ID;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 38 Fee Paid Response: {@code 38<payment accepted><transaction date>AO<institution id>|AA<patron identifier>|
 * [BK<transaction id>|][AF<screen message>|][AG<print line>|]}.
 */
public record FeePaidResponse(boolean paymentAccepted, Optional<Sip2Timestamp> transactionDate,
    String institutionId, String patronId, Optional<String> transactionId, List<String> screenMessages,
    List<String> printLines, List<Field> otherFields) implements Sip2Record {

  public FeePaidResponse {
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static FeePaidResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.FEE_PAID_RESPONSE);
    return new FeePaidResponse(r.yes("paymentAccepted"), r.optionalDate("transactionDate"),
        r.text(INSTITUTION_ID), r.text(PATRON_IDENTIFIER), r.optional(TRANSACTION_ID), r.list(SCREEN_MESSAGE),
        r.list(PRINT_LINE), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.FEE_PAID_RESPONSE).flag(paymentAccepted).date(transactionDate)
        .field(INSTITUTION_ID, institutionId).field(PATRON_IDENTIFIER, patronId)
        .field(TRANSACTION_ID, transactionId).fields(SCREEN_MESSAGE, screenMessages)
        .fields(PRINT_LINE, printLines).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "FeePaidResponse[" + toMessage() + "]";
  }
}
