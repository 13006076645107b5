package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 36 End Session Response: {@code 36<end session><transaction date>AO<institution id>|AA<patron identifier>|
 * [AF<screen message>|][AG<print line>|]}.
 */
public record EndSessionResponse(boolean endSession, Optional<Sip2Timestamp> transactionDate,
    String institutionId, String patronId, List<String> screenMessages, List<String> printLines,
    List<Field> otherFields) implements Sip2Record {

  public EndSessionResponse {
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static EndSessionResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.END_SESSION_RESPONSE);
    return new EndSessionResponse(r.yes("endSession"), r.optionalDate("transactionDate"),
        r.text(INSTITUTION_ID), r.text(PATRON_IDENTIFIER), r.list(SCREEN_MESSAGE), r.list(PRINT_LINE),
        r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.END_SESSION_RESPONSE).flag(endSession).date(transactionDate)
        .field(INSTITUTION_ID, institutionId).field(PATRON_IDENTIFIER, patronId)
        .fields(SCREEN_MESSAGE, screenMessages).fields(PRINT_LINE, printLines).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "EndSessionResponse[" + toMessage() + "]";
  }
}
