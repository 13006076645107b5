package fr.navette.launcher;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./navette demo} as a person runs it: a process of its own, its terminal (stdout and stderr, in the order
 * they were written) read line by line. Ports are free ones; {@code tmp} is the process's temporary folder.
 */
final class DemoProcess implements AutoCloseable {
  private final Process process;
  private final List<String> terminal = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private DemoProcess(Process process) {
    this.process = process;
    reader = Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          terminal.add(line);
          // Into this test's own output as well: the suite's log scan (bench: TestLogsPrivacyTest) reads the demo's
          // logs there, the demo being the one place where every part logs together.
          System.out.println("demo | " + line);
        }
      } catch (IOException e) {
        terminal.add("(terminal closed: " + e + ")");
      }
    });
  }

  static DemoProcess start(Path tmp, String... options) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
        // gate-launcher/target/gate.jar, on the tests' class path, names slf4j-simple in its manifest's Class-Path:
        // the JVM adds it, and SLF4J would pick either logger (./navette's lib/ copy of it names nothing that exists)
        "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider", "-Dslf4j.internal.verbosity=WARN",
        "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Navette.class.getName(), "demo",
        "--http-port", "0", "--mqtt-port", "0", "--https-port", "0", "--sip2-port", "0", "--kiosk-port", "0", "--kiosks", "1"));
    if (Runtime.version().feature() >= 23) { // as ./navette: Guava's and Netty's sun.misc.Unsafe would warn
      command.add(1, "--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of(options));
    return new DemoProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Waits for the last ready line ({@code Admin token: …}); fails with the terminal so far if the demo exits first. */
  DemoProcess awaitReady() {
    await("the demo's ready lines").atMost(Duration.ofSeconds(90)).until(() -> {
      boolean ready = terminal.stream().anyMatch(l -> l.startsWith("Admin token: "));
      if (!ready && !process.isAlive()) {
        reader.join(Duration.ofSeconds(10));
        throw new AssertionError("the demo exited (" + process.exitValue() + "):\n" + String.join("\n", terminal));
      }
      return ready;
    });
    return this;
  }

  /** The value of the ready line {@code Label: value}. */
  String ready(String label) {
    Optional<String> line = terminal.stream().filter(l -> l.startsWith(label + ": ")).findFirst();
    return line.orElseThrow(() -> new AssertionError("no '" + label + ":' line in\n" + String.join("\n", terminal)))
        .substring(label.length() + 2);
  }

  /** The user name and password of the ready line {@code Staff login: USER / PASSWORD} (or Coordinator login). */
  String[] login(String label) {
    String[] parts = ready(label).split(" / ");
    if (parts.length != 2) {
      throw new AssertionError("'" + label + ":' is not 'USER / PASSWORD': " + ready(label));
    }
    return parts;
  }

  /**
   * Opens a session on the demo's hub with the account of the ready line {@code label}: the session cookie
   * ({@code name=value}) and its CSRF token.
   */
  String[] session(String label) throws Exception {
    String[] login = login(label);
    java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(ready("Dashboard") + "api/session"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"user\":\"" + login[0] + "\",\"password\":\"" + login[1] + "\"}"))
            .header("Content-Type", "application/json").build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new AssertionError("login as " + login[0] + ": " + answer.statusCode() + " " + answer.body());
    }
    String cookie = answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("navette-session="))
        .findFirst().orElseThrow();
    String csrf = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("csrf").asText();
    return new String[] {cookie.substring(0, cookie.indexOf(';')), csrf, answer.body()};
  }

  Path logFile() {
    return Path.of(ready("Log"));
  }

  List<String> terminal() {
    return List.copyOf(terminal);
  }

  /** SIGTERM, as Ctrl-C or systemd stop it; returns the exit code. */
  int stop() throws InterruptedException {
    process.toHandle().destroy(); // Process.destroy() would also close the pipe, losing the last lines
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the demo did not stop within 60 s of SIGTERM");
    }
    reader.join(Duration.ofSeconds(10)); // the last lines are read
    return process.exitValue();
  }

  /** SIGKILL: no cleanup at all. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
