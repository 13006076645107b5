package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.LOCATION_CODE;
import static fr.navette.sip2.codec.FieldTag.LOGIN_PASSWORD;
import static fr.navette.sip2.codec.FieldTag.LOGIN_USER_ID;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import java.util.List;
import java.util.Optional;

/**
 * 93 Login: {@code 93<UID algorithm><PWD algorithm>CN<login user id>|CO<login password>|[CP<location code>|]}.
 * The algorithms are "0" (not encrypted) in every server we know. The password never appears in
 * {@link #toString()}.
 */
public record LoginRequest(String uidAlgorithm, String pwdAlgorithm, String userId, String password,
    Optional<String> locationCode, List<Field> otherFields) implements Sip2Record {

  public LoginRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static LoginRequest of(String userId, String password, Optional<String> locationCode) {
    return new LoginRequest("0", "0", userId, password, locationCode, List.of());
  }

  public static LoginRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.LOGIN);
    return new LoginRequest(r.fixed("uidAlgorithm"), r.fixed("pwdAlgorithm"), r.text(LOGIN_USER_ID),
        r.text(LOGIN_PASSWORD), r.optional(LOCATION_CODE), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.LOGIN).fixed(uidAlgorithm).fixed(pwdAlgorithm)
        .field(LOGIN_USER_ID, userId).field(LOGIN_PASSWORD, password).field(LOCATION_CODE, locationCode)
        .fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "LoginRequest[" + toMessage() + "]";
  }
}
