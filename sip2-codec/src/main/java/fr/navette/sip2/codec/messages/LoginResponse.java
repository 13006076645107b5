package fr.navette.sip2.codec.messages;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import java.util.List;

/** 94 Login Response: {@code 94<ok>}, ok = 1 when the ACS accepted the login. */
public record LoginResponse(boolean ok, List<Field> otherFields) implements Sip2Record {

  public LoginResponse {
    otherFields = List.copyOf(otherFields);
  }

  public static LoginResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.LOGIN_RESPONSE);
    return new LoginResponse(r.one("ok"), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.LOGIN_RESPONSE).zeroOne(ok).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "LoginResponse[" + toMessage() + "]";
  }
}
