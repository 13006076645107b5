package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.CANCEL;
import static fr.navette.sip2.codec.FieldTag.FEE_ACKNOWLEDGED;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.ITEM_PROPERTIES;
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
 * 11 Checkout: {@code 11<SC renewal policy><no block><transaction date><nb due date>AO<institution id>|
 * AA<patron identifier>|AB<item identifier>|AC<terminal password>|[CH<item properties>|][AD<patron password>|]
 * [BO<fee acknowledged>|][BI<cancel>|]}. Not idempotent: see the client's retry rules.
 */
public record CheckoutRequest(boolean scRenewalPolicy, boolean noBlock, Sip2Timestamp transactionDate,
    Optional<Sip2Timestamp> nbDueDate, String institutionId, String patronId, String itemId,
    Optional<String> terminalPassword, Optional<String> itemProperties, Optional<String> patronPassword,
    Optional<String> feeAcknowledged, Optional<String> cancel, List<Field> otherFields) implements Sip2Record {

  public CheckoutRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static CheckoutRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.CHECKOUT);
    return new CheckoutRequest(r.yes("scRenewalPolicy"), r.yes("noBlock"), r.date("transactionDate"),
        r.optionalDate("nbDueDate"), r.text(INSTITUTION_ID), r.text(PATRON_IDENTIFIER),
        r.text(ITEM_IDENTIFIER), r.optional(TERMINAL_PASSWORD), r.optional(ITEM_PROPERTIES),
        r.optional(PATRON_PASSWORD), r.optional(FEE_ACKNOWLEDGED), r.optional(CANCEL), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.CHECKOUT).flag(scRenewalPolicy).flag(noBlock).date(transactionDate)
        .date(nbDueDate).field(INSTITUTION_ID, institutionId).field(PATRON_IDENTIFIER, patronId)
        .field(ITEM_IDENTIFIER, itemId).field(TERMINAL_PASSWORD, terminalPassword)
        .field(ITEM_PROPERTIES, itemProperties).field(PATRON_PASSWORD, patronPassword)
        .field(FEE_ACKNOWLEDGED, feeAcknowledged).field(CANCEL, cancel).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "CheckoutRequest[" + toMessage() + "]";
  }
}
