package fr.navette.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to publish: topic, payload, QoS (0 or 1), retained, for a request the MQTT 5 Response Topic and
 * Correlation Data (empty when none), and MQTT 5 user properties (name → value, in order; e.g. a device's
 * {@code sent-at}). The payload is the caller's: not copied.
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retained, Optional<String> responseTopic,
                              byte[] correlationData, Map<String, String> userProperties) {
  public OutboundMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    if (qos != 0 && qos != 1) {
      throw new IllegalArgumentException("QoS 0 or 1 only, got " + qos);
    }
    Objects.requireNonNull(responseTopic, "responseTopic");
    Objects.requireNonNull(correlationData, "correlationData");
    userProperties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(userProperties));
  }

  /** A message without user properties. */
  public OutboundMessage(String topic, byte[] payload, int qos, boolean retained, Optional<String> responseTopic,
                         byte[] correlationData) {
    this(topic, payload, qos, retained, responseTopic, correlationData, Map.of());
  }

  /** A plain message, not retained. */
  public static OutboundMessage of(String topic, byte[] payload, int qos) {
    return new OutboundMessage(topic, payload, qos, false, Optional.empty(), new byte[0]);
  }

  /** A retained QoS 1 message (a config, a state); an empty payload clears what the broker retains there. */
  public static OutboundMessage retained(String topic, byte[] payload) {
    return new OutboundMessage(topic, payload, 1, true, Optional.empty(), new byte[0]);
  }

  /** A QoS 1 request: the answer is expected on {@code responseTopic}, carrying {@code correlationData} back. */
  public static OutboundMessage request(String topic, byte[] payload, String responseTopic, byte[] correlationData) {
    return new OutboundMessage(topic, payload, 1, false, Optional.of(responseTopic), correlationData);
  }

  public OutboundMessage withRetained(boolean retained) {
    return new OutboundMessage(topic, payload, qos, retained, responseTopic, correlationData, userProperties);
  }

  public OutboundMessage withQos(int qos) {
    return new OutboundMessage(topic, payload, qos, retained, responseTopic, correlationData, userProperties);
  }

  /** This message with one more MQTT 5 user property (replacing one of the same name). */
  public OutboundMessage withUserProperty(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(userProperties);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new OutboundMessage(topic, payload, qos, retained, responseTopic, correlationData, more);
  }

  @Override
  public String toString() { // never the payload: it may hold a PIN
    return "OutboundMessage[" + topic + ", " + payload.length + " bytes, QoS " + qos + (retained ? ", retained" : "")
        + responseTopic.map(t -> ", response topic " + t).orElse("") + "]";
  }
}
