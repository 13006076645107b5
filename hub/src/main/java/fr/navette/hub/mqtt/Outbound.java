package fr.navette.hub.mqtt;

/**
 * What the hub sends devices, QoS 1: replies to their events, their configuration and commands, answers to
 * kiosks' requests. The features that send depend on this alone, never on the MQTT client behind it.
 */
public interface Outbound {
  /**
   * Publishes and waits until the broker took it; retained for what a device must find when it connects (its
   * configuration).
   *
   * @throws IllegalStateException when it could not be published
   */
  void publish(String topic, byte[] payload, boolean retained);

  /**
   * Answers an MQTT 5 request on its Response Topic with its Correlation Data, without waiting (the answer is
   * late already if the broker is slow).
   *
   * @throws IllegalStateException when it could not be handed to the session
   */
  void answer(String responseTopic, byte[] payload, byte[] correlation);
}
