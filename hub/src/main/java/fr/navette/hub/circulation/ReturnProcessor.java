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
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies stored return events: checks each document in at the SIGB with AP = the box's branch and the true
 * return date (so an offline return owes no overdue fee), records the SIGB's answer, and hands it to the
 * {@link Shuttle}, which opens or closes transits.
 *
 * <p>Retry semantics, decided here: a SIGB that does not answer leaves the event pending, tried again with
 * {@link ChannelWorker#backoff} for as long as it takes — a return is never dropped for a SIGB that is down;
 * repeating a checkin is harmless at the SIGB. A SIGB that answers others but not this document (it drops the
 * connection on it) fails this return only: after its attempts ({@link WorkLimits}) it is marked failed with one
 * alert. A SIGB that answers "no" (ok = 0: unknown item ...) is final: the event is marked refused with the
 * SIGB's message and an alert asks staff to look at the document.
 */
public final class ReturnProcessor extends ChannelWorker {
  private static final Logger LOG = LoggerFactory.getLogger(ReturnProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String RETURN_REFUSED = "return-refused";

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
    CheckinOutcome outcome;
    try {
      outcome = sigb.checkin(event.itemId(), stored.site(), event.returnedAt());
    } catch (SigbUnavailableException e) {
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
      events.markDone(c, stored.eventId(), outcome.ok() ? EventStore.APPLIED : EventStore.REFUSED, json(outcome));
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
          event.offline() ? Said.of("alert.return-refused-offline", event.itemId(), stored.site(), event.returnedAt(),
              sigbSays(outcome)) : Said.of("alert.return-refused", event.itemId(), stored.site(), sigbSays(outcome)));
    }
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

  private static String json(CheckinOutcome outcome) {
    ObjectNode node = JSON.createObjectNode();
    node.put("ok", outcome.ok());
    node.put("alertType", outcome.alertType());
    outcome.destination().ifPresent(d -> node.put("destination", d));
    outcome.screenMessage().ifPresent(m -> node.put("screenMessage", m));
    return node.toString();
  }
}
