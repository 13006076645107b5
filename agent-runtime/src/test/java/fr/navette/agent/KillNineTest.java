package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.StateEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An agent process is killed with SIGKILL after storing an event and before publishing it; restarted, it
 * delivers that event to the hub exactly once. Meanwhile the broker announced its death (the will).
 */
class KillNineTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Brokers.class)
  void anEventStoredBeforeAKillReachesTheHubExactlyOnceAfterRestart(Brokers kind) throws Exception {
    String device = "box-k9-" + UUID.randomUUID().toString().substring(0, 8);
    Path outbox = dir.resolve("outbox.db");
    try (Brokers.Running broker = kind.start(dir);
         HubProbe hub = new HubProbe(broker.uri(), "BR01", device)) {
      Agent first = Agent.start("store", outbox, broker.uri(), device);
      String stored = first.awaitLine("stored ");
      UUID eventId = UUID.fromString(stored.substring("stored ".length()));
      await().atMost(Duration.ofSeconds(10)).until(() -> !hub.received(Channel.STATE).isEmpty());

      first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean disconnect
      assertThat(first.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(first.process.exitValue()).isEqualTo(137);

      // The broker publishes the will: the hub learns the device is offline.
      await().atMost(Duration.ofSeconds(30)).until(() -> lastState(hub) == StateEvent.State.OFFLINE);
      assertThat(hub.deliveriesOf(eventId)).as("never published before the kill").isZero();

      Agent second = Agent.start("drain", outbox, broker.uri(), device);
      second.awaitLine("drained");
      assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(second.process.exitValue()).isZero();

      await().atMost(Duration.ofSeconds(10)).until(() -> hub.deliveriesOf(eventId) == 1);
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> hub.deliveriesOf(eventId) == 1);
      assertThat(hub.applied).extracting(h -> h.eventId()).containsExactly(eventId);
      assertThat(hub.applied.getFirst().sequence()).isEqualTo(1L);
      hub.clearRetained();
    }
  }

  private static StateEvent.State lastState(HubProbe hub) {
    var states = hub.received(Channel.STATE);
    byte[] payload = states.getLast().payload();
    return payload.length == 0 ? null : EventCodec.decode(Channel.STATE, payload, StateEvent.class).state();
  }

  /** A real separate JVM running {@link OutboxAgentMain} with this test's class path. */
  private record Agent(Process process, BlockingQueue<String> lines) {
    static Agent start(String mode, Path outbox, String broker, String device) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
          "-cp", System.getProperty("java.class.path"), OutboxAgentMain.class.getName(),
          mode, outbox.toString(), broker, "BR01", device));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread.ofPlatform().daemon(true).start(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
          }
        } catch (IOException e) {
          lines.add("io error: " + e);
        }
      });
      return new Agent(process, lines);
    }

    String awaitLine(String prefix) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      List<String> seen = new ArrayList<>();
      while (System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null) {
          seen.add(line);
          if (line.startsWith(prefix)) {
            return line;
          }
        }
      }
      throw new AssertionError("the agent never printed '" + prefix + "'; it printed: " + String.join("\n", seen));
    }
  }
}
