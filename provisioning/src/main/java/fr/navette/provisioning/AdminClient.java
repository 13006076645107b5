package fr.navette.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.navette.identity.Tls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * The hub's admin API ({@code /api/admin/devices}) over HTTPS trusting the network CA alone (never the JVM's public
 * roots, never whatever the hub shows), with an admin bearer token. The answers are the hub's JSON as it is: the
 * command line prints them, scripts read them.
 */
public final class AdminClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private final URI hub;
  private final String token;
  private final Duration timeout;
  private final HttpClient http;

  /** {@code networkCa}: from {@link HubTrust#networkCa}, checked before any token is sent. */
  public AdminClient(URI hub, X509Certificate networkCa, String adminToken, Duration timeout) {
    if (adminToken == null || adminToken.isBlank()) {
      throw new AdminException("token-refused", "no admin token: set NAVETTE_ADMIN_TOKEN");
    }
    this.hub = hub;
    this.token = adminToken.strip();
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().sslContext(Tls.trusting(networkCa)).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A new device and its one-time enrolment string: {@code {deviceId, site, kind, state, enrolment, expiresAt}}. */
  public JsonNode add(String id, String site, String kind) {
    ObjectNode body = JSON.createObjectNode().put("id", id).put("kind", kind);
    if (site != null) {
      body.put("site", site);
    }
    return call("POST", "/api/admin/devices", body.toString(), id);
  }

  /** Every identity the hub knows, as an array. */
  public JsonNode list() {
    return call("GET", "/api/admin/devices", null, null);
  }

  /** Revokes the device's certificate; its identity as listed afterwards. */
  public JsonNode revoke(String id) {
    return call("POST", "/api/admin/devices/" + segment(id) + "/revoke", "", id);
  }

  /** A new enrolment string for a known device (it lost its key, its string expired, it was revoked). */
  public JsonNode renew(String id) {
    return call("POST", "/api/admin/devices/" + segment(id) + "/renew", "", id);
  }

  private JsonNode call(String method, String path, String body, String deviceId) {
    URI uri = hub.resolve(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Authorization", "Bearer " + token).header("Accept", "application/json")
        .header("Accept-Language", "en");
    if (body == null) {
      request.GET();
    } else if (body.isEmpty()) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (SSLException e) {
      throw new AdminException("tls-untrusted", "TLS with the hub at " + hub + " failed: its certificate is not"
          + " one of the network CA trusted here, or it does not name this host (" + e.getMessage() + ")", e);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new AdminException("hub-unreachable", "cannot reach the hub at " + hub + ": " + describe(e), e);
    } catch (HttpTimeoutException e) {
      throw new AdminException("hub-unreachable", "the hub at " + hub + " did not answer within "
          + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      if (e.getCause() instanceof SSLException tls) {
        throw new AdminException("tls-untrusted", "TLS with the hub at " + hub + " failed: " + tls.getMessage(), e);
      }
      throw new AdminException("hub-unreachable", "cannot reach the hub at " + hub + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminException("hub-unreachable", "interrupted while waiting for the hub", e);
    }
    int status = response.statusCode();
    String said = error(response.body());
    switch (status) {
      case 200 -> {
        try {
          return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
          throw new AdminException("bad-answer", "the hub's answer to " + method + " " + path + " is not JSON", e);
        }
      }
      case 401 -> throw new AdminException("token-refused", "the hub refused the admin token (401): it is not one"
          + " of this hub's tokens (check NAVETTE_ADMIN_TOKEN)" + (said.isEmpty() ? "" : "; the hub said: " + said));
      case 403 -> throw new AdminException("not-admin", "the hub refused the token for the admin API (403): it is"
          + " a staff token, not an admin one" + (said.isEmpty() ? "" : "; the hub said: " + said));
      case 404 -> throw new AdminException("unknown-device", deviceId == null
          ? "the hub has no admin API at " + uri + " (404): an older hub, or not its HTTPS port?"
          : "unknown device id '" + deviceId + "' (404)" + (said.isEmpty() ? "" : ": " + said));
      default -> throw new AdminException(status >= 500 ? "hub-fault" : "refused", "the hub refused " + method
          + " " + path + " (" + status + ")" + (said.isEmpty() ? "" : ": " + said));
    }
  }

  /** The hub's {@code {"error": "…"}} message, or nothing. */
  private static String error(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.hasNonNull("error") ? node.get("error").asText() : "";
    } catch (JsonProcessingException | RuntimeException e) {
      return "";
    }
  }

  private static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String describe(IOException e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    http.close();
  }
}
