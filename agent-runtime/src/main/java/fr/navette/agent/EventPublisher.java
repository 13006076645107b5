package fr.navette.agent;

import fr.navette.schema.Channel;
import java.time.Duration;

/** Where the forwarder sends stored events: publish QoS 1 and return once the broker confirmed (PUBACK). */
public interface EventPublisher {
  void publishAndConfirm(Channel channel, byte[] payload, Duration timeout) throws SessionException;
}
