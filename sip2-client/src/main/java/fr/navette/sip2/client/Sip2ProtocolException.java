package fr.navette.sip2.client;

/** The SIGB answered, but not with a SIP2 reply we can use (garbage, wrong message, resends exhausted). */
public class Sip2ProtocolException extends Sip2Exception {
  public Sip2ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
