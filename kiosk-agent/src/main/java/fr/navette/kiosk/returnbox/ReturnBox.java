package fr.navette.kiosk.returnbox;

import fr.navette.agent.Outbox;
import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import fr.navette.tag.TagData;
import fr.navette.tag.TagDataException;
import fr.navette.tag.TagDecoder;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-return box: for each document that enters its reader's field, re-arm the tag first, then store a
 * {@code return} event in the durable outbox (the forwarder publishes it). The box never waits for the hub:
 * it keeps accepting when the network is down, and the event carries the true return time.
 *
 * <p>A document is handled once while it stays in the field; it is forgotten when it leaves.
 */
public final class ReturnBox {
  private static final Logger LOG = LoggerFactory.getLogger(ReturnBox.class);
  private static final int REARM_ATTEMPTS = 3;

  private final ReturnBoxConfig config;
  private final RfidReader reader;
  private final Outbox outbox;
  private final Runnable onStored;
  private final Clock clock;
  private final ReturnListener listener;
  private final Set<Uid> handled = new HashSet<>();

  public ReturnBox(ReturnBoxConfig config, RfidReader reader, Outbox outbox, Runnable onStored, Clock clock,
                   ReturnListener listener) {
    this.config = config;
    this.reader = reader;
    this.outbox = outbox;
    this.onStored = onStored;
    this.clock = clock;
    this.listener = listener;
  }

  /** One look at the field: handles every new document in it. Called by the box's loop. */
  public void poll() throws ReaderException {
    List<InventoryEntry> inField = reader.inventory(config.readerTimeout());
    Set<Uid> present = new HashSet<>();
    for (InventoryEntry entry : inField) {
      present.add(entry.uid());
      if (!handled.contains(entry.uid())) {
        handle(entry.uid());
        handled.add(entry.uid());
      }
    }
    handled.retainAll(present);
  }

  private void handle(Uid uid) {
    Instant returnedAt = clock.instant();
    TagData data;
    try {
      data = TagDecoder.decode(reader.readUserMemory(uid, config.readerTimeout()));
    } catch (TagDataException | ReaderException e) {
      LOG.warn("box {}: tag {} cannot be read as a library tag: {}", config.deviceId(), uid, e.getMessage());
      listener.refused(uid, e.getMessage());
      return;
    }
    if (!data.hasItemIdentifier()) {
      listener.refused(uid, "no item identifier on the tag (" + data.format() + ")");
      return;
    }
    String itemId = data.primaryItemIdentifier();
    boolean rearmed = rearm(uid, itemId);
    Outbox.StoredEvent stored = outbox.append(Channel.RETURN,
        header -> EventCodec.encode(new ReturnEvent(header, itemId, returnedAt, false)));
    onStored.run();
    LOG.info("box {}: returned item {} (event {}, tag {})", config.deviceId(), itemId, stored.sequence(),
        rearmed ? "re-armed" : "NOT re-armed");
    listener.accepted(uid, itemId, rearmed);
  }

  // Re-arm before anything else: a returned document must set off the gate again if it walks out.
  private boolean rearm(Uid uid, String itemId) {
    for (int attempt = 1; attempt <= REARM_ATTEMPTS; attempt++) {
      try {
        reader.writeAfi(uid, config.security().afiToArm(), config.readerTimeout());
        if (config.security().usesEas()) {
          reader.setEas(uid, true, config.readerTimeout());
        }
        return true;
      } catch (ReaderException e) {
        LOG.warn("box {}: re-arming item {} failed (attempt {}): {}", config.deviceId(), itemId, attempt,
            e.getMessage());
      }
    }
    return false;
  }

  /** What the box tells its surroundings (the patron's screen, the demo) about each document. */
  public interface ReturnListener {
    void accepted(Uid uid, String itemId, boolean rearmed);

    void refused(Uid uid, String reason);

    ReturnListener NONE = new ReturnListener() {
      @Override
      public void accepted(Uid uid, String itemId, boolean rearmed) {}

      @Override
      public void refused(Uid uid, String reason) {}
    };
  }
}
