package fr.navette.hub.intake;

import fr.navette.hub.events.ClockOffset;
import fr.navette.hub.mqtt.HubSession;
import fr.navette.hub.mqtt.Subscriptions;
import fr.navette.schema.SentAt;
import fr.navette.schema.Topic;
import java.util.List;
import java.util.Optional;

/**
 * Device events through a subscription of the hub's session: on an external broker every ingested channel
 * (shared, {@code $share/<group>/...}, so that several hubs split the load), on the embedded one only what never
 * passes its interceptor ({@link IntakeTopics#ALWAYS_SUBSCRIBED}). Acknowledged by hand: the PUBACK to the broker
 * goes after the commit; if the hub dies, the broker redelivers what was not acknowledged to the persistent session
 * (clean start false) or to another hub of the share group.
 */
public final class SubscriptionSource implements HubSession.Receiver {
  private final Intake intake;

  public SubscriptionSource(Intake intake) {
    this.intake = intake;
  }

  /** How the hub's own session connects: its session kept, acknowledgements by hand, a bounded receive maximum. */
  public static HubSession.Settings session(String brokerUri, String clientId) {
    return new HubSession.Settings(brokerUri, clientId, "hub", true, EventIngest.RECEIVE_MAXIMUM, true,
        Optional.empty());
  }

  /** What the hub subscribes to; {@code brokerHandsOver} when the embedded broker hands the rest over. */
  public static List<String> filters(String shareGroup, boolean brokerHandsOver) {
    return IntakeTopics.ingestedChannels().stream()
        .filter(c -> !brokerHandsOver || IntakeTopics.ALWAYS_SUBSCRIBED.contains(c))
        .map(c -> Subscriptions.shared(shareGroup, Topic.filterForChannel(c)))
        .toList();
  }

  @Override
  public void received(HubSession.Delivery delivery) throws InterruptedException {
    // Bounded by the receive maximum: the broker sends no more than that many unacknowledged messages.
    // Through a broker that may have kept it for the hub (see ClockOffset.measure); a retained message (a state
    // handed over at subscription) says a clock reading of long ago: none taken.
    ClockOffset.Reading clock = delivery.retained() ? ClockOffset.Reading.UNSAID
        : new ClockOffset.Reading(delivery.userProperty(SentAt.PROPERTY), false);
    intake.put(new Incoming(delivery.topic(), delivery.payload(), clock, new Subscribed(delivery)));
  }

  /** A subscription's message: acknowledged once stored or set aside, held (unacknowledged) otherwise. */
  private record Subscribed(HubSession.Delivery delivery) implements Incoming.Reply {
    @Override
    public void stored() {
      delivery.acknowledge();
    }

    @Override
    public void setAside(String reason) {
      delivery.acknowledge(); // kept in quarantine: a redelivery would only be set aside again
    }

    @Override
    public boolean notStored(String reason) {
      return false;
    }
  }
}
