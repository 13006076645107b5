package fr.navette.hub.alerts;

import fr.navette.hub.web.RequestLanguage;
import fr.navette.hub.text.Said;
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
            limit(req)).stream().map(a -> a.in(RequestLanguage.current())).toList()))
        .post("/api/alerts/{id}/resolve", (req, res) -> answer(res, () -> {
          JsonBody.allowEmpty(req);
          String id = req.path().pathParameters().get("id");
          return alerts.resolveById(id).map(a -> a.in(RequestLanguage.current()))
              .orElseThrow(() -> ApiProblem.notFound(Said.of("error.no-alert", abbreviated(id))));
        }));
  }
}
