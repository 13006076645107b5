package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PATRON_PASSWORD;
import static fr.navette.sip2.codec.FieldTag.TERMINAL_PASSWORD;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 35 End Patron Session: {@code 35<transaction date>AO<institution id>|AA<patron identifier>|[AC<terminal password>|]
 * [AD<patron password>|]}.
 */
public record EndPatronSessionRequest(Sip2Timestamp transactionDate, String institutionId, String patronId,
    Optional<String> terminalPassword, Optional<String> patronPassword, List<Field> otherFields) implements Sip2Record {

  public EndPatronSessionRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static EndPatronSessionRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.END_PATRON_SESSION);
    return new EndPatronSessionRequest(r.date("transactionDate"), r.text(INSTITUTION_ID),
        r.text(PATRON_IDENTIFIER), r.optional(TERMINAL_PASSWORD), r.optional(PATRON_PASSWORD), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.END_PATRON_SESSION).date(transactionDate)
        .field(INSTITUTION_ID, institutionId).field(PATRON_IDENTIFIER, patronId)
        .field(TERMINAL_PASSWORD, terminalPassword).field(PATRON_PASSWORD, patronPassword).fields(otherFields)
        .build();
  }

  @Override
  public String toString() {
    return "EndPatronSessionRequest[" + toMessage() + "]";
  }
}
