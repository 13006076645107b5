package fr.navette.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import fr.navette.identity.EnrolmentProtocol.HttpReply;
import fr.navette.sim.devices.SteppedClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A hub as the device meets it: a real HTTPS server (the JDK's) whose certificate the network CA issued, mounting
 * {@link EnrolmentService} on the protocol's paths as the hub's web layer will. It records every request it saw.
 */
final class TestHub implements AutoCloseable {
  final NetworkCa ca;
  final EnrolmentTokens tokens;
  final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
  final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  /** "METHOD path body" of every request, in order. */
  final List<String> seen = new CopyOnWriteArrayList<>();
  private final HttpsServer server;

  TestHub(Path caDir, SteppedClock clock) {
    this(NetworkCa.openOrCreate(caDir, clock), clock);
  }

  /** A hub whose TLS certificate comes from {@code tlsCa} — another CA than its own when a test plays a forger. */
  TestHub(NetworkCa ca, SteppedClock clock) {
    this.ca = ca;
    this.tokens = new EnrolmentTokens(ca.fingerprint(), clock);
    EnrolmentService service = new EnrolmentService(ca, tokens, revoked::contains,
        EnrolmentService.Settings.of(URI.create("mqtts://127.0.0.1:8883")), clock, audit::add);
    KeyAndCertificate tls = ca.issueServer(List.of(), NetworkCa.SERVER_VALIDITY);
    try {
      server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setHttpsConfigurator(new HttpsConfigurator(Tls.identity(tls, ca.certificate())) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
        parameters.setWantClientAuth(true); // renewal presents the device's certificate; enrolment has none yet
        params.setSSLParameters(parameters);
      }
    });
    server.createContext(EnrolmentProtocol.CA_PATH, exchange -> answer(exchange, service.caCertificate()));
    server.createContext(EnrolmentProtocol.ENROL_PATH, exchange -> answer(exchange, service.enrol(body(exchange))));
    server.createContext(EnrolmentProtocol.RENEW_PATH, exchange -> {
      byte[] body = body(exchange);
      answer(exchange, service.renew(clientChain((HttpsExchange) exchange), body));
    });
    server.start();
  }

  URI uri() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  private byte[] body(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
        + new String(body, StandardCharsets.UTF_8));
    return body;
  }

  private void answer(HttpExchange exchange, HttpReply reply) throws IOException {
    if (exchange.getRequestMethod().equals("GET")) {
      seen.add("GET " + exchange.getRequestURI().getPath());
    }
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(reply.status(), reply.body().length);
    try (var out = exchange.getResponseBody()) {
      out.write(reply.body());
    }
  }

  private static List<X509Certificate> clientChain(HttpsExchange exchange) {
    try {
      Certificate[] chain = exchange.getSSLSession().getPeerCertificates();
      return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
