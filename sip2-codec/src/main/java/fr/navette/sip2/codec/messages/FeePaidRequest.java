package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.FEE_AMOUNT;
import static fr.navette.sip2.codec.FieldTag.FEE_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PATRON_PASSWORD;
import static fr.navette.sip2.codec.FieldTag.TERMINAL_PASSWORD;
import static fr.navette.sip2.codec.FieldTag.TRANSACTION_ID;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 37 Fee Paid: {@code 37<transaction date><fee type><payment type><currency type>BV<fee amount>|AO<institution id>|
 * AA<patron identifier>|[AC<terminal password>|][AD<patron password>|][CG<fee identifier>|][BK<transaction id>|]}.
 */
public record FeePaidRequest(Sip2Timestamp transactionDate, String feeType, String paymentType,
    String currencyType, String feeAmount, String institutionId, String patronId,
    Optional<String> terminalPassword, Optional<String> patronPassword, Optional<String> feeId,
    Optional<String> transactionId, List<Field> otherFields) implements Sip2Record {

  public FeePaidRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static FeePaidRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.FEE_PAID);
    return new FeePaidRequest(r.date("transactionDate"), r.fixed("feeType"), r.fixed("paymentType"),
        r.fixed("currencyType"), r.text(FEE_AMOUNT), r.text(INSTITUTION_ID), r.text(PATRON_IDENTIFIER),
        r.optional(TERMINAL_PASSWORD), r.optional(PATRON_PASSWORD), r.optional(FEE_IDENTIFIER),
        r.optional(TRANSACTION_ID), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.FEE_PAID).date(transactionDate).fixed(feeType).fixed(paymentType)
        .fixed(currencyType).field(FEE_AMOUNT, feeAmount).field(INSTITUTION_ID, institutionId)
        .field(PATRON_IDENTIFIER, patronId).field(TERMINAL_PASSWORD, terminalPassword)
        .field(PATRON_PASSWORD, patronPassword).field(FEE_IDENTIFIER, feeId)
        .field(TRANSACTION_ID, transactionId).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "FeePaidRequest[" + toMessage() + "]";
  }
}
