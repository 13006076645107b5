package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.FEE_ACKNOWLEDGED;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.ITEM_PROPERTIES;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PATRON_PASSWORD;
import static fr.navette.sip2.codec.FieldTag.TERMINAL_PASSWORD;
import static fr.navette.sip2.codec.FieldTag.TITLE_IDENTIFIER;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 29 Renew: {@code 29<third party allowed><no block><transaction date><nb due date>AO<institution id>|
 * AA<patron identifier>|[AD<patron password>|][AB<item identifier>|][AJ<title identifier>|][AC<terminal password>|]
 * [CH<item properties>|][BO<fee acknowledged>|]}. Not idempotent: see the client's retry rules.
 */
public record RenewRequest(boolean thirdPartyAllowed, boolean noBlock, Sip2Timestamp transactionDate,
    Optional<Sip2Timestamp> nbDueDate, String institutionId, String patronId, Optional<String> patronPassword,
    Optional<String> itemId, Optional<String> titleId, Optional<String> terminalPassword,
    Optional<String> itemProperties, Optional<String> feeAcknowledged, List<Field> otherFields) implements Sip2Record {

  public RenewRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static RenewRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.RENEW);
    return new RenewRequest(r.yes("thirdPartyAllowed"), r.yes("noBlock"), r.date("transactionDate"),
        r.optionalDate("nbDueDate"), r.text(INSTITUTION_ID), r.text(PATRON_IDENTIFIER),
        r.optional(PATRON_PASSWORD), r.optional(ITEM_IDENTIFIER), r.optional(TITLE_IDENTIFIER),
        r.optional(TERMINAL_PASSWORD), r.optional(ITEM_PROPERTIES), r.optional(FEE_ACKNOWLEDGED), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.RENEW).flag(thirdPartyAllowed).flag(noBlock).date(transactionDate)
        .date(nbDueDate).field(INSTITUTION_ID, institutionId).field(PATRON_IDENTIFIER, patronId)
        .field(PATRON_PASSWORD, patronPassword).field(ITEM_IDENTIFIER, itemId).field(TITLE_IDENTIFIER, titleId)
        .field(TERMINAL_PASSWORD, terminalPassword).field(ITEM_PROPERTIES, itemProperties)
        .field(FEE_ACKNOWLEDGED, feeAcknowledged).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "RenewRequest[" + toMessage() + "]";
  }
}
