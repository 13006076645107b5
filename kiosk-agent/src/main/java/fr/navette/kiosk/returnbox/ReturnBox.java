package fr.navette.kiosk.returnbox;

import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.schema.ReturnProblemEvent.Problem;
import fr.navette.schema.SigbResponse;
import fr.navette.tag.TagData;
import fr.navette.tag.TagDataException;
import fr.navette.tag.TagDecoder;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-return box: for each document that enters its reader's field, re-arm the tag first, then store its
 * {@code return} event (the checkin follows through the hub, now or after an outage, with the true return
 * time), then sort it: the bin comes from the hub's checkin answer when it comes in time ({@link Sorting}),
 * "to sort" when it does not. The box never refuses a document because the network is down.
 *
 * <p>A document is handled once while it stays in the field; it is forgotten when it leaves. When a slot
 * sensor is fitted, a document seen by the sensor whose tag the reader does not find within the read window
 * is unreadable (no tag, a dead tag): problems bin, and an event says so.
 */
public final class ReturnBox {
  private static final Logger LOG = LoggerFactory.getLogger(ReturnBox.class);
  private static final int REARM_ATTEMPTS = 3;

  private final ReturnBoxConfig config;
  private final RfidReader reader;
  private final ReturnLedger ledger;
  private final Diverter diverter;
  private final Clock clock;
  private final ReturnListener listener;
  private final Set<Uid> handled = new HashSet<>();
  private final AtomicReference<Instant> slotSawDocumentAt = new AtomicReference<>();

  public ReturnBox(ReturnBoxConfig config, RfidReader reader, ReturnLedger ledger, Diverter diverter, Clock clock,
                   ReturnListener listener) {
    this.config = config;
    this.reader = reader;
    this.ledger = ledger;
    this.diverter = diverter;
    this.clock = clock;
    this.listener = listener;
  }

  /** The slot sensor saw a document go in (called from the sensor's thread; the loop does the work). */
  public void slotTriggered() {
    slotSawDocumentAt.compareAndSet(null, clock.instant());
  }

  /** One look at the field: handles every new document in it. Called by the box's loop. */
  public void poll() throws ReaderException {
    Instant sawDocument = slotSawDocumentAt.get();
    List<InventoryEntry> inField = reader.inventory(config.readerTimeout());
    Set<Uid> present = new HashSet<>();
    boolean found = false;
    for (InventoryEntry entry : inField) {
      present.add(entry.uid());
      if (!handled.contains(entry.uid())) {
        handle(entry.uid());
        handled.add(entry.uid());
        found = true;
      }
    }
    handled.retainAll(present);
    if (sawDocument != null) {
      if (found) {
        slotSawDocumentAt.compareAndSet(sawDocument, null);
      } else if (!clock.instant().isBefore(sawDocument.plus(config.readWindow()))
          && slotSawDocumentAt.compareAndSet(sawDocument, null)) {
        problem(Optional.empty(), Optional.empty(), sawDocument, Problem.UNREADABLE,
            "the slot sensor saw a document but no tag answered within " + config.readWindow().toMillis() + " ms");
      }
    }
  }

  private void handle(Uid uid) {
    Instant returnedAt = clock.instant();
    TagData data;
    try {
      data = TagDecoder.decode(reader.readUserMemory(uid, config.readerTimeout()));
    } catch (TagDataException | ReaderException e) {
      problem(Optional.of(uid), Optional.empty(), returnedAt, Problem.UNREADABLE,
          "cannot be read as a library tag: " + e.getMessage());
      return;
    }
    if (!data.hasItemIdentifier()) {
      problem(Optional.of(uid), Optional.empty(), returnedAt, Problem.NO_ITEM_IDENTIFIER,
          "no item identifier on the tag (" + data.format() + ")");
      return;
    }
    String itemId = data.primaryItemIdentifier();
    Optional<String> owner = data.ownerIsil().filter(isil -> !isil.isBlank());
    if (owner.isPresent() && !config.ownsIsil(owner.get())) {
      // Not ours: its tag is left as it is, and it is not checked in here.
      problem(Optional.of(uid), Optional.of(itemId), returnedAt, Problem.FOREIGN,
          "owner library " + owner.get() + " is not one of this network's");
      return;
    }
    boolean rearmed = rearm(uid, itemId);
    boolean offline = !ledger.hubReachable();
    ReturnLedger.PendingCheckin checkin = ledger.recordReturn(itemId, returnedAt, offline);
    if (!rearmed) {
      ledger.recordProblem(Optional.of(uid), Optional.of(itemId), Problem.NOT_REARMED,
          "the tag refused " + REARM_ATTEMPTS + " re-arming writes", returnedAt);
    }
    Optional<SigbResponse> answer = offline || !rearmed ? Optional.empty()
        : checkin.await(clock.instant().plus(config.answerWait()));
    Bin bin = diverter.divert(Sorting.binFor(rearmed, answer));
    LOG.info("box {}: returned item {} → {} ({}{})", config.deviceId(), itemId, bin.configName(),
        rearmed ? "re-armed" : "NOT re-armed", offline ? ", offline" : answer.isEmpty() ? ", no answer in time" : "");
    listener.accepted(uid, itemId, rearmed, bin, answer);
  }

  private void problem(Optional<Uid> uid, Optional<String> itemId, Instant returnedAt, Problem problem,
                       String detail) {
    ledger.recordProblem(uid, itemId, problem, detail, returnedAt);
    Bin bin = diverter.divert(Bin.PROBLEMS);
    LOG.warn("box {}: {} → {}: {} ({})", config.deviceId(), uid.map(Uid::toString).orElse("a document"),
        bin.configName(), problem, detail);
    listener.refused(uid, problem, detail, bin);
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

  /** What the box tells its surroundings (the patron's display, the demo) about each document. */
  public interface ReturnListener {
    /** Taken back: stored for checkin and sent down to {@code bin}; {@code answer} is the hub's, if it came. */
    void accepted(Uid uid, String itemId, boolean rearmed, Bin bin, Optional<SigbResponse> answer);

    /** Not taken back (no item of ours): sent to {@code bin} for staff. */
    void refused(Optional<Uid> uid, Problem problem, String detail, Bin bin);

    ReturnListener NONE = new ReturnListener() {
      @Override
      public void accepted(Uid uid, String itemId, boolean rearmed, Bin bin, Optional<SigbResponse> answer) {}

      @Override
      public void refused(Optional<Uid> uid, Problem problem, String detail, Bin bin) {}
    };
  }
}
