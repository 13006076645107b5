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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may reach what (DESIGN §11). Every answer under {@code /api/} needs a staff session (its cookie,
 * {@link StaffLogins}) or a bearer token ({@link StaffAccess}), except {@code /api/health}, {@code POST /api/session}
 * (the login itself) and {@code /api/enrolment/} (whose one-time enrolment token is the device's credential): 401
 * otherwise — {@code /api/privacy/policy} too (DESIGN §8: health aside, every answer under {@code /api/} needs an
 * account; the public face of the same facts is the page {@code /privacy}). Within it,
 * by role: {@code /api/admin/} and any change under {@code /api/devices/} need an admin; a patron's subject access
 * ({@code /api/privacy/subject}) a coordinator or an admin; everything else any account (features narrow it to the user's branches with {@link StaffUser#sees}). A session's
 * requests other than GET must carry its CSRF token ({@value StaffLogins#CSRF_HEADER}), 403 otherwise; a bearer token
 * needs none (a browser never adds one by itself). Staff pages asked for without a session are redirected to
 * {@code /login.html}. The user found is {@link StaffUser#current()} for the rest of the request.
 *
 * <p>{@link StaffAccess#open()} lets everything through, as before accounts existed: the named insecure mode of tests.
 * Refusals are logged (path, peer), never a token or a cookie.
 */
final class StaffFilter implements Filter {
  /** The web's log, where staff look for refusals (as before the routes were split by feature). */
  private static final Logger LOG = LoggerFactory.getLogger(HubWeb.class);

  /**
   * A patron's data, all of it, whatever the branch (GDPR art. 15): the network's coordinator or an admin answers a
   * patron's request, not a branch's staff.
   */
  static final String SUBJECT_ACCESS = "/api/privacy/subject";

  private final StaffAccess access;
  private final StaffLogins logins;

  StaffFilter(StaffAccess access, StaffLogins logins) {
    this.access = access;
    this.logins = logins;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String path = req.path().path();
    Method method = req.prologue().method();
    Optional<StaffUser> byToken = access.roleOf(req.headers().first(HeaderNames.AUTHORIZATION))
        .map(StaffUser::ofToken);
    if (access.isOpen()) {
      StaffUser.during(byToken.orElse(StaffUser.OPEN), chain::proceed);
      return;
    }
    // A token wins over a cookie: a script says who it is; a session is what a browser carries anyway.
    Optional<StaffLogins.SignedIn> session = byToken.isPresent() ? Optional.empty()
        : req.headers().cookies().first(StaffLogins.COOKIE).asOptional().flatMap(logins::signedIn);
    session.ifPresent(s -> req.context().register(s));
    Optional<StaffUser> user = byToken.or(() -> session.map(StaffLogins.SignedIn::user));
    boolean api = path.equals("/api") || path.startsWith("/api/");
    if (!api) {
      if (user.isEmpty() && isPage(path) && (method == Method.GET || method == Method.HEAD)) {
        String query = req.query().rawValue();
        String next = path + (query == null || query.isEmpty() ? "" : "?" + query);
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, "/login.html?next="
            + URLEncoder.encode(next, StandardCharsets.UTF_8)).send();
        return;
      }
      proceedAs(user, chain);
      return;
    }
    if (path.equals("/api/health") || path.startsWith("/api/health/") || path.startsWith("/api/enrolment/")
        || (path.equals("/api/session") && method == Method.POST)) {
      proceedAs(user, chain);
      return;
    }
    String what = method.text() + " " + abbreviated(path);
    if (user.isEmpty()) {
      LOG.warn("{} refused: no session nor valid staff token (from {})", what, req.remotePeer().address());
      res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"navette\"");
      send(res, Status.UNAUTHORIZED_401, error(HubTexts.say(RequestLanguage.current(), "error.staff-token")));
      return;
    }
    boolean changes = !(method == Method.GET || method == Method.HEAD || method == Method.OPTIONS);
    if (changes && session.isPresent() && !csrfMatches(req, session.get().csrf())) {
      LOG.warn("{} refused: session of {} without its CSRF token (from {})", what, user.get().name(),
          req.remotePeer().address());
      send(res, Status.FORBIDDEN_403, error(HubTexts.say(RequestLanguage.current(), "error.csrf")));
      return;
    }
    boolean adminApi = path.equals("/api/admin") || path.startsWith("/api/admin/");
    StaffUser.Role needed = adminApi || (changes && path.startsWith("/api/devices/")) ? StaffUser.Role.ADMIN
        : path.equals(SUBJECT_ACCESS) ? StaffUser.Role.COORDINATOR : StaffUser.Role.BRANCH_STAFF;
    if (!user.get().role().covers(needed)) {
      LOG.warn("{} refused: {} ({}) may not do this", what, user.get().name(), user.get().role().wire());
      send(res, Status.FORBIDDEN_403, error(HubTexts.say(RequestLanguage.current(),
          needed == StaffUser.Role.ADMIN ? "error.admins-only" : "error.coordinators-only")));
      return;
    }
    StaffUser.during(user.get(), chain::proceed);
  }

  private static void proceedAs(Optional<StaffUser> user, FilterChain chain) {
    if (user.isPresent()) {
      StaffUser.during(user.get(), chain::proceed);
    } else {
      chain.proceed();
    }
  }

  /** A staff page: what shows the network's data. The login page, scripts, styles and pictures are not. */
  private static boolean isPage(String path) {
    return path.equals("/") || (path.endsWith(".html") && !path.equals("/login.html"));
  }

  private static boolean csrfMatches(RoutingRequest req, String expected) {
    Optional<String> given = req.headers().first(io.helidon.http.HeaderNames.create(StaffLogins.CSRF_HEADER));
    return given.isPresent() && MessageDigest.isEqual(given.get().strip().getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }
}
