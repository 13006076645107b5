package fr.navette.schema;

import java.util.regex.Pattern;

/**
 * One MQTT topic of the tree {@code navette/v1/<site>/<device>/<channel>} (DESIGN §3). The site is the
 * branch code the device stands in; a device publishes only under its own subtree.
 */
public record Topic(String site, String device, String channel) {
  public static final String ROOT = "navette/v1";
  private static final Pattern SEGMENT = Pattern.compile(Limits.NAME_PATTERN);

  public Topic {
    requireSegment("site", site);
    requireSegment("device", device);
    requireSegment("channel", channel);
  }

  public static Topic of(String site, String device, Channel channel) {
    return new Topic(site, device, channel.wireName());
  }

  /** Parses a topic name; the error names the part that is wrong. */
  public static Topic parse(String topic) {
    String[] parts = topic.split("/", -1);
    if (parts.length != 5 || !"navette".equals(parts[0]) || !"v1".equals(parts[1])) {
      throw new SchemaException("topic", "expected navette/v1/<site>/<device>/<channel>, got '" + topic + "'");
    }
    return new Topic(parts[2], parts[3], parts[4]);
  }

  /** The filter matching one channel of every device of every site. */
  public static String filterForChannel(Channel channel) {
    return ROOT + "/+/+/" + channel.wireName();
  }

  @Override
  public String toString() {
    return ROOT + "/" + site + "/" + device + "/" + channel;
  }

  private static void requireSegment(String what, String value) {
    if (value == null || !SEGMENT.matcher(value).matches()) {
      throw new SchemaException("topic." + what,
          "must be 1-64 letters, digits, '.', '_' or '-' (no MQTT wildcard), got "
              + (value == null ? "nothing" : Fields.quote(value)));
    }
  }
}
