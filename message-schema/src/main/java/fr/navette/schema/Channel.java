package fr.navette.schema;

import java.util.Optional;

/**
 * The last segment of a topic {@code navette/v1/<site>/<device>/<channel>}: what travels there, in which
 * direction, and whether the broker keeps the last message (retained). The AsyncAPI document
 * {@code fr/navette/schema/v1/asyncapi.yaml} describes each one; a test keeps both in step.
 */
public enum Channel {
  /** A gate saw an armed document cross it. Device → hub, QoS 1, from the outbox. */
  ALARM("alarm", Direction.DEVICE_TO_HUB, false),
  /** A document dropped in a return box (re-armed first). */
  RETURN("return", Direction.DEVICE_TO_HUB, false),
  /** A return box put a document in its problems bin (unreadable, foreign, not re-armed): staff must look. */
  RETURN_PROBLEM("return-problem", Direction.DEVICE_TO_HUB, false),
  /** A loan the SIGB accepted at a kiosk (tag disarmed after). */
  CHECKOUT("checkout", Direction.DEVICE_TO_HUB, false),
  /** A renewal the SIGB accepted at a kiosk. */
  RENEW("renew", Direction.DEVICE_TO_HUB, false),
  /** Gate people counts over a period; may be aggregated when the outbox is full. */
  COUNT("count", Direction.DEVICE_TO_HUB, false),
  /** Birth (online, at connect) and death (offline, the will), retained. */
  STATE("state", Direction.DEVICE_TO_HUB, true),
  /** Periodic health: uptime, outbox depth and age, reader state, last error. */
  HEALTH("health", Direction.DEVICE_TO_HUB, false),
  /** A kiosk asks the SIGB something through the hub (MQTT 5 response topic + correlation data). */
  REQUEST("request", Direction.DEVICE_TO_HUB, false),
  /** The hub's answer to a request, on the response topic the device named. */
  RESPONSE("response", Direction.HUB_TO_DEVICE, false),
  /** The device's configuration with its version, retained per device. */
  CONFIG("config", Direction.HUB_TO_DEVICE, true),
  /** The device applied a config version, or refused it with a reason and kept the old one. */
  CONFIG_ACK("config-ack", Direction.DEVICE_TO_HUB, false),
  /** One command addressed to one device (e.g. silence the alarm, re-sync). */
  COMMAND("command", Direction.HUB_TO_DEVICE, false),
  /** The outcome of one command. */
  COMMAND_ACK("command-ack", Direction.DEVICE_TO_HUB, false);

  /** Who publishes on a channel. The broker's ACL lets a device publish only its own DEVICE_TO_HUB topics. */
  public enum Direction { DEVICE_TO_HUB, HUB_TO_DEVICE }

  private final String wireName;
  private final Direction direction;
  private final boolean retained;

  Channel(String wireName, Direction direction, boolean retained) {
    this.wireName = wireName;
    this.direction = direction;
    this.retained = retained;
  }

  public String wireName() {
    return wireName;
  }

  public Direction direction() {
    return direction;
  }

  /** Whether messages on this channel are published retained (the broker keeps the last one). */
  public boolean retained() {
    return retained;
  }

  /** The channel whose topic segment is {@code wireName}, if this version knows it. */
  public static Optional<Channel> fromWire(String wireName) {
    for (Channel channel : values()) {
      if (channel.wireName.equals(wireName)) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }
}
