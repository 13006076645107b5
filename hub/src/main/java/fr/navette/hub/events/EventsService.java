package fr.navette.hub.events;

import static fr.navette.hub.web.JsonAnswers.answer;
import static fr.navette.hub.web.QueryParams.limit;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** {@code GET /api/events} (latest first, with their status) and {@code GET /api/quarantine} (what was set aside). */
public final class EventsService implements HttpService {
  private final EventStore events;
  private final QuarantineStore quarantine;

  public EventsService(EventStore events, QuarantineStore quarantine) {
    this.events = events;
    this.quarantine = quarantine;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/events", (req, res) -> answer(res, () -> events.recent(limit(req))))
        .get("/api/quarantine", (req, res) -> answer(res, () -> quarantine.recent(limit(req))));
  }
}
