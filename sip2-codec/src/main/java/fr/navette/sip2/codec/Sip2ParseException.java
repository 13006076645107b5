package fr.navette.sip2.codec;

import java.util.Optional;

/**
 * The one error of the codec: bytes that are not a SIP2 message we can read. It names the
 * message (its two-digit code, when it got that far) and the field at fault, so that an admin
 * looking at a log line knows which side to fix.
 */
public class Sip2ParseException extends Exception {
  private final String messageCode;
  private final String field;

  public Sip2ParseException(String messageCode, String field, String problem) {
    super(describe(messageCode, field, problem));
    this.messageCode = messageCode;
    this.field = field;
  }

  private static String describe(String messageCode, String field, String problem) {
    StringBuilder sb = new StringBuilder("SIP2 message");
    if (messageCode != null) {
      sb.append(' ').append(messageCode);
    }
    if (field != null) {
      sb.append(", field ").append(field);
    }
    return sb.append(": ").append(problem).toString();
  }

  /** The two-digit code of the message, empty when the frame was too short to tell. */
  public Optional<String> messageCode() {
    return Optional.ofNullable(messageCode);
  }

  /** The field at fault (a fixed field's name or a variable field's tag), empty for whole-frame problems. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
