package fr.navette.hub.web;

import fr.navette.hub.text.HubTexts;
import static fr.navette.hub.web.ApiProblem.abbreviated;
import static fr.navette.hub.web.JsonAnswers.error;
import static fr.navette.hub.web.JsonAnswers.send;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every POST needs a staff token, an admin token under {@code /api/devices/} ({@link StaffAccess}); GETs stay
 * open to the branch network, except under {@code /api/admin/} (device identities, the audit log): admin tokens
 * only, reads included. Enrolment ({@code /api/enrolment/}) takes no staff token: its one-time enrolment token is
 * the device's credential. Refusals are logged (path, peer), never the token.
 */
final class StaffFilter implements Filter {
  /** The web's log, where staff look for refusals (as before the routes were split by feature). */
  private static final Logger LOG = LoggerFactory.getLogger(HubWeb.class);

  private final StaffAccess access;

  StaffFilter(StaffAccess access) {
    this.access = access;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String path = req.path().path();
    boolean adminApi = path.equals("/api/admin") || path.startsWith("/api/admin/");
    Optional<StaffAccess.Role> role = access.roleOf(req.headers().first(HeaderNames.AUTHORIZATION));
    if (access.isOpen() || (access.openExceptAdminApi() && !adminApi)
        || (req.prologue().method() != Method.POST && !adminApi)
        || path.startsWith("/api/enrolment/")) {
      StaffUser.during(role.map(StaffUser::ofToken).orElse(StaffUser.OPEN), chain::proceed);
      return;
    }
    String method = req.prologue().method().text();
    StaffAccess.Role needed = path.startsWith("/api/devices/") || adminApi ? StaffAccess.Role.ADMIN
        : StaffAccess.Role.STAFF;
    if (role.isEmpty()) {
      LOG.warn("{} {} refused: no valid staff token (from {})", method, abbreviated(path), req.remotePeer().address());
      res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"navette\"");
      send(res, Status.UNAUTHORIZED_401, error(HubTexts.say(RequestLanguage.current(), "error.staff-token")));
    } else if (!StaffAccess.covers(role.get(), needed)) {
      LOG.warn("{} {} refused: a {} token may not do this", method, abbreviated(path),
          role.get().name().toLowerCase(Locale.ROOT));
      send(res, Status.FORBIDDEN_403, error(HubTexts.say(RequestLanguage.current(), "error.admins-only")));
    } else {
      StaffUser.during(StaffUser.ofToken(role.get()), chain::proceed);
    }
  }
}
