package fr.navette.bench.hub;

import fr.navette.mqtt.LoopbackPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of the driver's own on a free port below the ephemeral range, configured as the README's
 * scale-out section says (persistence, no queue bound, 1,000 messages in flight to a hub) — never the
 * machine's shared one on 1883, where other hubs' subscriptions would take these events.
 */
final class PrivateMosquitto implements AutoCloseable {
  private final Process process;
  private final int port;

  private PrivateMosquitto(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static PrivateMosquitto start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = LoopbackPorts.belowEphemeralRange();
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, """
        listener %d 127.0.0.1
        allow_anonymous true
        persistence true
        persistence_location %s/
        max_queued_messages 0
        max_inflight_messages 1000
        user %s
        """.formatted(port, dir.toAbsolutePath(), System.getProperty("user.name")));
    Process process = new ProcessBuilder("mosquitto", "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new PrivateMosquitto(process, port);
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(50);
      }
    }
    process.destroyForcibly();
    throw new IOException("mosquitto did not start on port " + port + ": see " + dir.resolve("mosquitto.log"));
  }

  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
