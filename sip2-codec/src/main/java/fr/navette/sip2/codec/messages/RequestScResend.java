package fr.navette.sip2.codec.messages;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import java.util.List;

/**
 * 96 Request SC Resend: {@code 96}. The ACS asks us to send our last request again.
 */
public record RequestScResend(List<Field> otherFields) implements Sip2Record {

  public RequestScResend {
    otherFields = List.copyOf(otherFields);
  }

  public static RequestScResend from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.REQUEST_SC_RESEND);
    return new RequestScResend(r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.REQUEST_SC_RESEND).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "RequestScResend[" + toMessage() + "]";
  }
}
