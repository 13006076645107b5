package fr.navette.hub.intake;

import fr.navette.broker.EmbeddedBroker;
import fr.navette.hub.events.ClockOffset;
import fr.navette.schema.SentAt;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device events taken inside the hub's embedded broker instead of through a subscription: the broker hands each
 * PUBLISH over before answering it, and the device's PUBACK says what became of it (hub/README, the PUBACK table).
 * What is under {@code navette/} but no topic of the tree is refused here at once ({@link IntakeTopics}, 0x90);
 * a hub too busy refuses with 0x97, never waiting on a broker thread.
 */
public final class BrokerSource {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerSource.class);

  private BrokerSource() {}

  /** Has {@code broker} hand its devices' events to {@code intake}: call before devices are let in. */
  public static void feed(EmbeddedBroker broker, Intake intake, IngestCounts counts) {
    broker.takePublishes(new EmbeddedBroker.PublishTaker() {
      @Override
      public boolean wants(String topic) {
        return !(IntakeTopics.judge(topic) instanceof IntakeTopics.Pass);
      }

      @Override
      public void take(String topic, byte[] payload, Function<String, Optional<String>> userProperty,
                       EmbeddedBroker.Settlement settlement) {
        if (IntakeTopics.judge(topic) instanceof IntakeTopics.Refuse refuse) {
          counts.refusedTopic.increment();
          LOG.debug("refused a PUBLISH on {}: {}", BatchWriter.shorten(topic), refuse.reason());
          settlement.refused(EmbeddedBroker.Refusal.TOPIC_INVALID, BatchWriter.shorten(refuse.reason()));
          return;
        }
        // Never wait on a broker thread: a hub that cannot keep up says so, and the device sends again later.
        // Straight from the device: the broker hands the PUBLISH over as it arrives, so sent-at reads against now.
        ClockOffset.Reading clock = new ClockOffset.Reading(userProperty.apply(SentAt.PROPERTY), true);
        if (!intake.offer(new Incoming(topic, payload, clock, new Settled(settlement)))) {
          counts.refusedBusy.increment();
          settlement.refused(EmbeddedBroker.Refusal.BUSY, "the hub is busy: send it again later");
        }
      }
    });
  }

  /** A device's PUBLISH held in the embedded broker: its PUBACK says what became of it. */
  private record Settled(EmbeddedBroker.Settlement settlement) implements Incoming.Reply {
    @Override
    public void stored() {
      settlement.kept();
    }

    @Override
    public void setAside(String reason) {
      settlement.refused(EmbeddedBroker.Refusal.PAYLOAD_INVALID, reason);
    }

    @Override
    public boolean notStored(String reason) {
      settlement.refused(EmbeddedBroker.Refusal.NOT_STORED, reason);
      return true;
    }
  }
}
