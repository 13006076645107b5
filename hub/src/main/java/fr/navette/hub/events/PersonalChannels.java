package fr.navette.hub.events;

import fr.navette.schema.Channel;
import fr.navette.schema.SchemaException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which channels' bytes the quarantine may keep. Kiosk requests hold a card number and a PIN, responses a patron's
 * loans and first name, loans and renewals a patron's pseudonym beside a document: a message of those set aside is
 * kept as its topic, its size, when and why — never its bytes (DESIGN §9: nothing personal is written where nobody
 * purges it). Only the channels listed here as carrying no personal data keep their bytes; a channel this hub does not
 * know keeps none either (a newer device's channel may carry anything).
 */
public final class PersonalChannels {
  /** What devices and the hub send that names no patron: alarms, returns, counts, the devices' own state... */
  private static final Set<Channel> NO_PERSONAL_DATA = EnumSet.of(Channel.ALARM, Channel.RETURN,
      Channel.RETURN_PROBLEM, Channel.COUNT, Channel.STATE, Channel.HEALTH, Channel.CONFIG, Channel.CONFIG_ACK,
      Channel.COMMAND, Channel.COMMAND_ACK);
  /** Fields whose value is personal whatever is wrong with it: a reason names them, never quotes them. */
  private static final Set<String> PERSONAL_FIELDS = Set.of("patronRef", "patronId", "pin", "greetingName");

  private PersonalChannels() {}

  /** Whether the bytes of a message on {@code topic} may be kept: its channel (last level) is known to name nobody. */
  public static boolean keepsBytes(String topic) {
    return channel(topic).filter(NO_PERSONAL_DATA::contains).isPresent();
  }

  /**
   * Why a message on {@code topic} does not decode, fit for the quarantine, a log line and the device's refusal: as
   * the schema said it, except on a channel that may carry personal data, where a value is never quoted — the JSON
   * parser quotes the token it choked on ({@code $}), and a patron's fields are secrets whatever is wrong with them.
   */
  public static String reason(String topic, SchemaException e) {
    if (keepsBytes(topic)) {
      return e.getMessage();
    }
    String field = e.field();
    boolean personal = field.equals("$") || PERSONAL_FIELDS.contains(field) || field.startsWith("loans")
        || field.startsWith("holds");
    return personal ? field + ": not valid (value not shown: this channel carries personal data)" : e.getMessage();
  }

  /** As {@link #reason(String, SchemaException)} for a decoder's unexpected failure: its class only, there. */
  public static String reason(String topic, RuntimeException e) {
    return keepsBytes(topic) ? String.valueOf(e) : e.getClass().getName();
  }

  private static Optional<Channel> channel(String topic) {
    if (topic == null) {
      return Optional.empty();
    }
    int slash = topic.lastIndexOf('/');
    return Channel.fromWire(topic.substring(slash + 1));
  }
}
