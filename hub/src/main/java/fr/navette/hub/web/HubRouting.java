package fr.navette.hub.web;

import fr.navette.hub.text.HubTexts;
import static fr.navette.hub.web.ApiProblem.abbreviated;
import static fr.navette.hub.web.JsonAnswers.error;
import static fr.navette.hub.web.JsonAnswers.send;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;

/**
 * The hub's routes, built from its features' services: what a real server serves, and what tests serve as it is.
 * Each feature brings its own {@link HttpService} (its paths in full: a feature may answer under more than one
 * prefix, as the shuttle does under {@code /api/transits}, {@code /api/arrivals}, {@code /api/routes} …); this adds
 * what is everyone's: sessions or tokens on every API call ({@link StaffFilter}), and a JSON 404 for any other path under
 * {@code /api/}.
 */
public final class HubRouting {
  private HubRouting() {}

  /** The routing of {@code features}, in order, behind {@code access}, without staff sessions (tokens only). */
  public static HttpRouting.Builder build(StaffAccess access, HttpService... features) {
    return build(access, StaffLogins.NONE, features);
  }

  /** The routing of {@code features}, in order, behind {@code access} and the staff sessions of {@code logins}. */
  public static HttpRouting.Builder build(StaffAccess access, StaffLogins logins, HttpService... features) {
    // First: every answer below speaks the language of its request (?lang=, the page's cookie, Accept-Language).
    HttpRouting.Builder routing = HttpRouting.builder()
        .addFilter((chain, req, res) -> RequestLanguage.during(req, chain::proceed))
        .addFilter(new StaffFilter(access, logins))
        .addFilter(CsvAnswers::filter); // ?format=csv: every list below as CSV, once access is granted
    routing.register(features);
    return routing.any("/api/*", (req, res) -> send(res, Status.NOT_FOUND_404, error(HubTexts.say(
        RequestLanguage.current(), "error.no-endpoint",
        req.prologue().method().text() + " " + abbreviated(req.path().path())))));
  }
}
