package fr.navette.sip2.codec;

import static fr.navette.sip2.codec.FixedField.date;
import static fr.navette.sip2.codec.FixedField.digits;
import static fr.navette.sip2.codec.FixedField.text;
import static fr.navette.sip2.codec.FixedField.yesNo;
import static fr.navette.sip2.codec.FixedField.yesNoUnknown;
import static fr.navette.sip2.codec.FixedField.zeroOne;

import java.util.List;
import java.util.Optional;

/**
 * The SIP2 2.00 messages and their fixed-field layouts, in spec order. Requests come from the
 * SC (self-check, our side); responses from the ACS (the SIGB). The block patron request (25)
 * has no reply code of its own: the spec answers it with a patron status response (24).
 */
public enum MessageType {
  PATRON_STATUS_REQUEST("23", text("language", 3), date("transactionDate")),
  PATRON_STATUS_RESPONSE("24", text("patronStatus", 14), text("language", 3), date("transactionDate")),
  CHECKOUT("11", yesNo("scRenewalPolicy"), yesNo("noBlock"), date("transactionDate"), date("nbDueDate")),
  CHECKOUT_RESPONSE("12", zeroOne("ok"), yesNo("renewalOk"), yesNoUnknown("magneticMedia"),
      yesNoUnknown("desensitize"), date("transactionDate")),
  CHECKIN("09", yesNo("noBlock"), date("transactionDate"), date("returnDate")),
  CHECKIN_RESPONSE("10", zeroOne("ok"), yesNo("resensitize"), yesNoUnknown("magneticMedia"), yesNo("alert"),
      date("transactionDate")),
  BLOCK_PATRON("25", yesNo("cardRetained"), date("transactionDate")),
  SC_STATUS("99", text("statusCode", 1), digits("maxPrintWidth", 3), text("protocolVersion", 4)),
  ACS_STATUS("98", yesNo("onlineStatus"), yesNo("checkinOk"), yesNo("checkoutOk"), yesNo("acsRenewalPolicy"),
      yesNo("statusUpdateOk"), yesNo("offlineOk"), digits("timeoutPeriod", 3), digits("retriesAllowed", 3),
      date("dateTimeSync"), text("protocolVersion", 4)),
  REQUEST_SC_RESEND("96"),
  REQUEST_ACS_RESEND("97"),
  LOGIN("93", text("uidAlgorithm", 1), text("pwdAlgorithm", 1)),
  LOGIN_RESPONSE("94", zeroOne("ok")),
  PATRON_INFORMATION("63", text("language", 3), date("transactionDate"), text("summary", 10)),
  PATRON_INFORMATION_RESPONSE("64", text("patronStatus", 14), text("language", 3), date("transactionDate"),
      digits("holdItemsCount", 4), digits("overdueItemsCount", 4), digits("chargedItemsCount", 4),
      digits("fineItemsCount", 4), digits("recallItemsCount", 4), digits("unavailableHoldsCount", 4)),
  END_PATRON_SESSION("35", date("transactionDate")),
  END_SESSION_RESPONSE("36", yesNo("endSession"), date("transactionDate")),
  FEE_PAID("37", date("transactionDate"), digits("feeType", 2), digits("paymentType", 2), text("currencyType", 3)),
  FEE_PAID_RESPONSE("38", yesNo("paymentAccepted"), date("transactionDate")),
  ITEM_INFORMATION("17", date("transactionDate")),
  ITEM_INFORMATION_RESPONSE("18", digits("circulationStatus", 2), digits("securityMarker", 2),
      digits("feeType", 2), date("transactionDate")),
  ITEM_STATUS_UPDATE("19", date("transactionDate")),
  ITEM_STATUS_UPDATE_RESPONSE("20", zeroOne("itemPropertiesOk"), date("transactionDate")),
  HOLD("15", text("holdMode", 1), date("transactionDate")),
  HOLD_RESPONSE("16", zeroOne("ok"), yesNo("available"), date("transactionDate")),
  RENEW("29", yesNo("thirdPartyAllowed"), yesNo("noBlock"), date("transactionDate"), date("nbDueDate")),
  RENEW_RESPONSE("30", zeroOne("ok"), yesNo("renewalOk"), yesNoUnknown("magneticMedia"),
      yesNoUnknown("desensitize"), date("transactionDate")),
  RENEW_ALL("65", date("transactionDate")),
  RENEW_ALL_RESPONSE("66", zeroOne("ok"), digits("renewedCount", 4), digits("unrenewedCount", 4),
      date("transactionDate"));

  private final String code;
  private final List<FixedField> fixedFields;
  private final int fixedLength;

  MessageType(String code, FixedField... fixedFields) {
    this.code = code;
    this.fixedFields = List.of(fixedFields);
    this.fixedLength = this.fixedFields.stream().mapToInt(FixedField::length).sum();
  }

  public String code() {
    return code;
  }

  public List<FixedField> fixedFields() {
    return fixedFields;
  }

  /** Total length of the fixed part, the characters between the code and the first variable field. */
  public int fixedLength() {
    return fixedLength;
  }

  /** Index of a fixed field by name, for {@link Sip2Message#fixed(String)}. */
  public int fixedIndex(String name) {
    for (int i = 0; i < fixedFields.size(); i++) {
      if (fixedFields.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("message " + code + " has no fixed field named " + name);
  }

  private static final MessageType[] BY_CODE = new MessageType[100];

  static {
    for (MessageType t : values()) {
      BY_CODE[Integer.parseInt(t.code)] = t;
    }
  }

  public static Optional<MessageType> ofCode(String code) {
    if (code.length() != 2 || !isAsciiDigit(code.charAt(0)) || !isAsciiDigit(code.charAt(1))) {
      return Optional.empty();
    }
    int c = (code.charAt(0) - '0') * 10 + (code.charAt(1) - '0');
    return Optional.ofNullable(BY_CODE[c]);
  }

  /** The type for a code already read as a number 0..99; null when there is none. */
  static MessageType ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
