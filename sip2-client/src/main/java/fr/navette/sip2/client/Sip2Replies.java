package fr.navette.sip2.client;

import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.LOGIN_USER_ID;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;

import fr.navette.sip2.codec.FieldTag;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Received;
import fr.navette.sip2.codec.Sip2Message;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which reply answers which request, and how a request is named in errors and logs.
 *
 * <p>A reply answers a request when: it is the request's reply type (09 → 10, 11 → 12, 17 → 18, 23 and 25 → 24, …);
 * every item identifier (AB) it carries is the request's, and every patron identifier (AA) too, when the request
 * carries one (compared trimmed and ignoring case: servers echo what they looked up, Koha its stored barcode); and,
 * with error detection on, its AY sequence digit is the one we sent. A reply that leaves AB or AA out (or empty) is
 * accepted — the spec marks them required, but servers omit them on refusals, and a reply that names no item cannot
 * name another one; a reply without AY is accepted too, as the codec does (the spec has resent messages go without
 * one, and some servers never send it). The AA a checkin reply carries is the borrower's, not ours: only compared
 * when the request had one.
 */
final class Sip2Replies {
  private Sip2Replies() {}

  /** The reply type that answers {@code request}; a message we never send as a request is refused here. */
  static MessageType replyTo(MessageType request) {
    return switch (request) {
      case PATRON_STATUS_REQUEST, BLOCK_PATRON -> MessageType.PATRON_STATUS_RESPONSE;
      case CHECKOUT -> MessageType.CHECKOUT_RESPONSE;
      case CHECKIN -> MessageType.CHECKIN_RESPONSE;
      case SC_STATUS -> MessageType.ACS_STATUS;
      case LOGIN -> MessageType.LOGIN_RESPONSE;
      case PATRON_INFORMATION -> MessageType.PATRON_INFORMATION_RESPONSE;
      case END_PATRON_SESSION -> MessageType.END_SESSION_RESPONSE;
      case FEE_PAID -> MessageType.FEE_PAID_RESPONSE;
      case ITEM_INFORMATION -> MessageType.ITEM_INFORMATION_RESPONSE;
      case ITEM_STATUS_UPDATE -> MessageType.ITEM_STATUS_UPDATE_RESPONSE;
      case HOLD -> MessageType.HOLD_RESPONSE;
      case RENEW -> MessageType.RENEW_RESPONSE;
      case RENEW_ALL -> MessageType.RENEW_ALL_RESPONSE;
      default -> throw new IllegalArgumentException(
          "message " + request.code() + " is not a request a SIP2 client sends: nothing answers it");
    };
  }

  /**
   * The request as errors name it: what, its code, and whose — "checkin (09) of item 3000000042", "patron status
   * (23) for patron ***45". Never a PIN or a password; a patron only masked.
   */
  static String describe(Sip2Message request) {
    StringBuilder sb = new StringBuilder(name(request.type())).append(" (").append(request.type().code()).append(')');
    request.field(ITEM_IDENTIFIER).ifPresent(item -> sb.append(" of item ").append(shown(item)));
    request.field(PATRON_IDENTIFIER).ifPresent(patron -> sb.append(" for patron ").append(masked(patron)));
    request.field(LOGIN_USER_ID).ifPresent(user -> sb.append(" as user '").append(shown(user)).append('\''));
    return sb.toString();
  }

  /** What a session's own exchange was doing on behalf of a caller's request, for "(while …)". */
  static String step(Sip2Message own) {
    return switch (own.type()) {
      case LOGIN -> "logging in on a new session";
      case SC_STATUS -> "checking the session with an SC status";
      default -> describe(own);
    };
  }

  /** Why {@code reply} does not answer {@code request} sent with AY {@code sequence}; empty when it does. */
  static Optional<String> mismatch(Sip2Message request, int sequence, boolean errorDetection, Received reply) {
    Sip2Message m = reply.message();
    MessageType expected = replyTo(request.type());
    if (m.type() != expected) {
      return Optional.of("the SIGB answered with a message " + m.type().code() + ", not a " + expected.code());
    }
    Optional<String> item = otherId(request, m, ITEM_IDENTIFIER);
    if (item.isPresent()) {
      return Optional.of("reply " + m.type().code() + " names item " + shown(item.get()));
    }
    Optional<String> patron = otherId(request, m, PATRON_IDENTIFIER);
    if (patron.isPresent()) {
      return Optional.of("reply " + m.type().code() + " names another patron (" + masked(patron.get()) + ")");
    }
    OptionalInt ay = reply.sequence();
    if (errorDetection && ay.isPresent() && ay.getAsInt() != sequence) {
      return Optional.of("reply " + m.type().code() + " carries sequence AY" + ay.getAsInt() + ", we sent AY" + sequence
          + " (a reply to an earlier request)");
    }
    return Optional.empty();
  }

  /** A value of {@code tag} in the reply that is not the request's, when the request carries one. */
  private static Optional<String> otherId(Sip2Message request, Sip2Message reply, FieldTag tag) {
    Optional<String> asked = request.field(tag).map(String::trim).filter(v -> !v.isEmpty());
    if (asked.isEmpty()) {
      return Optional.empty();
    }
    return reply.fieldValues(tag).stream().map(String::trim)
        .filter(v -> !v.isEmpty() && !v.equalsIgnoreCase(asked.get())).findFirst();
  }

  private static String masked(String patron) {
    return shown(PATRON_IDENTIFIER.sensitivity().mask(patron.trim()));
  }

  /** Longest identifier shown whole in a message; a hostile SIGB's 60 KiB "item" is cut there. */
  static final int SHOWN = 40;

  /**
   * An identifier as a log line or an error may carry it: control characters (which could forge log lines or
   * drive a terminal) as '?', and cut after {@link #SHOWN} characters.
   */
  static String shown(String value) {
    StringBuilder sb = new StringBuilder(Math.min(value.length(), SHOWN + 1));
    for (int i = 0; i < value.length() && i < SHOWN; i++) {
      char c = value.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return value.length() > SHOWN ? sb.append('…').toString() : sb.toString();
  }

  private static String name(MessageType request) {
    return switch (request) {
      case PATRON_STATUS_REQUEST -> "patron status";
      case BLOCK_PATRON -> "block patron";
      case CHECKOUT -> "checkout";
      case CHECKIN -> "checkin";
      case SC_STATUS -> "SC status";
      case LOGIN -> "login";
      case PATRON_INFORMATION -> "patron information";
      case END_PATRON_SESSION -> "end patron session";
      case FEE_PAID -> "fee paid";
      case ITEM_INFORMATION -> "item information";
      case ITEM_STATUS_UPDATE -> "item status update";
      case HOLD -> "hold";
      case RENEW -> "renew";
      case RENEW_ALL -> "renew all";
      default -> "message";
    };
  }
}
