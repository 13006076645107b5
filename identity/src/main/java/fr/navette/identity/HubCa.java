package fr.navette.identity;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The hub's CA as a newcomer finds it, trusting nothing on first use: fetched from {@link EnrolmentProtocol#CA_PATH}
 * over a TLS connection that checks nothing (nothing secret is sent on it), then accepted only if its
 * {@link CaFingerprint} is the one the newcomer was handed out of band — an enrolment string's, an admin token's, or
 * one typed by the administrator. Whatever is secret (an enrolment token, an admin token) is sent afterwards over TLS
 * trusting that CA alone ({@link Tls#trusting}).
 */
public final class HubCa {
  private HubCa() {}

  /**
   * The hub's CA certificate, checked against {@code expected} ({@code expectedFrom} names where that fingerprint
   * came from, for the error: "the enrolment string's", "the admin token's").
   *
   * @throws EnrolmentException {@code ca-fingerprint-mismatch}, {@code hub-unreachable} or {@code bad-answer}
   */
  public static X509Certificate fetchVerified(URI hub, CaFingerprint expected, String expectedFrom,
      Duration timeout) {
    X509Certificate ca = fetchWithoutTrust(hub, timeout);
    CaFingerprint seen = CaFingerprint.of(ca);
    if (!seen.matches(expected)) {
      throw new EnrolmentException("ca-fingerprint-mismatch", "the hub at " + hub + " shows a CA whose fingerprint "
          + seen.text() + " is not " + expectedFrom + " " + expected.text()
          + ": wrong hub, or someone in between; nothing was sent");
    }
    requireCa(ca);
    return ca;
  }

  private static X509Certificate fetchWithoutTrust(URI hub, Duration timeout) {
    // Trusting any server is safe here only because nothing secret is sent and the answer is checked against the
    // fingerprint before anything else happens.
    try (HttpClient client = HttpClient.newBuilder().sslContext(unverified()).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build()) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(hub.resolve(EnrolmentProtocol.CA_PATH))
          .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
      if (response.statusCode() != 200) {
        throw new EnrolmentException("bad-answer", "the hub answered " + response.statusCode() + " for its CA");
      }
      return Pem.readCertificate(response.body());
    } catch (IdentityException e) {
      throw e instanceof EnrolmentException enrolment ? enrolment
          : new EnrolmentException("bad-answer", "the hub's CA certificate is unreadable: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new EnrolmentException("hub-unreachable", "cannot reach the hub at " + hub + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnrolmentException("hub-unreachable", "interrupted while fetching the hub's CA", e);
    }
  }

  /** The CA must be one: self-signed, with the CA flag — not some server's own certificate. */
  private static void requireCa(X509Certificate ca) {
    try {
      ca.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new EnrolmentException("bad-answer", "the hub's CA certificate is not self-signed", e);
    }
    if (ca.getBasicConstraints() < 0) {
      throw new EnrolmentException("bad-answer", "the hub's CA certificate is not a CA's");
    }
  }

  /** Accepts any server: only for fetching the CA certificate, which is then checked by its fingerprint. */
  private static SSLContext unverified() {
    TrustManager acceptAll = new X509ExtendedTrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
      @Override public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {acceptAll}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS", e);
    }
  }
}
