package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.FEE_ACKNOWLEDGED;
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
 * 65 Renew All: {@code 65<transaction date>AO<institution id>|AA<patron identifier>|[AD<patron password>|]
 * [AC<terminal password>|][BO<fee acknowledged>|]}.
 */
public record RenewAllRequest(Sip2Timestamp transactionDate, String institutionId, String patronId,
    Optional<String> patronPassword, Optional<String> terminalPassword, Optional<String> feeAcknowledged,
    List<Field> otherFields) implements Sip2Record {

  public RenewAllRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static RenewAllRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.RENEW_ALL);
    return new RenewAllRequest(r.date("transactionDate"), r.text(INSTITUTION_ID), r.text(PATRON_IDENTIFIER),
        r.optional(PATRON_PASSWORD), r.optional(TERMINAL_PASSWORD), r.optional(FEE_ACKNOWLEDGED), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.RENEW_ALL).date(transactionDate).field(INSTITUTION_ID, institutionId)
        .field(PATRON_IDENTIFIER, patronId).field(PATRON_PASSWORD, patronPassword)
        .field(TERMINAL_PASSWORD, terminalPassword).field(FEE_ACKNOWLEDGED, feeAcknowledged).fields(otherFields)
        .build();
  }

  @Override
  public String toString() {
    return "RenewAllRequest[" + toMessage() + "]";
  }
}
