package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.CHARGED_ITEMS;
import static fr.navette.sip2.codec.FieldTag.CHARGED_ITEMS_LIMIT;
import static fr.navette.sip2.codec.FieldTag.CURRENCY_TYPE;
import static fr.navette.sip2.codec.FieldTag.EMAIL_ADDRESS;
import static fr.navette.sip2.codec.FieldTag.FEE_AMOUNT;
import static fr.navette.sip2.codec.FieldTag.FEE_LIMIT;
import static fr.navette.sip2.codec.FieldTag.FINE_ITEMS;
import static fr.navette.sip2.codec.FieldTag.HOLD_ITEMS;
import static fr.navette.sip2.codec.FieldTag.HOLD_ITEMS_LIMIT;
import static fr.navette.sip2.codec.FieldTag.HOME_ADDRESS;
import static fr.navette.sip2.codec.FieldTag.HOME_PHONE_NUMBER;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.OVERDUE_ITEMS;
import static fr.navette.sip2.codec.FieldTag.OVERDUE_ITEMS_LIMIT;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PERSONAL_NAME;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
import static fr.navette.sip2.codec.FieldTag.RECALL_ITEMS;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.UNAVAILABLE_HOLD_ITEMS;
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
 * 64 Patron Information Response: {@code 64<patron status><language><transaction date><hold items count>
 * <overdue items count><charged items count><fine items count><recall items count><unavailable holds count>
 * AO<institution id>|AA<patron identifier>|AE<personal name>|[BZ..|][CA..|][CB..|][BL..|][CQ..|][BH..|][BV..|]
 * [CC..|][AS..|]*[AT..|]*[AU..|]*[AV..|]*[BU..|]*[CD..|]*[BD..|][BE..|][BF..|][AF..|][AG..|]}; the item lists
 * (AS hold, AT overdue, AU charged, AV fine, BU recall, CD unavailable hold) repeat.
 */
public record PatronInformationResponse(PatronStatus patronStatus, String language,
    Optional<Sip2Timestamp> transactionDate, int holdItemsCount, int overdueItemsCount, int chargedItemsCount,
    int fineItemsCount, int recallItemsCount, int unavailableHoldsCount, String institutionId,
    String patronId, String personalName, Optional<String> holdItemsLimit, Optional<String> overdueItemsLimit,
    Optional<String> chargedItemsLimit, Optional<String> validPatron, Optional<String> validPatronPassword,
    Optional<String> currencyType, Optional<String> feeAmount, Optional<String> feeLimit,
    List<String> holdItems, List<String> overdueItems, List<String> chargedItems, List<String> fineItems,
    List<String> recallItems, List<String> unavailableHoldItems, Optional<String> homeAddress,
    Optional<String> emailAddress, Optional<String> homePhoneNumber, List<String> screenMessages,
    List<String> printLines, List<Field> otherFields) implements Sip2Record {

  public PatronInformationResponse {
    holdItems = List.copyOf(holdItems);
    overdueItems = List.copyOf(overdueItems);
    chargedItems = List.copyOf(chargedItems);
    fineItems = List.copyOf(fineItems);
    recallItems = List.copyOf(recallItems);
    unavailableHoldItems = List.copyOf(unavailableHoldItems);
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static PatronInformationResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.PATRON_INFORMATION_RESPONSE);
    return new PatronInformationResponse(new PatronStatus(r.fixed("patronStatus")), r.fixed("language"),
        r.optionalDate("transactionDate"), r.number("holdItemsCount"), r.number("overdueItemsCount"),
        r.number("chargedItemsCount"), r.number("fineItemsCount"), r.number("recallItemsCount"),
        r.number("unavailableHoldsCount"), r.text(INSTITUTION_ID), r.text(PATRON_IDENTIFIER),
        r.text(PERSONAL_NAME), r.optional(HOLD_ITEMS_LIMIT), r.optional(OVERDUE_ITEMS_LIMIT),
        r.optional(CHARGED_ITEMS_LIMIT), r.optional(VALID_PATRON), r.optional(VALID_PATRON_PASSWORD),
        r.optional(CURRENCY_TYPE), r.optional(FEE_AMOUNT), r.optional(FEE_LIMIT), r.list(HOLD_ITEMS),
        r.list(OVERDUE_ITEMS), r.list(CHARGED_ITEMS), r.list(FINE_ITEMS), r.list(RECALL_ITEMS),
        r.list(UNAVAILABLE_HOLD_ITEMS), r.optional(HOME_ADDRESS), r.optional(EMAIL_ADDRESS),
        r.optional(HOME_PHONE_NUMBER), r.list(SCREEN_MESSAGE), r.list(PRINT_LINE), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.PATRON_INFORMATION_RESPONSE).fixed(patronStatus.flags())
        .fixed(language).date(transactionDate).number(holdItemsCount).number(overdueItemsCount)
        .number(chargedItemsCount).number(fineItemsCount).number(recallItemsCount).number(unavailableHoldsCount)
        .field(INSTITUTION_ID, institutionId).field(PATRON_IDENTIFIER, patronId)
        .field(PERSONAL_NAME, personalName).field(HOLD_ITEMS_LIMIT, holdItemsLimit)
        .field(OVERDUE_ITEMS_LIMIT, overdueItemsLimit).field(CHARGED_ITEMS_LIMIT, chargedItemsLimit)
        .field(VALID_PATRON, validPatron).field(VALID_PATRON_PASSWORD, validPatronPassword)
        .field(CURRENCY_TYPE, currencyType).field(FEE_AMOUNT, feeAmount).field(FEE_LIMIT, feeLimit)
        .fields(HOLD_ITEMS, holdItems).fields(OVERDUE_ITEMS, overdueItems).fields(CHARGED_ITEMS, chargedItems)
        .fields(FINE_ITEMS, fineItems).fields(RECALL_ITEMS, recallItems)
        .fields(UNAVAILABLE_HOLD_ITEMS, unavailableHoldItems).field(HOME_ADDRESS, homeAddress)
        .field(EMAIL_ADDRESS, emailAddress).field(HOME_PHONE_NUMBER, homePhoneNumber)
        .fields(SCREEN_MESSAGE, screenMessages).fields(PRINT_LINE, printLines).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "PatronInformationResponse[" + toMessage() + "]";
  }
}
