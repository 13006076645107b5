package fr.navette.sip2.codec.messages;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.Sip2Message;
import java.util.List;

/**
 * A typed SIP2 message. Each record reads itself from a {@link Sip2Message} ({@code from}) and
 * writes itself back ({@link #toMessage()}); fields it does not know travel in
 * {@link #otherFields()} and are sent back unchanged. {@code toString()} masks secrets.
 */
public interface Sip2Record {
  Sip2Message toMessage();

  /** Variable fields this record has no component for, in the order received. */
  List<Field> otherFields();
}
