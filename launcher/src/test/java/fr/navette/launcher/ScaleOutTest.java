package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import fr.navette.mqtt.testkit.TestMqttClient;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import fr.navette.mqtt.testkit.TestMqttClient;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.UuidV7;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out path on existing engines: two hubs — one in this JVM, one a real process killed with SIGKILL
 * mid-run and started again — share the events of 100 devices through an MQTT 5 shared subscription on the
 * machine's Mosquitto, and store them in one PostgreSQL. Every one of the 10,000 events is stored exactly once.
 * Skipped with a message where Mosquitto (127.0.0.1:1883) or PostgreSQL (127.0.0.1:5432) is absent.
 */
class ScaleOutTest {
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String PG_USER = "postgres";
  private static final int DEVICES = 100;
  private static final int EVENTS_PER_DEVICE = 100;
  /** One patron key for both hubs, as the scale-out section says: the keyring in the shared store is wrapped in it. */
  private static final String PATRON_KEY = "k1 " + java.util.Base64.getEncoder().encodeToString(new byte[32]);
  @TempDir Path dir;

  @Test
  void twoHubsShareTheLoadAndApplyEachEventOnceWhenOneIsKilled() throws Exception {
    assumeListening(1883, "Mosquitto");
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String schema = "scale_" + run;
    try (Connection pg = DriverManager.getConnection(PG_URL, PG_USER, null); Statement st = pg.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (java.sql.SQLException e) {
      Assumptions.abort("PostgreSQL not reachable at " + PG_URL + " (" + e.getMessage() + "): skipping scale-out");
    }
    String jdbc = PG_URL + "?currentSchema=" + schema;
    String group = "scale-" + run;
    String site = "S" + run;
    SigbSimulatorConfig sigbConfig = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(3, 500, 50)).build();
    Process hubA = null;
    try (SigbSimulator sigb = SigbSimulator.start(sigbConfig);
         Hub hubB = Hub.start(HubConfig.local(dir.resolve("b"), 0, 0,
                 SigbSettings.local(sigb.port(), sigbConfig.user(), sigbConfig.password()))
             .withBroker("tcp://127.0.0.1:1883", "hub-b-" + run, group).withStore(jdbc, PG_USER, null)
             .withPatronKey(fr.navette.hub.kiosks.PatronKeyFile.parse(PATRON_KEY, "test key")),
             c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC())) {
      hubA = startHubProcess(run, group, jdbc, sigb.port());
      List<Device> devices = connectDevices(site);
      UuidV7 ids = new UuidV7(Clock.systemUTC());
      for (int round = 1; round <= EVENTS_PER_DEVICE; round++) {
        publishRound(devices, site, round, ids);
        int published = round * DEVICES;
        // Devices publish at the pace the hubs store, as a network does: the broker's queue per hub stays far
        // below Mosquitto's default max_queued_messages (1000), past which it would drop messages.
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(jdbc) >= published - 500);
        if (round == 30) {
          await().atMost(Duration.ofSeconds(60)).until(() -> stored(jdbc) >= 1_000); // A has work in hand
          hubA.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no goodbye, no acks
        }
        if (round == 33) {
          // systemd restarts it; meanwhile the broker queues A's share for A's session. Mosquitto's default
          // max_queued_messages (1000) bounds that queue: see FOOTGUNS.md and README's scale-out section.
          hubA = startHubProcess(run, group, jdbc, sigb.port());
        }
      }
      devices.forEach(device -> device.client().close());
      await("all " + DEVICES * EVENTS_PER_DEVICE + " events stored").atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(stored(jdbc)).isEqualTo(DEVICES * EVENTS_PER_DEVICE));
      assertThat(distinctDeviceSequences(jdbc)).isEqualTo(DEVICES * EVENTS_PER_DEVICE);
    } finally {
      if (hubA != null) {
        hubA.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      try (Connection pg = DriverManager.getConnection(PG_URL, PG_USER, null); Statement st = pg.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private Process startHubProcess(String run, String group, String jdbc, int sigbPort) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), Navette.class.getName(), "hub",
        "--data", dir.resolve("a").toString(), "--broker", "tcp://127.0.0.1:1883", "--hub-id", "hub-a-" + run,
        "--share-group", group, "--jdbc-url", jdbc, "--db-user", PG_USER, "--http-port", "0", "--https-port", "0",
        "--http-bind", "127.0.0.1", "--sigb-port", String.valueOf(sigbPort))
        .redirectErrorStream(true);
    builder.environment().put("NAVETTE_SIGB_PASSWORD", "navette");
    builder.environment().put("NAVETTE_PATRON_KEY", PATRON_KEY);
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread.ofPlatform().daemon().start(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith("Dashboard:")) {
            ready.complete(null);
          }
        }
      } catch (java.io.IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IllegalStateException("hub A exited before it was ready"));
    });
    ready.get(60, TimeUnit.SECONDS);
    return process;
  }

  /** A gate of the test: its id and its MQTT session. */
  private record Device(String id, TestMqttClient client) {}

  private static List<Device> connectDevices(String site) {
    List<Device> devices = new ArrayList<>();
    for (int d = 0; d < DEVICES; d++) {
      String id = site + "-gate-" + d;
      devices.add(new Device(id, TestMqttClient.connect("tcp://127.0.0.1:1883", id)));
    }
    return devices;
  }

  private static void publishRound(List<Device> devices, String site, int sequence, UuidV7 ids) throws Exception {
    List<CompletableFuture<PublishResult>> results = new ArrayList<>();
    Instant now = Instant.now();
    for (Device device : devices) {
      byte[] payload = EventCodec.encode(new CountEvent(
          new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), device.id(), sequence, now),
          now.minusSeconds(60), now, 3, 2, 1));
      results.add(device.client().session().publish(OutboundMessage.of(
          "navette/v1/" + site + "/" + device.id() + "/count", payload, 1)));
    }
    for (CompletableFuture<PublishResult> result : results) {
      // PUBACK from Mosquitto: from here on the broker answers for it
      assertThat(result.get(30, TimeUnit.SECONDS).accepted()).isTrue();
    }
  }

  private static long stored(String jdbc) throws Exception {
    return count(jdbc, "SELECT COUNT(*) FROM events WHERE channel = 'count'");
  }

  private static long distinctDeviceSequences(String jdbc) throws Exception {
    return count(jdbc, "SELECT COUNT(*) FROM (SELECT DISTINCT device_id, sequence FROM events WHERE channel = 'count') t");
  }

  private static long count(String jdbc, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, PG_USER, null);
         Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void assumeListening(int port, String what) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
    } catch (java.io.IOException e) {
      Assumptions.abort(what + " is not listening on 127.0.0.1:" + port + ": skipping the scale-out test");
    }
  }
}
