package fr.navette.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.navette.schema.EventCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * {@code GET /health} on a local port, for systemd's watchdog and a technician's curl: 200 with the
 * {@code health} JSON when healthy, 503 with the same JSON when the main loop stalled. The JDK's own HTTP
 * server: no extra library on a Pi, one thread. Bind it to 127.0.0.1: it is not for the network.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  public static HealthServer start(HealthMonitor monitor, InetSocketAddress address) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 8);
    } catch (IOException e) {
      throw new UncheckedIOException("health endpoint cannot listen on " + address + ": " + e.getMessage(), e);
    }
    server.setExecutor(Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon(true)
        .name("health-http").unstarted(r)));
    server.createContext("/health", exchange -> answer(exchange, monitor));
    server.start();
    return new HealthServer(server);
  }

  private static void answer(HttpExchange exchange, HealthMonitor monitor) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      int status;
      try {
        body = EventCodec.encode(monitor.snapshot());
        status = monitor.healthy() ? 200 : 503;
      } catch (RuntimeException e) {
        body = ("{\"error\":\"" + e.getClass().getSimpleName() + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        status = 503;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
