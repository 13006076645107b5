package fr.navette.launcher.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.identity.DeviceKind;
import fr.navette.identity.EnrolmentClient;
import fr.navette.identity.EnrolmentString;
import fr.navette.mqtt.LoopbackPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The hub as its own OS process ({@code navette hub}), so that the run can kill it with SIGKILL — no shutdown
 * hook, no last transaction — and start it again on the same {@code --data} and ports. Its terminal goes to
 * {@code hub.log} in the run's folder.
 */
final class HubProcess implements AutoCloseable {
  /** {@code ./navette}'s main class, by name: naming the class would make a package cycle (launcher runs chaos). */
  private static final String NAVETTE = "fr.navette.launcher.Navette";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> command;
  private final Path log;
  private final String sigbPassword;
  private final int httpPort = LoopbackPorts.belowEphemeralRange();
  private final int httpsPort = LoopbackPorts.belowEphemeralRange();
  /** The administrator's bearer token (NAVETTE_STAFF_TOKENS), to add the boxes as an administrator would. */
  private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;

  /**
   * @param mqttPort the embedded broker's MQTTS port (mutual TLS, enrolled devices only), kept across restarts as
   *     the HTTP and HTTPS ports are
   */
  HubProcess(Path data, int mqttPort, int sigbPort, String sigbUser, String sigbPassword, Duration offlineAfter,
             Duration watchEvery, Path log) {
    this.log = log;
    this.sigbPassword = sigbPassword;
    this.command = ChildJvm.command(NAVETTE, List.of("hub", "--data", data.toString(),
        "--http-bind", "127.0.0.1", "--http-port", Integer.toString(httpPort), "--https-port",
        Integer.toString(httpsPort), "--mqtt-bind", "127.0.0.1", "--mqtt-port", Integer.toString(mqttPort),
        "--sigb-port", Integer.toString(sigbPort), "--sigb-user", sigbUser,
        "--device-offline-after", Long.toString(offlineAfter.toSeconds()),
        "--watch-every", Long.toString(Math.max(1, watchEvery.toSeconds()))));
  }

  /**
   * Enrols a device as the administrator and a technician would: added on the admin API (its one-time
   * enrolment string), then enrolled over HTTPS with that string (CA checked by its fingerprint, key made here,
   * CSR). Returns its identity folder, from which it connects over mutual TLS.
   */
  Path enrol(String site, String deviceId, DeviceKind kind, Path identityDir) {
    try {
      HttpResponse<String> added = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + httpPort + "/api/admin/devices"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("id", deviceId).put("site", site)
              .put("kind", kind.wireName()).toString())).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode answer = added.statusCode() == 200 ? JSON.readTree(added.body()) : null;
      if (answer == null || !answer.hasNonNull("enrolment")) {
        throw new IllegalStateException("chaos: adding " + deviceId + " answered " + added.statusCode() + " "
            + added.body());
      }
      new EnrolmentClient(Duration.ofSeconds(10)).enrol(URI.create("https://127.0.0.1:" + httpsPort),
          EnrolmentString.parse(answer.get("enrolment").asText()), identityDir);
      return identityDir;
    } catch (IOException e) {
      throw new UncheckedIOException("chaos: enrolling " + deviceId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Starts the hub and returns once its broker listens (its ready lines printed). */
  synchronized void start(Duration within) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("NAVETTE_SIGB_PASSWORD", sigbPassword);
    builder.environment().remove("NAVETTE_PATRON_KEY");
    builder.environment().put("NAVETTE_STAFF_TOKENS", "admin:" + token);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("chaos: cannot start the hub", e);
    }
    CountDownLatch ready = new CountDownLatch(1);
    Process started = process;
    Thread.ofPlatform().daemon().name("chaos-hub-terminal").start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(started.getInputStream(),
          StandardCharsets.UTF_8));
           PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
               StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
        out.println("---- hub started (pid " + started.pid() + ")");
        for (String line; (line = in.readLine()) != null; ) {
          out.println(line);
          out.flush();
          if (line.startsWith("MQTT: ")) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // killed: its pipe closed
      }
    });
    try {
      if (!ready.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("chaos: the hub did not start within " + within + " (see " + log + ")"
            + (started.isAlive() ? "" : ", it exited with " + started.exitValue()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** SIGKILL, as a power cut or the OOM killer would: nothing of the hub runs after it. */
  synchronized void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.toHandle().destroy(); // SIGTERM: a clean stop
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
