package fr.navette.hub.circulation;

import fr.navette.hub.alerts.Alert;
import fr.navette.hub.alerts.Alerts;
import fr.navette.hub.events.ChannelWorker;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.EventStore.StoredEvent;
import fr.navette.hub.events.FailedWork;
import fr.navette.hub.events.WorkLimits;
import fr.navette.hub.store.Database;
import fr.navette.hub.text.Said;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnProblemEvent;
import java.nio.charset.StandardCharsets;

/**
 * Turns each document a return box put in its problems bin into an alert for the staff of that branch: the
 * document sits in a bin nobody empties unless told. Nothing goes to the SIGB: the box could not name the
 * document (unreadable, foreign) or has already checked it in (not re-armed).
 */
public final class ReturnProblems extends ChannelWorker {
  static final String KIND = "return-problem";

  private final Database db;
  private final EventStore events;
  private final Alerts alerts;

  public ReturnProblems(Database db, EventStore events, Alerts alerts, WorkLimits limits, FailedWork failedWork) {
    super("hub-return-problems", events, Channel.RETURN_PROBLEM, limits, failedWork);
    this.db = db;
    this.events = events;
    this.alerts = alerts;
  }

  @Override
  protected void apply(StoredEvent stored) {
    ReturnProblemEvent event = EventCodec.decode(Channel.RETURN_PROBLEM,
        stored.payload().getBytes(StandardCharsets.UTF_8), ReturnProblemEvent.class);
    Said document = event.itemId().map(id -> Said.of("return-problem.document", id))
        .or(() -> event.tagUid().map(uid -> Said.of("return-problem.tag", uid)))
        .orElse(Said.of("return-problem.nothing"));
    alerts.raise(KIND, stored.eventId(), Alert.Severity.WARNING, Said.of("alert.return-problem", stored.site(),
        event.header().deviceId(), document, Said.of("problem." + event.problem().name()), event.detail()));
    // Raised before marked done: a crash between the two raises it again, and an alert is kept once per subject.
    db.inTransaction(c -> {
      events.markDone(c, stored.eventId(), EventStore.APPLIED, "{\"alert\":\"" + KIND + "\"}");
      return null;
    });
  }

  @Override
  protected Said describe(StoredEvent stored) {
    return Said.of("work.return-problem", stored.site(), stored.deviceId());
  }
}
