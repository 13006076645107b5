package fr.navette.sip2.codec.messages;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.YesNoUnknown;
import java.util.List;
import java.util.Optional;

/**
 * 12 Checkout Response: {@code 12<ok><renewal ok><magnetic media><desensitize><transaction date>AO<institution id>|
 * AA<patron identifier>|AB<item identifier>|AJ<title identifier>|AH<due date>|[BT<fee type>|][CI<security inhibit>|]
 * [BH<currency type>|][BV<fee amount>|][CK<media type>|][CH<item properties>|][BK<transaction id>|]
 * [AF<screen message>|][AG<print line>|]}. A refusal is ok = 0 with the reason in AF.
 */
public record CheckoutResponse(boolean ok, boolean renewalOk, YesNoUnknown magneticMedia,
    YesNoUnknown desensitize, Optional<Sip2Timestamp> transactionDate, String institutionId, String patronId,
    String itemId, String titleId, Optional<String> dueDate, Optional<String> feeType,
    Optional<String> securityInhibit, Optional<String> currencyType, Optional<String> feeAmount,
    Optional<String> mediaType, Optional<String> itemProperties, Optional<String> transactionId,
    List<String> screenMessages, List<String> printLines, List<Field> otherFields) implements LoanReply {

  public CheckoutResponse {
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static CheckoutResponse from(Sip2Message m) throws Sip2ParseException {
    return LoanReply.read(m, MessageType.CHECKOUT_RESPONSE, CheckoutResponse::new);
  }

  @Override
  public Sip2Message toMessage() {
    return LoanReply.write(MessageType.CHECKOUT_RESPONSE, this);
  }

  @Override
  public String toString() {
    return "CheckoutResponse[" + toMessage() + "]";
  }
}
