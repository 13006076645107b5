package fr.navette.hub.circulation;

import fr.navette.hub.mqtt.Outbound;
import fr.navette.schema.Channel;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a device what became of one of its events, on its {@code response} topic, with the event id as request
 * id: a return box waits a few seconds for its checkin's outcome to choose a bin. A reply is a courtesy, not a
 * record: the outcome is stored with the event, and a reply that cannot be sent is logged, never retried (the
 * box has long since sorted the document to "to sort").
 */
public final class DeviceReplies {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceReplies.class);

  private final Outbound publisher;

  public DeviceReplies(Outbound publisher) {
    this.publisher = publisher;
  }

  public void send(String site, String deviceId, SigbResponse answer) {
    try {
      publisher.publish(Topic.of(site, deviceId, Channel.RESPONSE).toString(), MessageCodec.encode(answer), false);
    } catch (RuntimeException e) {
      LOG.warn("cannot tell device {} the outcome of {}: {}", deviceId, answer.requestId(), e.getMessage());
    }
  }
}
