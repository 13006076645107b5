package fr.navette.schema;

import java.util.Objects;

/**
 * The device's birth and death, retained on its {@code state} topic: {@code online} published at each connect,
 * {@code offline} set as the MQTT will (the broker publishes it when the device vanishes) and published on a
 * clean shutdown. A will is made at connect time, so its {@code deviceTime} is the connect time: the hub takes
 * the death time from when the message reached it. {@code header.sequence} is the device's high-water mark
 * (the last sequence it stored), not a number of its own.
 */
public record StateEvent(EventHeader header, State state, String softwareVersion) implements Event {
  public enum State { ONLINE, OFFLINE }

  public StateEvent {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(state, "state");
    Fields.requireText("softwareVersion", softwareVersion, Limits.IDENTIFIER);
  }

  @Override
  public Channel channel() {
    return Channel.STATE;
  }
}
