package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.END_ITEM;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PATRON_PASSWORD;
import static fr.navette.sip2.codec.FieldTag.START_ITEM;
import static fr.navette.sip2.codec.FieldTag.TERMINAL_PASSWORD;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 63 Patron Information: {@code 63<language><transaction date><summary>AO<institution id>|AA<patron identifier>|
 * [AC<terminal password>|][AD<patron password>|][BP<start item>|][BQ<end item>|]}. The summary is ten
 * positions (hold, overdue, charged, fine, recall, unavailable holds ...), a Y in the one whose list is wanted.
 */
public record PatronInformationRequest(String language, Sip2Timestamp transactionDate, String summary,
    String institutionId, String patronId, Optional<String> terminalPassword, Optional<String> patronPassword,
    Optional<String> startItem, Optional<String> endItem, List<Field> otherFields) implements Sip2Record {

  public PatronInformationRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static PatronInformationRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.PATRON_INFORMATION);
    return new PatronInformationRequest(r.fixed("language"), r.date("transactionDate"), r.fixed("summary"),
        r.text(INSTITUTION_ID), r.text(PATRON_IDENTIFIER), r.optional(TERMINAL_PASSWORD),
        r.optional(PATRON_PASSWORD), r.optional(START_ITEM), r.optional(END_ITEM), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.PATRON_INFORMATION).fixed(language).date(transactionDate)
        .fixed(summary).field(INSTITUTION_ID, institutionId).field(PATRON_IDENTIFIER, patronId)
        .field(TERMINAL_PASSWORD, terminalPassword).field(PATRON_PASSWORD, patronPassword)
        .field(START_ITEM, startItem).field(END_ITEM, endItem).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "PatronInformationRequest[" + toMessage() + "]";
  }
}
