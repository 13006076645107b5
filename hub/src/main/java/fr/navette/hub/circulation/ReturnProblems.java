package fr.navette.hub.circulation;

import fr.navette.hub.alerts.Alert;
import fr.navette.hub.alerts.Alerts;
import fr.navette.hub.events.ChannelWorker;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.EventStore.StoredEvent;
import fr.navette.hub.events.FailedWork;
import fr.navette.hub.events.WorkLimits;
import fr.navette.hub.store.Database;
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
    String document = event.itemId().map(id -> "document " + id)
        .or(() -> event.tagUid().map(uid -> "étiquette / tag " + uid)).orElse("document");
    alerts.raise(KIND, stored.eventId(), Alert.Severity.WARNING,
        "Bac « problèmes » de la boîte de retour / return box problems bin at " + stored.site() + " ("
            + event.header().deviceId() + "): " + document + " — " + frenchFirst(event.problem()) + " ("
            + event.detail() + ")");
    // Raised before marked done: a crash between the two raises it again, and an alert is kept once per subject.
    db.inTransaction(c -> {
      events.markDone(c, stored.eventId(), EventStore.APPLIED, "{\"alert\":\"" + KIND + "\"}");
      return null;
    });
  }

  @Override
  protected String describe(StoredEvent stored) {
    return "problème de retour / return problem at " + stored.site() + " (" + stored.deviceId() + ")";
  }

  private static String frenchFirst(ReturnProblemEvent.Problem problem) {
    return switch (problem) {
      case UNREADABLE -> "étiquette illisible / unreadable tag";
      case NO_ITEM_IDENTIFIER -> "pas d'identifiant de document sur l'étiquette / no item identifier on the tag";
      case FOREIGN -> "document d'un autre réseau / document of another network";
      case NOT_REARMED -> "rendu, mais l'antivol n'a pas pu être réactivé : à réactiver / returned, but the tag "
          + "could not be re-armed: re-arm it";
    };
  }
}
