package fr.navette.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.navette.hub.HubFixture;
import fr.navette.hub.web.StaffAccess.Role;
import fr.navette.sim.sigb.SigbSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Bearer tokens per role on every call of the API, reads included (no session in these requests). */
class StaffAccessTest {
  private static final String STAFF = "staff-token-0123456789abcdef";
  private static final String ADMIN = "admin-token-0123456789abcdef";
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void tokensAreReadPerRoleAndCheckedWithoutEverShowingThem() {
    StaffAccess access = StaffAccess.parse("staff:" + STAFF + ", admin:" + ADMIN);
    assertThat(access.roleOf(Optional.of("Bearer " + STAFF))).hasValue(Role.STAFF);
    assertThat(access.roleOf(Optional.of("bearer " + ADMIN))).hasValue(Role.ADMIN);
    assertThat(access.roleOf(Optional.of("Bearer " + STAFF + "x"))).isEmpty();
    assertThat(access.roleOf(Optional.of(STAFF))).isEmpty(); // no scheme
    assertThat(access.roleOf(Optional.of("Basic " + STAFF))).isEmpty();
    assertThat(access.roleOf(Optional.empty())).isEmpty();
    assertThat(StaffAccess.covers(Role.ADMIN, Role.STAFF)).isTrue();
    assertThat(StaffAccess.covers(Role.STAFF, Role.ADMIN)).isFalse();
    assertThat(access.toString()).contains("1 staff", "1 admin").doesNotContain(STAFF).doesNotContain(ADMIN);
    assertThat(StaffAccess.open().isOpen()).isTrue();

    assertThatThrownBy(() -> StaffAccess.parse("staff:short")).hasMessageContaining("#1")
        .hasMessageContaining("20 characters").hasMessageNotContaining("short");
    assertThatThrownBy(() -> StaffAccess.parse("staff:" + STAFF + ",boss:" + ADMIN)).hasMessageContaining("#2")
        .hasMessageContaining("unknown role 'boss'").hasMessageNotContaining(ADMIN);
    assertThatThrownBy(() -> StaffAccess.parse(STAFF)).hasMessageContaining("role:token");
  }

  @Test
  void everyCallNeedsATokenOfItsRoleReadsIncluded() throws Exception {
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    Logger web = (Logger) LoggerFactory.getLogger(HubWeb.class);
    web.addAppender(captured);
    try (SigbSimulator sigb = HubFixture.smallSigb();
         HubFixture hub = new HubFixture(dir, sigb.port(),
             c -> c.withStaffAccess(StaffAccess.parse("staff:" + STAFF + ",admin:" + ADMIN)), Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + hub.hub.httpPort();
      assertThat(get(base + "/api/transits", null).statusCode()).isEqualTo(401);
      assertThat(get(base + "/api/transits", STAFF).statusCode()).isEqualTo(200);
      assertThat(get(base + "/api/health", null).statusCode()).as("health stays open").isEqualTo(200);

      HttpResponse<String> anonymous = post(base + "/api/alerts/nope/resolve", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"navette\"");
      assertThat(anonymous.body()).contains("connexion requise").contains("jeton du personnel");
      assertThat(post(base + "/api/alerts/nope/resolve", "not-a-token-of-this-hub-000").statusCode()).isEqualTo(401);
      // Past the door, the endpoint answers as usual (no such alert, no such transit).
      assertThat(post(base + "/api/alerts/nope/resolve", STAFF).statusCode()).isEqualTo(404);
      assertThat(post(base + "/api/transits/nope/close", ADMIN).statusCode()).isEqualTo(404);
      // A path that would forge a log line once decoded is logged on one line.
      assertThat(post(base + "/api/alerts/x%0D%0A12:00:00.000%20INFO%20forged/resolve", null).statusCode())
          .isEqualTo(401);

      HttpResponse<String> staffOnDevices = post(base + "/api/devices/gate-BR01-1/config", STAFF);
      assertThat(staffOnDevices.statusCode()).isEqualTo(403);
      assertThat(staffOnDevices.body()).contains("réservé aux administrateurs");
      assertThat(post(base + "/api/devices/gate-BR01-1/config", ADMIN).statusCode()).isEqualTo(404);
    } finally {
      web.detachAppender(captured);
    }
    List<ILoggingEvent> events;
    synchronized (captured) {
      events = new ArrayList<>(captured.list);
    }
    assertThat(events).extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("POST /api/alerts/nope/resolve refused"))
        .allSatisfy(m -> assertThat(m).doesNotContain(STAFF).doesNotContain("not-a-token-of-this-hub")
            .doesNotContain("\n").doesNotContain("\r"))
        .anySatisfy(m -> assertThat(m).contains("x??12:00:00.000 INFO forged"));
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{}"))
        .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
