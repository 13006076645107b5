package fr.navette.mqtt;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message the broker delivered, as the session hands it to its handler (never on Paho's thread).
 *
 * <p>With {@link MqttSettings#manualAcks() manual acknowledgement}, the broker hears nothing until
 * {@link #acknowledge()} is called — from any thread, once the message is safe (stored, set aside); a message
 * never acknowledged is redelivered by the broker after a reconnect (QoS 1, persistent session) or to another
 * member of a shared subscription. Without manual acks the session acknowledged it on arrival and
 * {@code acknowledge()} does nothing. MQTT 5 PUBACK reason codes cannot be chosen for a received message with
 * Paho 1.2.5: refusing one means not acknowledging it.
 */
public final class InboundMessage {
  private final String topic;
  private final byte[] payload;
  private final int qos;
  private final boolean retained;
  private final Optional<String> responseTopic;
  private final byte[] correlationData;
  private final Map<String, String> userProperties;
  private final Runnable acknowledgement;

  public InboundMessage(String topic, byte[] payload, int qos, boolean retained, Optional<String> responseTopic,
                        byte[] correlationData, Runnable acknowledgement) {
    this(topic, payload, qos, retained, responseTopic, correlationData, Map.of(), acknowledgement);
  }

  /** @param userProperties the MQTT 5 user properties, the first value of each name */
  public InboundMessage(String topic, byte[] payload, int qos, boolean retained, Optional<String> responseTopic,
                        byte[] correlationData, Map<String, String> userProperties, Runnable acknowledgement) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.payload = Objects.requireNonNull(payload, "payload");
    this.qos = qos;
    this.retained = retained;
    this.responseTopic = Objects.requireNonNull(responseTopic, "responseTopic");
    this.correlationData = Objects.requireNonNull(correlationData, "correlationData");
    this.userProperties = Map.copyOf(userProperties);
    this.acknowledgement = Objects.requireNonNull(acknowledgement, "acknowledgement");
  }

  public String topic() {
    return topic;
  }

  /** The payload as received (not copied). */
  public byte[] payload() {
    return payload;
  }

  public int qos() {
    return qos;
  }

  /** True when the broker handed over a retained message at subscription, rather than a live one. */
  public boolean retained() {
    return retained;
  }

  /** Where a request wants its answer (MQTT 5 Response Topic). */
  public Optional<String> responseTopic() {
    return responseTopic;
  }

  /** The request's MQTT 5 Correlation Data, empty when none. */
  public byte[] correlationData() {
    return correlationData;
  }

  /** The first value of MQTT 5 user property {@code name}, when the sender set one. */
  public Optional<String> userProperty(String name) {
    return Optional.ofNullable(userProperties.get(name));
  }

  /** Sends this message's PUBACK now (manual acks); a no-op otherwise, or when its connection is gone. */
  public void acknowledge() {
    acknowledgement.run();
  }

  /**
   * The answer to this request: QoS 1 on its Response Topic with its Correlation Data (or {@code correlationData}
   * when the request carried none).
   *
   * @throws IllegalStateException when the request named no response topic
   */
  public OutboundMessage reply(byte[] answer, byte[] fallbackCorrelation) {
    String to = responseTopic.orElseThrow(() -> new IllegalStateException("no response topic on " + topic));
    return new OutboundMessage(to, answer, 1, false, Optional.empty(),
        correlationData.length > 0 ? correlationData : fallbackCorrelation);
  }

  @Override
  public String toString() { // never the payload: it may hold a PIN
    return "InboundMessage[" + topic + ", " + payload.length + " bytes, QoS " + qos + (retained ? ", retained" : "")
        + "]";
  }
}
