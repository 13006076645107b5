package fr.navette.mqtt.testkit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.navette.mqtt.LoopbackPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A Mosquitto of the test's own (never the machine's shared one, which tests must not reconfigure), on a free
 * port, with the configuration lines the test gives; the test is skipped when {@code /usr/sbin/mosquitto} is absent.
 * It can be stopped and started again on the same port (reconnect tests).
 */
public final class PrivateMosquitto implements AutoCloseable {
  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  private final Path dir;
  private final int port;
  private Process process;

  private PrivateMosquitto(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /**
   * Starts one listening on 127.0.0.1; {@code config} is added to the listener's configuration (with {@code %s}
   * standing for {@code dir}, e.g. {@code acl_file %s/acl}). Anonymous clients are allowed and nothing is persisted
   * unless it says otherwise.
   */
  public static PrivateMosquitto start(Path dir, String config) throws IOException {
    assumeTrue(Files.isExecutable(MOSQUITTO), "no /usr/sbin/mosquitto: install mosquitto to run this test");
    int port = LoopbackPorts.belowEphemeralRange();
    boolean anonymousSet = config.contains("allow_anonymous");
    boolean persistenceSet = config.contains("persistence ");
    Files.writeString(dir.resolve("mosquitto.conf"), """
        listener %d 127.0.0.1
        %s
        %s
        %s
        user %s
        """.formatted(port, anonymousSet ? "" : "allow_anonymous true", persistenceSet ? "" : "persistence false",
        config.replace("%s", dir.toString()),
        System.getProperty("user.name")));
    PrivateMosquitto broker = new PrivateMosquitto(dir, port);
    broker.resume();
    return broker;
  }

  /**
   * Starts one whose whole configuration is {@code config} given the free port it is to listen on (its own
   * {@code listener} lines, TLS and all); only {@code user <this user>} is added, so that a broker started as root
   * can still read the test's 0600 files (it would otherwise drop to the {@code mosquitto} user).
   */
  public static PrivateMosquitto startWith(Path dir, IntFunction<String> config) throws IOException {
    assumeTrue(Files.isExecutable(MOSQUITTO), "no /usr/sbin/mosquitto: install mosquitto to run this test");
    int port = LoopbackPorts.belowEphemeralRange();
    Files.writeString(dir.resolve("mosquitto.conf"), config.apply(port) + "\nuser " + System.getProperty("user.name")
        + "\n");
    PrivateMosquitto broker = new PrivateMosquitto(dir, port);
    broker.resume();
    return broker;
  }

  /**
   * Sends SIGHUP (what {@code systemctl reload mosquitto} does) and returns once the broker logged that it read its
   * configuration again: from then on, new ACLs, CRL and certificates apply.
   */
  public void reload() throws IOException, InterruptedException {
    long before = log().split("Reloading config", -1).length;
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -HUP " + process.pid() + " failed");
    }
    await("mosquitto reloaded its configuration").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
        .until(() -> log().split("Reloading config", -1).length > before);
  }

  /** What the broker logged so far (its standard output and error). */
  public String log() throws IOException {
    Path log = dir.resolve("mosquitto.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Kills the broker (as a crash would): clients lose their connection. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
    await("port " + port + " closed").atMost(Duration.ofSeconds(10)).until(() -> !listening(port));
  }

  /**
   * Kills the broker with SIGKILL (a power cut, the OOM killer): no goodbye to clients, and nothing saved since its
   * last autosave ({@code autosave_interval}).
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    await("port " + port + " closed").atMost(Duration.ofSeconds(10)).until(() -> !listening(port));
  }

  /** Starts it again on the same port. */
  public void resume() throws IOException {
    process = new ProcessBuilder(MOSQUITTO.toString(), "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log")
            .toFile())).start();
    await("mosquitto listening on " + port).atMost(Duration.ofSeconds(10)).until(() -> listening(port));
  }

  public static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
