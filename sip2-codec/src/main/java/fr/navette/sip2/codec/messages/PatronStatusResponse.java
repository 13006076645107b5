package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.CURRENCY_TYPE;
import static fr.navette.sip2.codec.FieldTag.FEE_AMOUNT;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PERSONAL_NAME;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.VALID_PATRON;
import static fr.navette.sip2.codec.FieldTag.VALID_PATRON_PASSWORD;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.PatronStatus;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 24 Patron Status Response: {@code 24<patron status><language><transaction date>AO<institution id>|
 * AA<patron identifier>|AE<personal name>|[BL<valid patron>|][CQ<valid patron password>|][BH<currency type>|]
 * [BV<fee amount>|][AF<screen message>|][AG<print line>|]}. Also the reply to a block patron (25).
 */
public record PatronStatusResponse(PatronStatus patronStatus, String language,
    Optional<Sip2Timestamp> transactionDate, String institutionId, String patronId, String personalName,
    Optional<String> validPatron, Optional<String> validPatronPassword, Optional<String> currencyType,
    Optional<String> feeAmount, List<String> screenMessages, List<String> printLines, List<Field> otherFields) implements Sip2Record {

  public PatronStatusResponse {
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static PatronStatusResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.PATRON_STATUS_RESPONSE);
    return new PatronStatusResponse(new PatronStatus(r.fixed("patronStatus")), r.fixed("language"),
        r.optionalDate("transactionDate"), r.text(INSTITUTION_ID), r.text(PATRON_IDENTIFIER),
        r.text(PERSONAL_NAME), r.optional(VALID_PATRON), r.optional(VALID_PATRON_PASSWORD),
        r.optional(CURRENCY_TYPE), r.optional(FEE_AMOUNT), r.list(SCREEN_MESSAGE), r.list(PRINT_LINE),
        r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.PATRON_STATUS_RESPONSE).fixed(patronStatus.flags()).fixed(language)
        .date(transactionDate).field(INSTITUTION_ID, institutionId).field(PATRON_IDENTIFIER, patronId)
        .field(PERSONAL_NAME, personalName).field(VALID_PATRON, validPatron)
        .field(VALID_PATRON_PASSWORD, validPatronPassword).field(CURRENCY_TYPE, currencyType)
        .field(FEE_AMOUNT, feeAmount).fields(SCREEN_MESSAGE, screenMessages).fields(PRINT_LINE, printLines)
        .fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "PatronStatusResponse[" + toMessage() + "]";
  }
}
