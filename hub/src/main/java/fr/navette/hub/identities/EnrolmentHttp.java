package fr.navette.hub.identities;

import fr.navette.hub.web.JsonAnswers;
import fr.navette.identity.EnrolmentProtocol;
import fr.navette.identity.EnrolmentProtocol.EnrolmentResponse;
import fr.navette.identity.EnrolmentProtocol.HttpReply;
import fr.navette.identity.EnrolmentService;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import fr.navette.identity.NetworkCa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.time.Duration;
import java.util.Base64;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Enrolment and renewal ({@link EnrolmentProtocol}'s paths) on the hub's HTTPS listener: identity's
 * {@link EnrolmentService} answers, this sends its reply and records in the registry the certificate it issued.
 * Renewal reads the client certificate the TLS session saw (the listener asks for one, optionally).
 */
public final class EnrolmentHttp implements HttpService {
  /** Requests are a CSR and a token: a few KiB; past this the body is not read. */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  /** Where the certificate revocation list is served, PEM, to anyone (a CRL is public and signed). */
  public static final String CRL_PATH = "/api/enrolment/crl";
  /** How long a fetched CRL holds: tools fetch it again by then. */
  private static final Duration CRL_VALIDITY = Duration.ofDays(1);

  private final EnrolmentService service;
  private final IdentityRegistry registry;
  private final NetworkCa ca;
  private final Clock clock;

  public EnrolmentHttp(EnrolmentService service, IdentityRegistry registry, NetworkCa ca, Clock clock) {
    this.service = service;
    this.registry = registry;
    this.ca = ca;
    this.clock = clock;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get(EnrolmentProtocol.CA_PATH, (req, res) -> send(res, service.caCertificate()))
        .get(CRL_PATH, (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/x-pem-file")
            .send(crlPem().getBytes(StandardCharsets.US_ASCII)))
        .post(EnrolmentProtocol.ENROL_PATH, (req, res) -> {
          Optional<byte[]> body = body(req);
          if (body.isEmpty()) {
            tooLarge(res);
            return;
          }
          send(res, recorded(service.enrol(body.get()), false));
        })
        .post(EnrolmentProtocol.RENEW_PATH, (req, res) -> {
          Optional<byte[]> body = body(req);
          if (body.isEmpty()) {
            tooLarge(res);
            return;
          }
          send(res, recorded(service.renew(clientChain(req), body.get()), true));
        });
  }

  /** A certificate was issued: the registry's identity is enrolled with it (its serial, its end). */
  private HttpReply recorded(HttpReply reply, boolean renewal) {
    if (reply.status() == 200) {
      try {
        EnrolmentResponse issued = JsonAnswers.JSON.readValue(reply.body(), EnrolmentResponse.class);
        registry.issued(issued.deviceId(), issued.serial(), Instant.parse(issued.notAfter()), clock.instant(),
            renewal);
      } catch (IOException e) {
        throw new UncheckedIOException("the enrolment service wrote an answer it cannot read", e);
      }
    }
    return reply;
  }

  /** The current CRL, signed now, in PEM (what Mosquitto's {@code crlfile} and {@code openssl crl} read). */
  public String crlPem() {
    try {
      return "-----BEGIN X509 CRL-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(ca.crl(registry.revocations(), CRL_VALIDITY).getEncoded())
          + "\n-----END X509 CRL-----\n";
    } catch (CRLException e) {
      throw new IllegalStateException("cannot encode the CRL", e);
    }
  }

  /** The body, or empty when it is longer than a CSR and a token can be (never cut and parsed half). */
  private static Optional<byte[]> body(ServerRequest req) {
    if (!req.content().hasEntity()) {
      return Optional.of(new byte[0]);
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      return bytes.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void tooLarge(ServerResponse res) {
    res.status(Status.REQUEST_ENTITY_TOO_LARGE_413).header(HeaderNames.CONTENT_TYPE, "application/json")
        .send(("{\"error\":\"an enrolment request is a CSR and a token: at most " + MAX_BODY_BYTES
            + " bytes\",\"code\":\"too-large\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static List<X509Certificate> clientChain(ServerRequest req) {
    return req.remotePeer().tlsCertificates().map(Arrays::asList).orElse(List.<Certificate>of()).stream()
        .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
  }

  private static void send(ServerResponse res, HttpReply reply) {
    res.status(Status.create(reply.status())).header(HeaderNames.CONTENT_TYPE, reply.contentType()).send(reply.body());
  }
}
