package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.BLOCKED_CARD_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.TERMINAL_PASSWORD;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 25 Block Patron: {@code 25<card retained><transaction date>AO<institution id>|AL<blocked card message>|
 * AA<patron identifier>|AC<terminal password>|}. The spec has no reply code of its own for it: the ACS
 * answers with a patron status response (24), see {@link PatronStatusResponse}.
 */
public record BlockPatronRequest(boolean cardRetained, Sip2Timestamp transactionDate, String institutionId,
    String blockedCardMessage, String patronId, Optional<String> terminalPassword, List<Field> otherFields) implements Sip2Record {

  public BlockPatronRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static BlockPatronRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.BLOCK_PATRON);
    return new BlockPatronRequest(r.yes("cardRetained"), r.date("transactionDate"), r.text(INSTITUTION_ID),
        r.text(BLOCKED_CARD_MESSAGE), r.text(PATRON_IDENTIFIER), r.optional(TERMINAL_PASSWORD), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.BLOCK_PATRON).flag(cardRetained).date(transactionDate)
        .field(INSTITUTION_ID, institutionId).field(BLOCKED_CARD_MESSAGE, blockedCardMessage)
        .field(PATRON_IDENTIFIER, patronId).field(TERMINAL_PASSWORD, terminalPassword).fields(otherFields)
        .build();
  }

  @Override
  public String toString() {
    return "BlockPatronRequest[" + toMessage() + "]";
  }
}
