package fr.navette.hub.identities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.HubFixture;
import fr.navette.hub.web.StaffAccess;
import fr.navette.identity.CaFingerprint;
import fr.navette.identity.DeviceFiles;
import fr.navette.identity.EnrolmentClient;
import fr.navette.identity.EnrolmentException;
import fr.navette.identity.EnrolmentString;
import fr.navette.identity.Tls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device identities over a whole hub (real HTTP and HTTPS servers, SQLite): the administrator adds a device and
 * gets its enrolment string, a device enrols with it over the hub's TLS through identity's {@link EnrolmentClient},
 * the string works once, only admin tokens reach {@code /api/admin/}, revocation is recorded and audited.
 */
class IdentitiesTest {
  private static final String STAFF = "staff-token-0123456789abcdef";
  private static final String ADMIN = "admin-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static HubFixture hub;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final EnrolmentClient DEVICE = new EnrolmentClient(Duration.ofSeconds(10));

  @BeforeAll
  static void start() throws Exception {
    hub = HubFixture.onSmallSigb(dir,
        c -> c.withStaffAccess(StaffAccess.parse("staff:" + STAFF + ",admin:" + ADMIN)), Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    hub.close();
  }

  @Test
  void theCaIsMadeAtStartItsKeyKeptPrivate() throws Exception {
    Path ca = dir.resolve("hub").resolve("ca");
    assertThat(Files.getPosixFilePermissions(ca.resolve("ca.key")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(ca.resolve("hub.crt")).exists();
    assertThat(hub.hub.caFingerprint()).isEqualTo(CaFingerprint.of(hub.hub.caCertificate()));
    assertThat(hub.hub.httpsPort()).isPositive().isNotEqualTo(hub.hub.httpPort());
  }

  @Test
  void anEnrolmentBodyLargerThanACsrAndATokenIsRefused413NotCutAndRead() throws Exception {
    HttpResponse<String> huge = call("POST", "/api/enrolment/enrol", null, "{\"csr\":\"" + "A".repeat(200_000) + "\"}");
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(huge.body()).contains("too-large");
  }

  @Test
  void anAddedDeviceEnrolsOverHttpsOnceAndIsListedEnrolled() throws Exception {
    JsonNode added = admin("POST", "/api/admin/devices", "{\"id\":\"gate-01\",\"site\":\"BR01\",\"kind\":\"gate\"}", 200);
    assertThat(added.path("deviceId").asText()).isEqualTo("gate-01");
    assertThat(Instant.parse(added.path("expiresAt").asText())).isAfter(Instant.now().plus(Duration.ofHours(23)));
    EnrolmentString enrolment = EnrolmentString.parse(added.path("enrolment").asText());
    assertThat(enrolment.caFingerprint()).isEqualTo(hub.hub.caFingerprint());
    // The same string as a QR code drawn by the hub, for the devices page to show as it is.
    assertThat(added.path("qrSvg").asText()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .contains("<path d=\"M").endsWith("</svg>");
    assertThat(state("gate-01").path("state").asText()).isEqualTo("pending");

    Path folder = dir.resolve("gate-01");
    EnrolmentClient.Enrolled enrolled = DEVICE.enrol(https(), enrolment, folder);

    assertThat(enrolled.identity().id()).isEqualTo("gate-01");
    assertThat(enrolled.identity().site()).isEqualTo("BR01");
    assertThat(folder.resolve("device.key")).exists();
    assertThat(folder.resolve("device.crt")).exists();
    assertThat(folder.resolve("ca.crt")).exists();
    JsonNode listed = state("gate-01");
    assertThat(listed.path("state").asText()).isEqualTo("enrolled");
    assertThat(listed.path("serial").asText())
        .isEqualTo(DeviceFiles.load(folder).keyAndCertificate().certificate().getSerialNumber().toString(16));
    assertThatThrownBy(() -> DEVICE.enrol(https(), enrolment, dir.resolve("gate-01-again")))
        .isInstanceOfSatisfying(EnrolmentException.class, e -> assertThat(e.code()).isEqualTo("token-used"));
  }

  @Test
  void anEnrolledDeviceRenewsWithItsCertificateOverTls() throws Exception {
    JsonNode added = admin("POST", "/api/admin/devices", "{\"id\":\"box-03\",\"site\":\"BR03\",\"kind\":\"return-box\"}", 200);
    Path folder = dir.resolve("box-03");
    DEVICE.enrol(https(), EnrolmentString.parse(added.path("enrolment").asText()), folder);
    String first = state("box-03").path("serial").asText();

    DEVICE.renew(https(), folder);

    JsonNode renewed = state("box-03");
    assertThat(renewed.path("serial").asText()).isNotEqualTo(first)
        .isEqualTo(DeviceFiles.load(folder).keyAndCertificate().certificate().getSerialNumber().toString(16));
    assertThat(renewed.path("renewedAt").isNull()).isFalse();
  }

  @Test
  void onlyAdminTokensReachTheAdminApi() throws Exception {
    String body = "{\"id\":\"gate-09\",\"site\":\"BR01\",\"kind\":\"gate\"}";
    // Also on the staff console's port (the devices page), admins only there too.
    URI plainUri = URI.create("http://127.0.0.1:" + hub.hub.httpPort() + "/api/admin/devices");
    HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(plainUri).header("Authorization", "Bearer " + ADMIN)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(HTTP.send(HttpRequest.newBuilder(plainUri).header("Authorization", "Bearer " + STAFF).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    assertThat(HTTP.send(HttpRequest.newBuilder(plainUri).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
    assertThat(call("GET", "/api/admin/devices", STAFF, null).statusCode()).isEqualTo(403);
    assertThat(call("POST", "/api/admin/devices", STAFF, body).statusCode()).isEqualTo(403);
    HttpResponse<String> anonymous = call("GET", "/api/admin/devices", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("\"error\"");
    assertThat(call("POST", "/api/admin/devices", null, body).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/admin/audit", STAFF, null).statusCode()).isEqualTo(403);
    assertThat(state("gate-09")).isNull();
  }

  @Test
  void mistakesAreRefusedInFrench() throws Exception {
    admin("POST", "/api/admin/devices", "{\"id\":\"kiosk-02\",\"site\":\"BR02\",\"kind\":\"self-check\"}", 200);
    HttpResponse<String> twice = call("POST", "/api/admin/devices", ADMIN,
        "{\"id\":\"kiosk-02\",\"site\":\"BR02\",\"kind\":\"self-check\"}");
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(twice.body()).path("error").asText()).contains("existe déjà");
    HttpResponse<String> badKind = call("POST", "/api/admin/devices", ADMIN,
        "{\"id\":\"x-1\",\"site\":\"BR02\",\"kind\":\"toaster\"}");
    assertThat(badKind.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badKind.body()).path("error").asText()).contains("identité d'appareil invalide");
    HttpResponse<String> unknown = call("POST", "/api/admin/devices/nobody/revoke", ADMIN, null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("appareil inconnu");
  }

  @Test
  void aRevokedDeviceIsListedRevokedCannotRenewAndTheAuditLogSaysWhoDidWhat() throws Exception {
    JsonNode added = admin("POST", "/api/admin/devices", "{\"id\":\"gate-07\",\"site\":\"BR02\",\"kind\":\"gate\"}", 200);
    Path folder = dir.resolve("gate-07");
    DEVICE.enrol(https(), EnrolmentString.parse(added.path("enrolment").asText()), folder);
    String serial = state("gate-07").path("serial").asText();

    JsonNode revoked = admin("POST", "/api/admin/devices/gate-07/revoke", null, 200);

    assertThat(revoked.path("state").asText()).isEqualTo("revoked");
    assertThat(state("gate-07").path("state").asText()).isEqualTo("revoked");
    assertThatThrownBy(() -> DEVICE.renew(https(), folder)).isInstanceOfSatisfying(EnrolmentException.class,
        e -> assertThat(e.code()).isEqualTo("certificate-revoked"));
    // A new string for it (the administrator lets it back in with a new identity): over HTTPS, as the CLI calls.
    JsonNode again = adminOverHttps("/api/admin/devices/gate-07/renew");
    assertThat(again.path("enrolment").asText()).startsWith("NAV1-");

    List<String> lines = new ArrayList<>();
    for (JsonNode line : admin("GET", "/api/admin/audit", null, 200).path("audit")) {
      if (line.path("deviceId").asText().equals("gate-07")) {
        lines.add(line.path("actor").asText() + " " + line.path("action").asText() + " " + line.path("serial").asText());
      }
    }
    java.util.Collections.reverse(lines); // the audit log is newest first
    assertThat(lines).containsExactly(
        "admin token-issued ",
        "device:gate-07 enrolled " + serial,
        "admin revoked " + serial,
        "device:gate-07 renewal-refused ",
        "admin token-issued ");
  }

  private static URI https() {
    return URI.create("https://127.0.0.1:" + hub.hub.httpsPort());
  }

  private static JsonNode state(String deviceId) throws Exception {
    for (JsonNode device : admin("GET", "/api/admin/devices", null, 200)) {
      if (device.path("deviceId").asText().equals(deviceId)) {
        return device;
      }
    }
    return null;
  }

  private static JsonNode admin(String method, String path, String body, int expected) throws Exception {
    HttpResponse<String> response = call(method, path, ADMIN, body);
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
    return JSON.readTree(response.body());
  }

  private static JsonNode adminOverHttps(String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(Tls.trusting(hub.hub.caCertificate())).build();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(https().resolve(path))
        .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(https().resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newBuilder().sslContext(Tls.trusting(hub.hub.caCertificate())).build()
        .send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
