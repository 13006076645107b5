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
 * 30 Renew Response: same layout as 12: {@code 30<ok><renewal ok><magnetic media><desensitize><transaction date>
 * AO..|AA..|AB..|AJ..|AH<due date>|[BT..|][CI..|][BH..|][BV..|][CK..|][CH..|][BK..|][AF..|][AG..|]}.
 */
public record RenewResponse(boolean ok, boolean renewalOk, YesNoUnknown magneticMedia,
    YesNoUnknown desensitize, Optional<Sip2Timestamp> transactionDate, String institutionId, String patronId,
    String itemId, String titleId, Optional<String> dueDate, Optional<String> feeType,
    Optional<String> securityInhibit, Optional<String> currencyType, Optional<String> feeAmount,
    Optional<String> mediaType, Optional<String> itemProperties, Optional<String> transactionId,
    List<String> screenMessages, List<String> printLines, List<Field> otherFields) implements LoanReply {

  public RenewResponse {
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static RenewResponse from(Sip2Message m) throws Sip2ParseException {
    return LoanReply.read(m, MessageType.RENEW_RESPONSE, RenewResponse::new);
  }

  @Override
  public Sip2Message toMessage() {
    return LoanReply.write(MessageType.RENEW_RESPONSE, this);
  }

  @Override
  public String toString() {
    return "RenewResponse[" + toMessage() + "]";
  }
}
