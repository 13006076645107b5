package fr.navette.hub.accounts;

import static fr.navette.hub.web.JsonAnswers.answer;
import static fr.navette.hub.web.JsonAnswers.error;
import static fr.navette.hub.web.JsonAnswers.send;

import fr.navette.hub.text.HubTexts;
import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.JsonBody;
import fr.navette.hub.web.RequestLanguage;
import fr.navette.hub.web.StaffLogins;
import fr.navette.hub.web.StaffUser;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Staff sessions and the administration of accounts over HTTP:
 * <ul>
 *   <li>{@code POST /api/session} {@code {"user","password"}}: 200 {@code {user, role, branches, homeBranch,
 *       language, csrf}} and the session cookie ({@value StaffLogins#COOKIE}: HttpOnly, SameSite=Strict, Path=/, Secure
 *       over TLS, no Max-Age: gone with the browser); 401 for a wrong user name or password (the same answer for
 *       both); 429 with Retry-After while locked.</li>
 *   <li>{@code GET /api/session}: who is signed in (a session, a token, or the open mode); 401 otherwise.</li>
 *   <li>{@code PUT /api/session} {@code {"language":"en"}}: the account's language preference.</li>
 *   <li>{@code DELETE /api/session}: logout; the cookie cleared.</li>
 *   <li>{@code GET|POST /api/admin/users}, {@code PUT /api/admin/users/{name}} (admins only, StaffFilter): list,
 *       create, change (role, branches, disabled, password, language).</li>
 * </ul>
 */
public final class AccountsService implements HttpService {
  private final Accounts accounts;

  public AccountsService(Accounts accounts) {
    this.accounts = accounts;
  }

  /** An account as the administrator reads it: never its hash. */
  public record UserView(String user, String role, List<String> branches, String language, boolean disabled,
                         Instant createdAt, Instant updatedAt, Instant passwordChangedAt, Instant lastLoginAt) {
    static UserView of(StaffAccounts.Account a) {
      return new UserView(a.user(), a.role().wire(), a.branches(), a.language(), a.disabled(), a.createdAt(),
          a.updatedAt(), a.passwordChangedAt(), a.lastLoginAt());
    }
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/api/session", this::login)
        .get("/api/session", (req, res) -> answer(res, () -> whoAmI(req)))
        .put("/api/session", this::preferences)
        .delete("/api/session", this::logout)
        .get("/api/admin/users", (req, res) -> answer(res, () -> accounts.list().stream().map(UserView::of).toList()))
        .post("/api/admin/users", (req, res) -> answer(res, () -> {
          JsonBody body = JsonBody.of(req);
          char[] password = body.text("password").toCharArray();
          try {
            return UserView.of(accounts.create(body.text("user"), password, body.text("role"),
                body.optionalTexts("branches").orElse(List.of()), body.optionalText("language").orElse("fr"), null));
          } finally {
            Accounts.wipe(password);
          }
        }))
        .put("/api/admin/users/{name}", (req, res) -> answer(res, () -> {
          JsonBody body = JsonBody.of(req);
          return UserView.of(accounts.change(req.path().pathParameters().get("name"), new Accounts.Change(
              body.optionalText("role"), body.optionalTexts("branches"), body.optionalFlag("disabled"),
              body.optionalText("password"),
              body.optionalText("language")), null));
        }));
  }

  private void login(ServerRequest req, ServerResponse res) {
    String user;
    char[] password;
    try {
      JsonBody body = JsonBody.of(req);
      user = body.text("user");
      password = body.text("password").toCharArray();
    } catch (ApiProblem e) {
      answer(res, () -> {
        throw e;
      });
      return;
    }
    Accounts.Login login;
    try {
      login = accounts.login(user, password, peer(req.remotePeer().address()));
    } finally {
      Accounts.wipe(password);
    }
    switch (login) {
      case Accounts.Login.Opened opened -> {
        res.headers().addCookie(SetCookie.builder(StaffLogins.COOKIE, opened.session().cookie()).path("/")
            .httpOnly(true).sameSite(SetCookie.SameSite.STRICT).secure(req.isSecure()).build());
        res.headers().addCookie(languageCookie(opened.account().language(), req.isSecure()));
        StaffAccounts.Account a = opened.account();
        answer(res, () -> view(a.asStaffUser(), a.branches(), a.language(), opened.session().csrf(), "session"));
      }
      case Accounts.Login.Refused refused ->
          send(res, Status.UNAUTHORIZED_401, error(HubTexts.say(RequestLanguage.current(), "error.login-refused")));
      case Accounts.Login.Throttled throttled -> {
        long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
        res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
        send(res, Status.TOO_MANY_REQUESTS_429,
            error(HubTexts.say(RequestLanguage.current(), "error.login-throttled", seconds)));
      }
    }
  }

  private Map<String, Object> whoAmI(ServerRequest req) {
    Optional<StaffLogins.SignedIn> session = req.context().get(StaffLogins.SignedIn.class);
    if (session.isPresent()) {
      StaffLogins.SignedIn s = session.get();
      return view(s.user(), s.branches(), s.language(), s.csrf(), "session");
    }
    StaffUser user = StaffUser.current();
    return view(user, List.copyOf(user.branches()), RequestLanguage.current().getLanguage(), null,
        user == StaffUser.OPEN ? "open" : "token");
  }

  private void preferences(ServerRequest req, ServerResponse res) {
    answer(res, () -> {
      String language = Accounts.checkedLanguage(JsonBody.of(req).text("language"));
      req.context().get(StaffLogins.SignedIn.class).ifPresent(s -> accounts.language(s.user().name(), language));
      res.headers().addCookie(languageCookie(language, req.isSecure()));
      return Map.of("language", language);
    });
  }

  private void logout(ServerRequest req, ServerResponse res) {
    req.headers().cookies().first(StaffLogins.COOKIE).asOptional().ifPresent(accounts::logout);
    res.headers().addCookie(SetCookie.builder(StaffLogins.COOKIE, "").path("/").httpOnly(true)
        .sameSite(SetCookie.SameSite.STRICT).secure(req.isSecure()).maxAge(Duration.ZERO)
        .expires(Instant.EPOCH).build());
    answer(res, () -> Map.of("closed", true));
  }

  private static Map<String, Object> view(StaffUser user, List<String> branches, String language, String csrf,
      String via) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("user", user.name());
    view.put("role", user.role().wire());
    view.put("branches", branches);
    view.put("homeBranch", branches.isEmpty() ? null : branches.get(0));
    view.put("language", language);
    view.put("csrf", csrf);
    view.put("via", via);
    return view;
  }

  /** Readable by the pages' script (not HttpOnly): it says which language to show; the API reads it too. */
  private static SetCookie languageCookie(String language, boolean secure) {
    return SetCookie.builder(HubTexts.LANGUAGE_COOKIE, language).path("/").sameSite(SetCookie.SameSite.STRICT)
        .secure(secure).maxAge(Duration.ofDays(365)).build();
  }

  private static String peer(SocketAddress address) {
    return address instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress() : String.valueOf(address);
  }
}
