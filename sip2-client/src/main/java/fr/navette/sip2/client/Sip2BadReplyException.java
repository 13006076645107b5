package fr.navette.sip2.client;

/**
 * What came back on the session does not answer the request: another message type, another item (AB) or patron
 * (AA), another AY sequence, a line without end, or bytes still unreadable after resends. The session is closed —
 * never reused, so that a stray reply cannot answer a later request — and, like a lost connection, the request may or
 * may not have been applied: the pool sends it again per its retry rules.
 */
public final class Sip2BadReplyException extends Sip2ProtocolException {
  public Sip2BadReplyException(String message, Throwable cause) {
    super(message, cause);
  }
}
