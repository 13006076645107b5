package fr.navette.sip2.codec.messages;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import java.util.List;

/**
 * 97 Request ACS Resend: {@code 97}. The SC asks the ACS to send its last reply again (ours had a bad checksum).
 */
public record RequestAcsResend(List<Field> otherFields) implements Sip2Record {

  public RequestAcsResend {
    otherFields = List.copyOf(otherFields);
  }

  public static RequestAcsResend from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.REQUEST_ACS_RESEND);
    return new RequestAcsResend(r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.REQUEST_ACS_RESEND).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "RequestAcsResend[" + toMessage() + "]";
  }
}
