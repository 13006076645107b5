package fr.navette.sip2.client;

/** The SIGB refused our login (94 with ok = 0): wrong user, password or location. */
public final class Sip2LoginException extends Sip2ProtocolException {
  public Sip2LoginException(String message) {
    super(message, null);
  }
}
