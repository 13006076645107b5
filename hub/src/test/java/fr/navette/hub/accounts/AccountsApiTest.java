package fr.navette.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.HubFixture;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.transits.Route;
import fr.navette.hub.web.StaffAccess;
import fr.navette.identity.Tls;
import fr.navette.sim.devices.SteppedClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staff accounts and sessions over a whole hub (real HTTP and HTTPS servers, SQLite), its clock stepped by hand:
 * every /api/ answer needs a session or a token, login and logout, the cookie's attributes, wrong passwords and
 * their lock, CSRF on a session's changes, roles, idle and absolute expiry, the user administration and its audit
 * lines, and what the store keeps of a password.
 */
class AccountsApiTest {
  private static final String STAFF_TOKEN = "staff-token-0123456789abcdef";
  private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
  private static final String PASSWORD = "correct horse battery";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static HubFixture hub;
  private static final SteppedClock CLOCK = new SteppedClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private static int users;

  @BeforeAll
  static void start() throws Exception {
    NetworkRules rules = new NetworkRules(List.of(new Route("north", "Tournée nord", List.of("BR01", "BR02", "BR03"))),
        Set.of(), Duration.ofDays(7)).withBranchNames(Map.of("BR01", "Médiathèque centrale", "BR02", "Annexe"));
    hub = HubFixture.onSmallSigb(dir, c -> c.withRules(rules)
        .withStaffAccess(StaffAccess.parse("staff:" + STAFF_TOKEN + ",admin:" + ADMIN_TOKEN)), CLOCK);
    hub.hub.accounts().create("chef", PASSWORD.toCharArray(), "admin", List.of(), "fr", "test");
  }

  @AfterAll
  static void stop() throws Exception {
    hub.close();
  }

  /** A fresh account of {@code role} (its name returned), so that tests do not share counts or sessions. */
  private static String account(String role, String... branches) {
    String name = role.substring(0, 4) + "-" + (++users);
    hub.hub.accounts().create(name, PASSWORD.toCharArray(), role, List.of(branches), "fr", "test");
    return name;
  }

  @Test
  void withoutSessionOrTokenTheApiAnswers401AndPagesSendToTheLoginPage() throws Exception {
    for (String path : List.of("/api/transits", "/api/alarms", "/api/devices", "/api/stats", "/api/session",
        "/api/admin/users", "/api/branches")) {
      HttpResponse<String> answer = call("GET", path, null, null, null);
      assertThat(answer.statusCode()).as(path).isEqualTo(401);
      assertThat(JSON.readTree(answer.body()).path("error").asText()).as(path).contains("connexion requise");
    }
    assertThat(call("GET", "/api/health", null, null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> page = call("GET", "/stats.html?from=2026-01-01", null, null, null);
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/login.html?next="
        + URLEncoder.encode("/stats.html?from=2026-01-01", StandardCharsets.UTF_8));
    assertThat(page.body()).doesNotContain("<table");
    assertThat(call("GET", "/", null, null, null).statusCode()).isEqualTo(303);
    HttpResponse<String> login = call("GET", "/login.html", null, null, null);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("Connexion");
    // Tokens keep working for scripts, reads included.
    assertThat(call("GET", "/api/transits", null, STAFF_TOKEN, null).statusCode()).isEqualTo(200);
  }

  @Test
  void aLoginOpensAStrictHttpOnlySessionThatSaysWhoIsThereAndLogoutClosesIt() throws Exception {
    String user = account("branch-staff", "BR02", "BR01");
    login(user, "warming up the hashing"); // (measured below: one login, as staff wait for it)
    long start = System.nanoTime();
    HttpResponse<String> login = login(user, PASSWORD);
    System.out.printf("one login over HTTP (argon2id m=19 MiB t=2 p=1, session opened): %.1f ms%n",
        (System.nanoTime() - start) / 1e6);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    JsonNode me = JSON.readTree(login.body());
    assertThat(me.path("user").asText()).isEqualTo(user);
    assertThat(me.path("role").asText()).isEqualTo("branch-staff");
    assertThat(me.path("branches").toString()).isEqualTo("[\"BR02\",\"BR01\"]");
    assertThat(me.path("homeBranch").asText()).isEqualTo("BR02");
    assertThat(me.path("csrf").asText()).hasSize(43);
    String setCookie = sessionSetCookie(login);
    assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/")
        .doesNotContain("Secure").doesNotContainIgnoringCase("Max-Age").doesNotContain(PASSWORD);
    String cookie = cookieOf(login);
    assertThat(cookie.substring(cookie.indexOf('=') + 1)).hasSize(43); // 256 random bits, base64url

    JsonNode again = JSON.readTree(call("GET", "/api/session", cookie, null, null).body());
    assertThat(again.path("user").asText()).isEqualTo(user);
    assertThat(again.path("csrf").asText()).isEqualTo(me.path("csrf").asText());
    assertThat(call("GET", "/api/transits", cookie, null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> dashboard = call("GET", "/", cookie, null, null);
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("staff-nav.js");

    // The language chosen in the bar is kept on the account (and in the cookie the API reads).
    HttpResponse<String> english = call("PUT", "/api/session", cookie, null, "{\"language\":\"en\"}",
        "X-CSRF-Token", me.path("csrf").asText());
    assertThat(english.statusCode()).as(english.body()).isEqualTo(200);
    assertThat(english.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("navette-lang=en;"));
    assertThat(JSON.readTree(call("GET", "/api/session", cookie, null, null).body()).path("language").asText())
        .isEqualTo("en");
    assertThat(hub.hub.accounts().find(user).orElseThrow().language()).isEqualTo("en");
    assertThat(call("PUT", "/api/session", cookie, null, "{\"language\":\"de\"}", "X-CSRF-Token",
        me.path("csrf").asText()).statusCode()).isEqualTo(400);

    assertThat(call("DELETE", "/api/session", cookie, null, null).statusCode()).as("logout without CSRF")
        .isEqualTo(403);
    HttpResponse<String> logout = call("DELETE", "/api/session", cookie, null, null,
        "X-CSRF-Token", me.path("csrf").asText());
    assertThat(logout.statusCode()).isEqualTo(200);
    assertThat(sessionSetCookie(logout)).contains("navette-session=;").contains("Expires=Thu, 1 Jan 1970");
    assertThat(call("GET", "/api/session", cookie, null, null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/", cookie, null, null).statusCode()).isEqualTo(303);
  }

  @Test
  void overTlsTheCookieIsSecure() throws Exception {
    String user = account("coordinator");
    HttpClient https = HttpClient.newBuilder().sslContext(Tls.trusting(hub.hub.caCertificate())).build();
    HttpResponse<String> login = https.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + hub.hub.httpsPort() + "/api/session"))
        .POST(HttpRequest.BodyPublishers.ofString(body(user, PASSWORD))).header("Content-Type", "application/json")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(sessionSetCookie(login)).contains("Secure").contains("HttpOnly");
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() throws Exception {
    String user = account("coordinator");
    HttpResponse<String> wrong = login(user, "not the password");
    HttpResponse<String> nobody = login("nobody-" + users, PASSWORD);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(nobody.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(nobody.body()).contains("nom d'utilisateur ou mot de passe incorrect");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(login(user.toUpperCase(), PASSWORD).statusCode()).as("names are case-insensitive").isEqualTo(200);
  }

  @Test
  void fiveWrongPasswordsLockTheNameEvenAgainstTheRightOneUntilRetryAfterHasPassed() throws Exception {
    String user = account("coordinator");
    for (int i = 0; i < 5; i++) {
      assertThat(login(user, "wrong password " + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> locked = login(user, PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 30L);
    assertThat(JSON.readTree(locked.body()).path("error").asText()).contains("trop d'essais");
    CLOCK.advance(Duration.ofSeconds(retryAfter));
    // One more wrong password locks it again, longer.
    assertThat(login(user, "still wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> longer = login(user, PASSWORD);
    assertThat(longer.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(longer.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(retryAfter);
    CLOCK.advance(Duration.ofMinutes(2));
    assertThat(login(user, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(audit("action=login-locked")).anySatisfy(l -> assertThat(l.path("subject").asText()).isEqualTo(user));
  }

  @Test
  void aSessionsChangesNeedItsCsrfTokenButATokensDoNot() throws Exception {
    String user = account("coordinator");
    HttpResponse<String> login = login(user, PASSWORD);
    String cookie = cookieOf(login);
    String csrf = JSON.readTree(login.body()).path("csrf").asText();
    HttpResponse<String> forged = call("POST", "/api/alerts/nope/resolve", cookie, null, "{}");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(forged.body()).path("error").asText()).contains("X-CSRF-Token");
    assertThat(call("POST", "/api/alerts/nope/resolve", cookie, null, "{}", "X-CSRF-Token", "x" + csrf.substring(1))
        .statusCode()).isEqualTo(403);
    // Past the door, the endpoint answers as usual: no such alert.
    assertThat(call("POST", "/api/alerts/nope/resolve", cookie, null, "{}", "X-CSRF-Token", csrf).statusCode())
        .isEqualTo(404);
    assertThat(call("POST", "/api/alerts/nope/resolve", null, STAFF_TOKEN, "{}").statusCode()).isEqualTo(404);
  }

  @Test
  void branchStaffMayReadAndActButNotAdministerNorConfigureDevices() throws Exception {
    String user = account("branch-staff", "BR01");
    HttpResponse<String> login = login(user, PASSWORD);
    String cookie = cookieOf(login);
    String csrf = JSON.readTree(login.body()).path("csrf").asText();
    assertThat(call("GET", "/api/devices", cookie, null, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/admin/users", cookie, null, null).statusCode()).isEqualTo(403);
    assertThat(call("GET", "/api/admin/audit", cookie, null, null).statusCode()).isEqualTo(403);
    HttpResponse<String> config = call("POST", "/api/devices/gate-BR01-1/config", cookie, null,
        "{\"settings\":{}}", "X-CSRF-Token", csrf);
    assertThat(config.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(config.body()).path("error").asText()).contains("réservé aux administrateurs");
    assertThat(call("POST", "/api/admin/users", cookie, null, body("x", "y"), "X-CSRF-Token", csrf).statusCode())
        .isEqualTo(403);
    // A coordinator neither (devices are the administrator's).
    String coordinator = account("coordinator");
    HttpResponse<String> c = login(coordinator, PASSWORD);
    assertThat(call("POST", "/api/devices/gate-BR01-1/config", cookieOf(c), null, "{\"settings\":{}}",
        "X-CSRF-Token", JSON.readTree(c.body()).path("csrf").asText()).statusCode()).isEqualTo(403);
  }

  @Test
  void aSessionEndsAfterThirtyIdleMinutesAndTwelveHoursAfterItsLoginWhateverItsUse() throws Exception {
    String user = account("coordinator");
    String idle = cookieOf(login(user, PASSWORD));
    String busy = cookieOf(login(user, PASSWORD));
    CLOCK.advance(Duration.ofMinutes(29));
    assertThat(call("GET", "/api/session", idle, null, null).statusCode()).isEqualTo(200);
    CLOCK.advance(Duration.ofMinutes(29)); // 58 min after the login, 29 after its last use
    assertThat(call("GET", "/api/session", idle, null, null).statusCode()).isEqualTo(200);
    CLOCK.advance(Duration.ofMinutes(30)); // 30 idle minutes
    assertThat(call("GET", "/api/session", idle, null, null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/transits", idle, null, null).statusCode()).isEqualTo(401);

    String day = cookieOf(login(user, PASSWORD));
    for (int i = 0; i < 35; i++) { // used every 20 minutes for 11 h 40
      CLOCK.advance(Duration.ofMinutes(20));
      assertThat(call("GET", "/api/session", day, null, null).statusCode()).as("after " + (i + 1) * 20 + " min")
          .isEqualTo(200);
    }
    CLOCK.advance(Duration.ofMinutes(20)); // 12 h
    assertThat(call("GET", "/api/session", day, null, null).statusCode()).isEqualTo(401);
    assertThat(busy).isNotEqualTo(idle);
  }

  @Test
  void theStoreKeepsAnArgon2idHashWithItsParametersNeverThePassword() throws Exception {
    String user = account("coordinator");
    String stored;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub/hub.db"));
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT password_hash FROM staff_accounts WHERE user_name = '" + user + "'")) {
      assertThat(rs.next()).isTrue();
      stored = rs.getString(1);
    }
    assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD)
        .doesNotContain("horse");
    assertThat(stored.split("\\$")).hasSize(6);
  }

  @Test
  void anAdminManagesUsersWithClearRefusalsAndEveryChangeIsInTheAuditLog() throws Exception {
    HttpResponse<String> login = login("chef", PASSWORD);
    String cookie = cookieOf(login);
    String csrf = JSON.readTree(login.body()).path("csrf").asText();
    String name = "agent-" + (++users);

    HttpResponse<String> unknownBranch = admin("POST", "/api/admin/users", cookie, csrf, "{\"user\":\"" + name
        + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"branch-staff\",\"branches\":[\"BR01\",\"BR99\"]}");
    assertThat(unknownBranch.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknownBranch.body()).path("error").asText()).contains("BR99").contains("site inconnu");
    HttpResponse<String> shortPassword = admin("POST", "/api/admin/users", cookie, csrf, "{\"user\":\"" + name
        + "\",\"password\":\"court\",\"role\":\"branch-staff\",\"branches\":[\"BR01\"]}");
    assertThat(shortPassword.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(shortPassword.body()).path("error").asText()).contains("au moins 12 caractères");
    HttpResponse<String> noBranch = admin("POST", "/api/admin/users", cookie, csrf, "{\"user\":\"" + name
        + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"branch-staff\"}");
    assertThat(noBranch.statusCode()).isEqualTo(400);
    assertThat(admin("POST", "/api/admin/users", cookie, csrf, "{\"user\":\"" + name + "\",\"password\":\""
        + PASSWORD + "\",\"role\":\"boss\",\"branches\":[\"BR01\"]}").body()).contains("boss");

    HttpResponse<String> created = admin("POST", "/api/admin/users", cookie, csrf, "{\"user\":\"" + name
        + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"branch-staff\",\"branches\":[\"BR03\"],\"language\":\"en\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(created.body()).doesNotContain("argon2").doesNotContain(PASSWORD);
    assertThat(admin("POST", "/api/admin/users", cookie, csrf, "{\"user\":\"" + name + "\",\"password\":\""
        + PASSWORD + "\",\"role\":\"coordinator\"}").statusCode()).isEqualTo(409);
    JsonNode listed = null;
    for (JsonNode u : JSON.readTree(call("GET", "/api/admin/users", cookie, null, null).body())) {
      if (u.path("user").asText().equals(name)) {
        listed = u;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.path("branches").toString()).isEqualTo("[\"BR03\"]");
    assertThat(listed.path("language").asText()).isEqualTo("en");
    assertThat(listed.has("passwordHash")).isFalse();

    // The new user logs in; disabling them closes their session at once.
    HttpResponse<String> theirs = login(name, PASSWORD);
    assertThat(theirs.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(theirs.body()).path("language").asText()).isEqualTo("en");
    assertThat(admin("PUT", "/api/admin/users/" + name, cookie, csrf, "{\"role\":\"coordinator\"}").statusCode())
        .isEqualTo(200);
    assertThat(JSON.readTree(call("GET", "/api/session", cookieOf(theirs), null, null).body()).path("role").asText())
        .as("a role changed applies at once").isEqualTo("coordinator");
    assertThat(admin("PUT", "/api/admin/users/" + name, cookie, csrf, "{\"disabled\":true}").statusCode())
        .isEqualTo(200);
    assertThat(call("GET", "/api/session", cookieOf(theirs), null, null).statusCode()).isEqualTo(401);
    assertThat(login(name, PASSWORD).statusCode()).isEqualTo(401);
    assertThat(admin("PUT", "/api/admin/users/" + name, cookie, csrf, "{\"disabled\":false,\"password\":\""
        + "another long password\"}").statusCode()).isEqualTo(200);
    assertThat(login(name, PASSWORD).statusCode()).isEqualTo(401);
    assertThat(login(name, "another long password").statusCode()).isEqualTo(200);
    assertThat(admin("PUT", "/api/admin/users/nobody-here", cookie, csrf, "{\"disabled\":true}").statusCode())
        .isEqualTo(404);
    HttpResponse<String> lastAdmin = admin("PUT", "/api/admin/users/chef", cookie, csrf, "{\"disabled\":true}");
    assertThat(lastAdmin.statusCode()).isEqualTo(409);
    assertThat(lastAdmin.body()).contains("dernier administrateur");

    List<String> lines = new ArrayList<>();
    for (JsonNode line : audit("actor=chef")) {
      if (line.path("subject").asText().equals(name)) {
        lines.add(line.path("action").asText() + ": " + line.path("detail").asText());
      }
    }
    assertThat(lines).containsExactly( // newest first
        "user-changed: enabled, password reset",
        "user-disabled: disabled, 1 session(s) closed",
        "user-changed: role branch-staff → coordinator",
        "user-created: role branch-staff, branches BR03");
    assertThat(audit("action=user-created&actor=chef")).allSatisfy(l ->
        assertThat(l.path("action").asText()).isEqualTo("user-created"));
    assertThat(audit("actor=chef").toString()).doesNotContain(PASSWORD).doesNotContain("another long password");
    JsonNode page = JSON.readTree(call("GET", "/api/admin/audit?limit=2&offset=1", null, ADMIN_TOKEN, null).body());
    assertThat(page.path("audit").size()).isEqualTo(2);
    assertThat(page.path("total").asLong()).isGreaterThan(4);
  }

  @Test
  void whatStaffDoToTheShuttleIsAuditedUnderTheirName() throws Exception {
    String agent = account("branch-staff", "BR02");
    HttpResponse<String> login = login(agent, PASSWORD);
    String cookie = cookieOf(login);
    String csrf = JSON.readTree(login.body()).path("csrf").asText();

    HttpResponse<String> left = admin("POST", "/api/routes/north/departures", cookie, csrf, "{\"branch\":\"BR02\"}");
    assertThat(left.statusCode()).as(left.body()).isEqualTo(200);

    JsonNode lines = audit("actor=" + agent + "&action=departure");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).path("subject").asText()).isEqualTo("north");
    assertThat(lines.get(0).path("detail").asText()).contains("BR02");
  }

  private static JsonNode audit(String query) throws Exception {
    HttpResponse<String> answer = call("GET", "/api/admin/audit?" + query, null, ADMIN_TOKEN, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body()).path("audit");
  }

  private static HttpResponse<String> admin(String method, String path, String cookie, String csrf, String body)
      throws Exception {
    return call(method, path, cookie, null, body, "X-CSRF-Token", csrf);
  }

  private static HttpResponse<String> login(String user, String password) throws Exception {
    return call("POST", "/api/session", null, null, body(user, password));
  }

  private static String body(String user, String password) {
    return "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}";
  }

  private static String sessionSetCookie(HttpResponse<String> answer) {
    return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("navette-session="))
        .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + answer.headers()));
  }

  /** The {@code name=value} to send back. */
  private static String cookieOf(HttpResponse<String> login) {
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String set = sessionSetCookie(login);
    return set.substring(0, set.indexOf(';'));
  }

  private static HttpResponse<String> call(String method, String path, String cookie, String token, String body,
      String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.hub.httpPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
