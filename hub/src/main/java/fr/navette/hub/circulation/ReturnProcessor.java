package fr.navette.hub.circulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.navette.hub.alerts.Alert;
import fr.navette.hub.alerts.Alerts;
import fr.navette.hub.events.ChannelWorker;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.EventStore.StoredEvent;
import fr.navette.hub.events.FailedWork;
import fr.navette.hub.events.WorkLimits;
import fr.navette.hub.store.Database;
import fr.navette.hub.text.Said;
import fr.navette.hub.transits.Shuttle;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies stored return events: checks each document in at the SIGB with AP = the box's branch and the true
 * return date (so an offline return owes no overdue fee), records the SIGB's answer, and hands it to the
 * {@link Shuttle}, which opens or closes transits.
 *
 * <p>Once at the SIGB (issue 19): a checkin is not harmless to repeat — a second one may end a loan made since,
 * fine again, or log the return twice. Right before sending it, the event is marked sent ({@link
 * EventStore#markSigbSent}, committed). An event claimed with that mark (its hub was killed after sending and
 * before {@code markDone}, or the SIGB did not answer in time) is in doubt: the SIGB is first asked what became of
 * the document (item information, 17). Still on loan (or unknown), the checkin did not take: it is sent. Otherwise
 * the SIGB applied it, and what it answered is read from the item ({@link ItemOutcome#checkedInAt}): the event is
 * applied with that outcome ({@code confirmedBy: item-information}), the shuttle and the box told as for an
 * answered checkin. A checkin that failed before it left (no connection to the SIGB: {@link
 * SigbUnavailableException#requestMayHaveArrived}) takes its mark back: a document not on loan looks the same at the
 * SIGB checked in or not, so only a checkin that may have arrived is judged by the item. A return never sent costs
 * one SIP2 round trip, as before; only a return in doubt costs two.
 *
 * <p>Retry semantics, decided here: a SIGB that does not answer (the checkin, or the item information of a
 * return in doubt) leaves the event pending, tried again with {@link ChannelWorker#backoff} for as long as it
 * takes — a return is never dropped for a SIGB that is down. A SIGB that answers others but not this document (it
 * drops the connection on it) fails this return only: after its attempts ({@link WorkLimits}) it is marked failed
 * with one alert. A SIGB that answers "no" (ok = 0: unknown item ...) is final: the event is marked refused with
 * the SIGB's message and an alert asks staff to look at the document.
 */
public final class ReturnProcessor extends ChannelWorker {
  private static final Logger LOG = LoggerFactory.getLogger(ReturnProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String RETURN_REFUSED = "return-refused";
  /** The outcome's {@code confirmedBy} for a return in doubt the SIGB had applied. */
  public static final String CONFIRMED_BY_ITEM_INFORMATION = "item-information";

  private final Database db;
  private final EventStore events;
  private final Shuttle shuttle;
  private final SigbGateway sigb;
  private final Alerts alerts;
  private final DeviceReplies replies;

  public ReturnProcessor(Database db, EventStore events, Shuttle shuttle, SigbGateway sigb, Alerts alerts,
                         DeviceReplies replies, WorkLimits limits, FailedWork failedWork) {
    super("hub-returns", events, Channel.RETURN, limits, failedWork);
    this.db = db;
    this.events = events;
    this.shuttle = shuttle;
    this.sigb = sigb;
    this.alerts = alerts;
    this.replies = replies;
  }

  @Override
  protected void apply(StoredEvent stored) {
    ReturnEvent event = EventCodec.decodeReturn(stored.payload().getBytes(StandardCharsets.UTF_8));
    // The true return date: the box's clock may be days off (no RTC on a Pi); the SIGB fines by this date.
    Instant returnedAt = stored.onHubClock(event.returnedAt());
    CheckinOutcome outcome;
    boolean confirmed;
    boolean marked = false;
    try {
      Optional<CheckinOutcome> applied = stored.sigbSentAt().isPresent()
          ? appliedAlready(stored, event.itemId()) : Optional.empty();
      confirmed = applied.isPresent();
      if (confirmed) {
        outcome = applied.get();
      } else {
        events.markSigbSent(stored.eventId()); // committed before the request leaves: a kill after it is known
        marked = true;
        outcome = sigb.checkin(event.itemId(), stored.site(), returnedAt);
      }
    } catch (SigbUnavailableException e) {
      if (marked && !e.requestMayHaveArrived()) {
        // It never left (no connection): the SIGB cannot have applied it. Kept, the mark would make the next
        // attempt judge by the item — and a document not on loan looks the same checked in or not: a return kept
        // through a SIGB outage would never be checked in (seen in ChaosRunTest: 271 of 2,005).
        events.clearSigbSent(stored.eventId());
      }
      LOG.warn("SIGB {} for the return of item {} at {}: {} (attempt {})", e.linkUp() ? "failed on this document"
          : "unavailable", event.itemId(), stored.site(), e.getMessage(), stored.attempts() + 1);
      tryAgain(stored, e.getMessage(), e.linkUp());
      if (stored.attempts() == 0 && !event.offline()) {
        // The box is waiting on its chute: tell it now, so the document goes to "to sort" without delay.
        replies.send(stored.site(), stored.deviceId(), SigbResponse.builder(UUID.fromString(stored.eventId()),
            SigbRequest.Kind.CHECKIN, SigbResponse.Outcome.SIGB_UNAVAILABLE).build());
      }
      return;
    }
    SigbResponse.ReturnRoute route = db.inTransaction(c -> {
      events.markDone(c, stored.eventId(), outcome.ok() ? EventStore.APPLIED : EventStore.REFUSED,
          json(outcome, confirmed));
      return outcome.ok() ? shuttle.onCheckin(c, event.itemId(), stored.site(), outcome, stored.eventId())
          : SigbResponse.ReturnRoute.PROBLEM;
    });
    if (!event.offline()) {
      replies.send(stored.site(), stored.deviceId(), SigbResponse.builder(UUID.fromString(stored.eventId()),
              SigbRequest.Kind.CHECKIN, outcome.ok() ? SigbResponse.Outcome.OK : SigbResponse.Outcome.REFUSED)
          .route(route).title(outcome.title()).destination(outcome.destination()).build());
    }
    if (!outcome.ok()) {
      alerts.raise(RETURN_REFUSED, stored.eventId(), Alert.Severity.WARNING,
          event.offline() ? Said.of("alert.return-refused-offline", event.itemId(), stored.site(), returnedAt,
              sigbSays(outcome)) : Said.of("alert.return-refused", event.itemId(), stored.site(), sigbSays(outcome)));
    }
  }

  /**
   * For a return whose checkin was sent before (a hub killed after sending, a SIGB that did not answer in time):
   * what that checkin did, when the SIGB applied it; empty when it did not and the checkin must be sent.
   */
  private Optional<CheckinOutcome> appliedAlready(StoredEvent stored, String itemId)
      throws SigbUnavailableException {
    ItemOutcome item = sigb.itemInformation(itemId);
    Optional<CheckinOutcome> applied = item.checkedInAt(stored.site());
    LOG.info("return of item {} at {} sent to the SIGB at {} with no answer recorded: item status {}, {}", itemId,
        stored.site(), stored.sigbSentAt().orElseThrow(), item.circulationStatus(),
        applied.isPresent() ? "the SIGB applied it, not checked in again" : "not applied, checking it in");
    return applied;
  }

  @Override
  protected Said describe(StoredEvent stored) {
    String document;
    try {
      document = EventCodec.decodeReturn(stored.payload().getBytes(StandardCharsets.UTF_8)).itemId();
    } catch (RuntimeException e) {
      document = "?";
    }
    return Said.of("work.return", document, stored.site(), stored.deviceId());
  }

  /** The SIGB's own words after a dash, as it said them (one language, its own), or nothing. */
  private static String sigbSays(CheckinOutcome outcome) {
    return outcome.screenMessage().map(m -> " — " + m).orElse("");
  }

  private static String json(CheckinOutcome outcome, boolean confirmed) {
    ObjectNode node = JSON.createObjectNode();
    if (confirmed) {
      // Not the checkin's answer: the SIGB had applied a checkin sent before, read back from the item (17/18).
      node.put("confirmedBy", CONFIRMED_BY_ITEM_INFORMATION);
    }
    node.put("ok", outcome.ok());
    node.put("alertType", outcome.alertType());
    outcome.destination().ifPresent(d -> node.put("destination", d));
    outcome.screenMessage().ifPresent(m -> node.put("screenMessage", m));
    return node.toString();
  }
}
