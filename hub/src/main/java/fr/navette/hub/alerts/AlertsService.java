package fr.navette.hub.alerts;

import static fr.navette.hub.web.ApiProblem.abbreviated;
import static fr.navette.hub.web.JsonAnswers.answer;
import static fr.navette.hub.web.QueryParams.limit;

import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.JsonBody;
import fr.navette.hub.web.QueryParams;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** {@code GET /api/alerts[?open=]}, and {@code POST /api/alerts/{id}/resolve} when staff dealt with one. */
public final class AlertsService implements HttpService {
  private final Alerts alerts;

  public AlertsService(Alerts alerts) {
    this.alerts = alerts;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/alerts", (req, res) -> answer(res, () -> alerts.list(QueryParams.flag(req, "open"),
            limit(req))))
        .post("/api/alerts/{id}/resolve", (req, res) -> answer(res, () -> {
          JsonBody.allowEmpty(req);
          String id = req.path().pathParameters().get("id");
          return alerts.resolveById(id)
              .orElseThrow(() -> ApiProblem.notFound("no alert / pas d'alerte " + abbreviated(id)));
        }));
  }
}
