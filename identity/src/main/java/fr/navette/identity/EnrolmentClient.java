package fr.navette.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.navette.identity.EnrolmentProtocol.EnrolmentRequest;
import fr.navette.identity.EnrolmentProtocol.EnrolmentResponse;
import fr.navette.identity.EnrolmentProtocol.ErrorResponse;
import fr.navette.identity.EnrolmentProtocol.RenewalRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The device's side (what {@code navette enrol} runs), trusting nothing on first use:
 *
 * <ol>
 *   <li>fetch the CA certificate over HTTPS without trusting the connection (nothing secret is sent);
 *   <li>compare its {@link CaFingerprint} with the enrolment string's — on a mismatch, stop: the token has not
 *       left the device;
 *   <li>make the key pair here, and post the token and a CSR over TLS that trusts that CA alone (host name
 *       checked);
 *   <li>check the answer (the certificate is for our key and signed by that CA) and write the identity folder.
 * </ol>
 *
 * Renewal posts a CSR over TLS presenting the current certificate; no token.
 */
public final class EnrolmentClient {
  /** The device's view of a successful enrolment or renewal. */
  public record Enrolled(DeviceIdentity identity, URI broker, Instant notAfter, Map<String, Object> configuration) {}

  private final Duration timeout;

  public EnrolmentClient(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Enrols at the hub (e.g. {@code https://hub.example:8443}) and writes {@code dir}'s three files, then
   * {@link DeviceEnrolment#FILE} (the hub's and broker's addresses, the identity, the first configuration).
   */
  public Enrolled enrol(URI hub, EnrolmentString enrolment, Path dir) {
    X509Certificate ca = HubCa.fetchVerified(hub, enrolment.caFingerprint(), "the enrolment string's", timeout);
    KeyPair keys = Keys.generate();
    String body = json(new EnrolmentRequest(enrolment.token(), Pem.write(Keys.csr(keys, "navette-device"))));
    EnrolmentResponse answer = post(Tls.trusting(ca), hub.resolve(EnrolmentProtocol.ENROL_PATH), body);
    Enrolled enrolled = accept(answer, keys, ca, dir);
    DeviceEnrolment.of(hub, enrolled).write(dir); // the device runs and renews from dir alone
    return enrolled;
  }

  /** Renews the identity in {@code dir} with a new key pair, as long as its certificate is still valid. */
  public Enrolled renew(URI hub, Path dir) {
    DeviceFiles current = DeviceFiles.load(dir);
    KeyPair keys = Keys.generate();
    String body = json(new RenewalRequest(Pem.write(Keys.csr(keys, current.identity().id()))));
    EnrolmentResponse answer = post(current.sslContext(), hub.resolve(EnrolmentProtocol.RENEW_PATH), body);
    Enrolled renewed = accept(answer, keys, current.ca(), dir);
    if (!renewed.identity().equals(current.identity())) {
      throw new EnrolmentException("bad-answer", "the hub renewed " + current.identity() + " as "
          + renewed.identity());
    }
    return renewed;
  }

  private Enrolled accept(EnrolmentResponse answer, KeyPair keys, X509Certificate ca, Path dir) {
    X509Certificate certificate;
    DeviceIdentity identity;
    try {
      certificate = Pem.readCertificate(answer.certificate());
      certificate.verify(ca.getPublicKey());
      identity = DeviceIdentity.fromCertificate(certificate);
    } catch (IdentityException | IllegalArgumentException | GeneralSecurityException e) {
      throw new EnrolmentException("bad-answer", "the hub's certificate cannot be used: " + e.getMessage(), e);
    }
    if (!certificate.getPublicKey().equals(keys.getPublic())) {
      throw new EnrolmentException("bad-answer", "the hub's certificate is not for this device's key");
    }
    DeviceFiles.write(dir, keys.getPrivate(), certificate, ca);
    return new Enrolled(identity, URI.create(answer.broker()), certificate.getNotAfter().toInstant(),
        answer.configuration() == null ? Map.of() : answer.configuration());
  }

  private EnrolmentResponse post(SSLContext tls, URI uri, String body) {
    try (HttpClient client = client(tls)) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout)
          .header("Content-Type", EnrolmentProtocol.JSON)
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        ErrorResponse error = readError(response.body());
        throw new EnrolmentException(error.error(), "the hub refused (" + response.statusCode() + " "
            + error.error() + "): " + error.message());
      }
      return EnrolmentProtocol.MAPPER.readValue(response.body(), EnrolmentResponse.class);
    } catch (JsonProcessingException e) {
      throw new EnrolmentException("bad-answer", "the hub's answer is not the expected JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new EnrolmentException("hub-unreachable", "cannot reach the hub at " + uri + " over TLS pinned to the"
          + " network CA: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnrolmentException("hub-unreachable", "interrupted while talking to the hub", e);
    }
  }

  private static ErrorResponse readError(String body) {
    try {
      ErrorResponse error = EnrolmentProtocol.MAPPER.readValue(body, ErrorResponse.class);
      return error.error() == null ? new ErrorResponse("bad-answer", body) : error;
    } catch (JsonProcessingException e) {
      return new ErrorResponse("bad-answer", body.length() > 200 ? body.substring(0, 200) + "…" : body);
    }
  }

  private HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  private static String json(Object request) {
    try {
      return EnrolmentProtocol.MAPPER.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + request.getClass().getSimpleName(), e);
    }
  }
}
