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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Enrolment and renewal ({@link EnrolmentProtocol}'s paths) on the hub's HTTPS listener: identity's
 * {@link EnrolmentService} answers, this sends its reply and records in the registry the certificate it issued.
 * Renewal reads the client certificate the TLS session saw (the listener asks for one, optionally).
 */
public final class EnrolmentHttp implements HttpService {
  /** Requests are a CSR and a token: a few KiB; past this the body is not read. */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final EnrolmentService service;
  private final IdentityRegistry registry;
  private final Clock clock;

  public EnrolmentHttp(EnrolmentService service, IdentityRegistry registry, Clock clock) {
    this.service = service;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get(EnrolmentProtocol.CA_PATH, (req, res) -> send(res, service.caCertificate()))
        .post(EnrolmentProtocol.ENROL_PATH, (req, res) -> send(res, recorded(service.enrol(body(req)), false)))
        .post(EnrolmentProtocol.RENEW_PATH,
            (req, res) -> send(res, recorded(service.renew(clientChain(req), body(req)), true)));
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

  private static byte[] body(ServerRequest req) {
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = req.content().inputStream()) {
      return in.readNBytes(MAX_BODY_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<X509Certificate> clientChain(ServerRequest req) {
    return req.remotePeer().tlsCertificates().map(Arrays::asList).orElse(List.<Certificate>of()).stream()
        .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
  }

  private static void send(ServerResponse res, HttpReply reply) {
    res.status(Status.create(reply.status())).header(HeaderNames.CONTENT_TYPE, reply.contentType()).send(reply.body());
  }
}
