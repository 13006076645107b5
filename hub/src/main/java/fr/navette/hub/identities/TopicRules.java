package fr.navette.hub.identities;

import fr.navette.broker.Gatekeeper;
import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.DeviceKind;
import fr.navette.schema.Channel;
import java.util.EnumSet;
import java.util.Set;

/**
 * What each kind of identity may do on the topic tree {@code navette/v1/<site>/<device>/<channel>}: least privilege.
 * A device publishes only its own kind's channels under its own subtree and subscribes only to its own config,
 * commands and responses (exact filters: no wildcard, no shared subscription). A monitor publishes nothing and
 * subscribes to events, state and health of any device — never requests nor responses, which carry PINs and
 * patrons' accounts. The hub may do everything.
 */
public final class TopicRules {
  private static final String ROOT = "navette";
  private static final String VERSION = "v1";
  private static final Set<Channel> EVERY_DEVICE = EnumSet.of(Channel.STATE, Channel.HEALTH, Channel.CONFIG_ACK,
      Channel.COMMAND_ACK);
  private static final Set<Channel> DEVICE_READS = EnumSet.of(Channel.CONFIG, Channel.COMMAND, Channel.RESPONSE);
  /** Events, state and health: what an administrator's tool may watch. */
  static final Set<Channel> MONITOR_READS = EnumSet.of(Channel.ALARM, Channel.RETURN, Channel.RETURN_PROBLEM,
      Channel.CHECKOUT, Channel.RENEW, Channel.COUNT, Channel.STATE, Channel.HEALTH);

  private TopicRules() {}

  /** The channels a device of this kind publishes on (its own subtree only). */
  static Set<Channel> publishes(DeviceKind kind) {
    EnumSet<Channel> channels = EnumSet.copyOf(EVERY_DEVICE);
    switch (kind) {
      case GATE -> channels.addAll(EnumSet.of(Channel.ALARM, Channel.COUNT));
      case SELF_CHECK -> channels.addAll(EnumSet.of(Channel.CHECKOUT, Channel.RENEW, Channel.REQUEST));
      case RETURN_BOX -> channels.addAll(EnumSet.of(Channel.RETURN, Channel.RETURN_PROBLEM, Channel.REQUEST));
      case MONITOR -> channels.clear();
    }
    return channels;
  }

  /** The grant of a device or monitor identity. */
  public static Gatekeeper.Grant of(DeviceIdentity identity) {
    return identity.kind() == DeviceKind.MONITOR ? new Monitor(identity) : new Device(identity);
  }

  /** The hub's own sessions: the whole tree, and shared subscriptions among hubs. */
  public static Gatekeeper.Grant hub() {
    return new Gatekeeper.Grant() {
      @Override
      public String identity() {
        return "hub";
      }

      @Override
      public boolean mayPublish(String topic) {
        return topic.startsWith(ROOT + "/");
      }

      @Override
      public boolean maySubscribe(String filter) {
        String plain = filter.startsWith("$share/") ? filter.substring(filter.indexOf('/', 7) + 1) : filter;
        return plain.startsWith(ROOT + "/") || plain.equals("#");
      }
    };
  }

  private record Device(DeviceIdentity device, Set<Channel> allowed) implements Gatekeeper.Grant {
    Device(DeviceIdentity device) {
      this(device, TopicRules.publishes(device.kind()));
    }

    @Override
    public String identity() {
      return device.id();
    }

    @Override
    public boolean mayPublish(String topic) {
      Channel channel = ownChannel(topic);
      return channel != null && allowed.contains(channel);
    }

    @Override
    public boolean maySubscribe(String filter) {
      Channel channel = ownChannel(filter);
      return channel != null && DEVICE_READS.contains(channel);
    }

    /** The channel of a topic under this device's own subtree, or null. */
    private Channel ownChannel(String topic) {
      String[] parts = topic.split("/", -1);
      if (parts.length != 5 || !ROOT.equals(parts[0]) || !VERSION.equals(parts[1])
          || !device.site().equals(parts[2]) || !device.id().equals(parts[3])) {
        return null;
      }
      return Channel.fromWire(parts[4]).orElse(null);
    }
  }

  private record Monitor(DeviceIdentity monitor) implements Gatekeeper.Grant {
    @Override
    public String identity() {
      return monitor.id();
    }

    @Override
    public boolean mayPublish(String topic) {
      return false;
    }

    /** {@code navette/v1/<site or +>/<device or +>/<a watched channel>}: the channel is never a wildcard. */
    @Override
    public boolean maySubscribe(String filter) {
      String[] parts = filter.split("/", -1);
      if (parts.length != 5 || !ROOT.equals(parts[0]) || !VERSION.equals(parts[1])) {
        return false;
      }
      for (int i = 2; i < 4; i++) {
        if (parts[i].isEmpty() || parts[i].contains("#") || (parts[i].contains("+") && !parts[i].equals("+"))) {
          return false;
        }
      }
      return Channel.fromWire(parts[4]).filter(MONITOR_READS::contains).isPresent();
    }
  }
}
