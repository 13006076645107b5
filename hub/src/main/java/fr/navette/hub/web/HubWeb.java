package fr.navette.hub.web;

import io.helidon.http.DirectHandler;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import javax.net.ssl.SSLContext;
import io.helidon.webserver.http.HttpRouting;

/**
 * The staff dashboard and the JSON API under {@code /api/} (DESIGN §8), served by Helidon SE: the server, its
 * limits, and the server's own refusals in the API's shape. The routes are {@link HubRouting}'s, built from each
 * feature's service. Every POST goes through {@link StaffAccess}: a staff token for the shuttle and alerts, an admin
 * token for devices. Bodies and query parameters are checked by {@link JsonBody} and {@link QueryParams} before
 * anything is done; answers and refusals (400, 404, 409, 413 …, each {@code {"error": …}}) are written by
 * {@link JsonAnswers}.
 */
public final class HubWeb implements AutoCloseable {
  /**
   * The largest request body read (1 MiB): the API's bodies are a few hundred bytes. Past it the server answers
   * 413 without reading the rest — at once for a declared Content-Length, as soon as a chunked body passes it.
   */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private final WebServer server;

  private HubWeb(WebServer server) {
    this.server = server;
  }

  public static HubWeb start(String bind, int port, HttpRouting.Builder routing) {
    return new HubWeb(started(builder(bind, port, routing).build(), bind, port));
  }

  /**
   * The same server over TLS with {@code tls} (the hub's certificate; a client certificate asked for, not
   * required: enrolment has none yet, renewal shows the current one).
   */
  public static HubWeb startTls(String bind, int port, SSLContext tls, HttpRouting.Builder routing) {
    return new HubWeb(started(builder(bind, port, routing)
        .tls(Tls.builder().sslContext(tls).clientAuth(TlsClientAuth.OPTIONAL).build())
        .build(), bind, port));
  }

  /**
   * Helidon does not throw when its port is taken: it logs "Failed to start listener", stops itself and answers
   * port -1 — the demo printed {@code Dashboard: http://127.0.0.1:-1/} with nothing behind it. A hub without its
   * console or enrolment port must not start.
   */
  private static WebServer started(WebServer server, String bind, int port) {
    server.start();
    if (!server.isRunning() || server.port() < 0) {
      server.stop();
      throw new IllegalStateException("cannot listen on " + bind + ":" + port
          + " (the port is taken by another program, or not allowed): choose another port");
    }
    return server;
  }

  private static WebServerConfig.Builder builder(String bind, int port, HttpRouting.Builder routing) {
    return WebServer.builder()
        .host(bind)
        .port(port)
        .maxPayloadSize(MAX_BODY_BYTES)
        // Helidon writes an answer's head and body as separate segments: with Nagle on, every answer over one
        // segment waited for the client's delayed ACK (≈ 40 ms on Linux) — the floor ConsoleBench measured.
        .connectionOptions(options -> options.tcpNoDelay(true))
        .directHandlers(handlers -> {
          for (DirectHandler.EventType event : DirectHandler.EventType.values()) {
            handlers.addHandler(event, JsonAnswers.DIRECT);
          }
        })
        .routing(routing);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
  }
}
