package fr.navette.launcher;

import fr.navette.agent.ServiceWatchdog;
import fr.navette.agent.SystemdNotify;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The hub under systemd (the navette-hub unit: Type=notify, WatchdogSec=): READY=1 once {@code Hub.start} returned
 * (store migrated, broker and HTTP listening) and the hub answers its own {@code GET /api/health}; then WATCHDOG=1
 * while it keeps answering it, over loopback, within 5 s.
 *
 * <p>Why that request. It goes through what every client meets — the web server's acceptor and worker threads, the
 * routing, and the store's health as ingest finds it — so a wedged server (threads exhausted, a deadlock, a JVM
 * thrashing near its heap's end) stops the pings and systemd restarts the hub. Any answer counts as alive, a 503
 * too: a failing store (PostgreSQL away, a full disk) is not mended by a restart, ingest already refuses events
 * (devices keep them), and staff must still reach the console to see the alert; STATUS= says it. The broker is not
 * probed: a connection to its TLS port would log a failed handshake every ping, and devices that lose it reconnect.
 */
final class HubLiveness {
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_WITHIN).build();
  private final URI health;
  private volatile String status = "starting";

  private HubLiveness(URI health) {
    this.health = health;
  }

  /** Watches the hub whose dashboard listens on {@code bind}:{@code port} (a wildcard bind: asked on 127.0.0.1). */
  static ServiceWatchdog watch(String bind, int port, SystemdNotify systemd) {
    String host = bind == null || bind.isBlank() || bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    HubLiveness liveness = new HubLiveness(URI.create("http://" + host + ":" + port + "/api/health"));
    return new ServiceWatchdog("hub", systemd, liveness::stuck, () -> liveness.status);
  }

  private Optional<String> stuck() {
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(health).timeout(ANSWER_WITHIN).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      status = "serving; store " + (answer.statusCode() == 200 ? "ok" : "failing (HTTP " + answer.statusCode()
          + ", see the console's alerts)");
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("GET " + health + " not answered: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }
}
