package fr.navette.hub.intake;

import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.SchemaException;
import fr.navette.schema.Topic;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the hub's embedded broker does with a PUBLISH, by its topic alone: hand it to ingest (an event or an
 * acknowledgement, stored before its PUBACK), refuse it at once (under {@code navette/} but no topic of the tree:
 * wrong version prefix, wrong depth, unknown channel — answered 0x90 with the reason, never "success, no
 * subscribers", which a device would take for stored), or let it pass (kiosk requests, states and the hub's own
 * config, commands and responses, which have their own paths; anything outside {@code navette/}).
 */
final class IntakeTopics {
  /** The verdict on one topic. */
  sealed interface Verdict permits Take, Pass, Refuse {}

  record Take() implements Verdict {}

  record Pass() implements Verdict {}

  record Refuse(String reason) implements Verdict {}

  static final Verdict TAKE = new Take();
  static final Verdict PASS = new Pass();

  /**
   * Channels the hub subscribes to even on its embedded broker: a will — the {@code state} message the broker
   * publishes for a device that vanished — is not a PUBLISH from a client, so the broker's interceptors never see
   * it; and a retained state is delivered only to a subscription.
   */
  static final Set<Channel> ALWAYS_SUBSCRIBED = Set.of(Channel.STATE);
  private static final Set<String> TAKEN = Set.copyOf(ingestedChannels().stream()
      .filter(c -> !ALWAYS_SUBSCRIBED.contains(c)).map(Channel::wireName).toList());
  private static final String KNOWN = Arrays.stream(Channel.values()).map(Channel::wireName)
      .collect(Collectors.joining(", "));

  private IntakeTopics() {}

  /** Every channel devices speak on, except SIGB requests: those carry PINs and are never stored. */
  static List<Channel> ingestedChannels() {
    return Arrays.stream(Channel.values())
        .filter(c -> c.direction() == Channel.Direction.DEVICE_TO_HUB && c != Channel.REQUEST)
        .toList();
  }

  /** Called on a broker thread for every PUBLISH: the common case (a device event) is a string scan. */
  static Verdict judge(String topic) {
    if (!topic.startsWith("navette/")) {
      return PASS;
    }
    if (takenInBroker(topic)) {
      return TAKE; // a bad site or device name inside is for classify to set aside
    }
    Topic parsed;
    try {
      parsed = Topic.parse(topic);
    } catch (SchemaException e) {
      return new Refuse(e.getMessage());
    }
    Optional<Channel> channel = Channel.fromWire(parsed.channel());
    if (channel.isEmpty()) {
      return new Refuse("channel '" + parsed.channel() + "' is not one of schema " + EventCodec.SCHEMA_VERSION
          + " (" + KNOWN + ")");
    }
    return PASS;
  }

  /** {@code navette/v1/<site>/<device>/<channel>} for an ingested channel, except those always subscribed. */
  static boolean takenInBroker(String topic) {
    if (!topic.startsWith(Topic.ROOT + "/")) {
      return false;
    }
    int site = Topic.ROOT.length() + 1;
    int device = topic.indexOf('/', site) + 1;
    int channel = device == 0 ? 0 : topic.indexOf('/', device) + 1;
    return channel > 0 && topic.indexOf('/', channel) < 0 && TAKEN.contains(topic.substring(channel));
  }
}
