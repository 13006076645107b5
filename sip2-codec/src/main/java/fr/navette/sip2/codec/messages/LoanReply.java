package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.CURRENCY_TYPE;
import static fr.navette.sip2.codec.FieldTag.DUE_DATE;
import static fr.navette.sip2.codec.FieldTag.FEE_AMOUNT;
import static fr.navette.sip2.codec.FieldTag.FEE_TYPE;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.ITEM_PROPERTIES;
import static fr.navette.sip2.codec.FieldTag.MEDIA_TYPE;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.SECURITY_INHIBIT;
import static fr.navette.sip2.codec.FieldTag.TITLE_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.TRANSACTION_ID;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.YesNoUnknown;
import java.util.List;
import java.util.Optional;

/**
 * The layout that 12 Checkout Response and 30 Renew Response share field for field (the spec gives 30 "the same
 * layout as 12"): read and written here once, so that the two records cannot drift apart.
 */
sealed interface LoanReply extends Sip2Record permits CheckoutResponse, RenewResponse {
  boolean ok();

  boolean renewalOk();

  YesNoUnknown magneticMedia();

  YesNoUnknown desensitize();

  Optional<Sip2Timestamp> transactionDate();

  String institutionId();

  String patronId();

  String itemId();

  String titleId();

  Optional<String> dueDate();

  Optional<String> feeType();

  Optional<String> securityInhibit();

  Optional<String> currencyType();

  Optional<String> feeAmount();

  Optional<String> mediaType();

  Optional<String> itemProperties();

  Optional<String> transactionId();

  List<String> screenMessages();

  List<String> printLines();

  /** The canonical constructor of either record, in component order. */
  @FunctionalInterface
  interface Constructor<T extends LoanReply> {
    T of(boolean ok, boolean renewalOk, YesNoUnknown magneticMedia, YesNoUnknown desensitize,
        Optional<Sip2Timestamp> transactionDate, String institutionId, String patronId, String itemId,
        String titleId, Optional<String> dueDate, Optional<String> feeType, Optional<String> securityInhibit,
        Optional<String> currencyType, Optional<String> feeAmount, Optional<String> mediaType,
        Optional<String> itemProperties, Optional<String> transactionId, List<String> screenMessages,
        List<String> printLines, List<Field> otherFields);
  }

  static <T extends LoanReply> T read(Sip2Message m, MessageType type, Constructor<T> constructor)
      throws Sip2ParseException {
    Reader r = new Reader(m, type);
    return constructor.of(r.one("ok"), r.yes("renewalOk"), r.yesNoUnknown("magneticMedia"),
        r.yesNoUnknown("desensitize"), r.optionalDate("transactionDate"), r.text(INSTITUTION_ID),
        r.text(PATRON_IDENTIFIER), r.text(ITEM_IDENTIFIER), r.text(TITLE_IDENTIFIER), r.optional(DUE_DATE),
        r.optional(FEE_TYPE), r.optional(SECURITY_INHIBIT), r.optional(CURRENCY_TYPE), r.optional(FEE_AMOUNT),
        r.optional(MEDIA_TYPE), r.optional(ITEM_PROPERTIES), r.optional(TRANSACTION_ID),
        r.list(SCREEN_MESSAGE), r.list(PRINT_LINE), r.others());
  }

  static Sip2Message write(MessageType type, LoanReply reply) {
    return Sip2Message.builder(type).zeroOne(reply.ok()).flag(reply.renewalOk())
        .fixed(reply.magneticMedia().code()).fixed(reply.desensitize().code()).date(reply.transactionDate())
        .field(INSTITUTION_ID, reply.institutionId()).field(PATRON_IDENTIFIER, reply.patronId())
        .field(ITEM_IDENTIFIER, reply.itemId()).field(TITLE_IDENTIFIER, reply.titleId())
        .field(DUE_DATE, reply.dueDate()).field(FEE_TYPE, reply.feeType())
        .field(SECURITY_INHIBIT, reply.securityInhibit()).field(CURRENCY_TYPE, reply.currencyType())
        .field(FEE_AMOUNT, reply.feeAmount()).field(MEDIA_TYPE, reply.mediaType())
        .field(ITEM_PROPERTIES, reply.itemProperties()).field(TRANSACTION_ID, reply.transactionId())
        .fields(SCREEN_MESSAGE, reply.screenMessages()).fields(PRINT_LINE, reply.printLines())
        .fields(reply.otherFields()).build();
  }
}
