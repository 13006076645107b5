package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.EXPIRATION_DATE;
import static fr.navette.sip2.codec.FieldTag.FEE_ACKNOWLEDGED;
import static fr.navette.sip2.codec.FieldTag.HOLD_TYPE;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PATRON_PASSWORD;
import static fr.navette.sip2.codec.FieldTag.PICKUP_LOCATION;
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
 * 15 Hold: {@code 15<hold mode><transaction date>[BW<expiration date>|][BS<pickup location>|][BY<hold type>|]
 * AO<institution id>|AA<patron identifier>|[AD<patron password>|][AB<item identifier>|][AJ<title identifier>|]
 * [AC<terminal password>|][BO<fee acknowledged>|]}. Hold mode: + add, - delete, * change.
 */
public record HoldRequest(String holdMode, Sip2Timestamp transactionDate, Optional<String> expirationDate,
    Optional<String> pickupLocation, Optional<String> holdType, String institutionId, String patronId,
    Optional<String> patronPassword, Optional<String> itemId, Optional<String> titleId,
    Optional<String> terminalPassword, Optional<String> feeAcknowledged, List<Field> otherFields) implements Sip2Record {

  public HoldRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static HoldRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.HOLD);
    return new HoldRequest(r.fixed("holdMode"), r.date("transactionDate"), r.optional(EXPIRATION_DATE),
        r.optional(PICKUP_LOCATION), r.optional(HOLD_TYPE), r.text(INSTITUTION_ID), r.text(PATRON_IDENTIFIER),
        r.optional(PATRON_PASSWORD), r.optional(ITEM_IDENTIFIER), r.optional(TITLE_IDENTIFIER),
        r.optional(TERMINAL_PASSWORD), r.optional(FEE_ACKNOWLEDGED), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.HOLD).fixed(holdMode).date(transactionDate)
        .field(EXPIRATION_DATE, expirationDate).field(PICKUP_LOCATION, pickupLocation)
        .field(HOLD_TYPE, holdType).field(INSTITUTION_ID, institutionId).field(PATRON_IDENTIFIER, patronId)
        .field(PATRON_PASSWORD, patronPassword).field(ITEM_IDENTIFIER, itemId).field(TITLE_IDENTIFIER, titleId)
        .field(TERMINAL_PASSWORD, terminalPassword).field(FEE_ACKNOWLEDGED, feeAcknowledged).fields(otherFields)
        .build();
  }

  @Override
  public String toString() {
    return "HoldRequest[" + toMessage() + "]";
  }
}
