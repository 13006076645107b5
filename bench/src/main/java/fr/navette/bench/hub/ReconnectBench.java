package fr.navette.bench.hub;

import ch.qos.logback.classic.Level;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.hub.identities.IdentitiesSettings;
import fr.navette.mqtt.MqttSession;
import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.SessionListener;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.LoggerFactory;

/**
 * A whole network coming back after a hub restart (issue: device identities): N return boxes, each enrolled through
 * the hub's HTTPS enrolment and connected to its MQTTS listener with its own certificate as a real Paho session
 * ({@link MqttSession}, virtual threads, jittered exponential reconnect backoff); the hub is closed and started again
 * on the same data folder and ports; the bench measures how long until every device is connected again.
 *
 * <pre>java -Xmx2g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" fr.navette.bench.hub.ReconnectBench \
 *   [--devices 1000] [--sites 20] [--enrol-threads 4] [--reconnect-min-ms 1000] [--reconnect-max-ms 30000]
 *   [--connect-timeout-ms 10000] [--restarts 1] [--down-ms 0] [--plain] [--persistent]</pre>
 *
 * <p>Times, per device, from the hub's restart begun (close called: the devices lose their connection) and from
 * the new hub ready ({@code Hub.start} returned; the broker admits devices a moment before that) to the device's
 * {@link SessionListener#connected()}. The process's CPU time over the window (driver, broker and hub in one JVM)
 * and its peak platform threads are read from the JVM's management beans.
 */
public final class ReconnectBench {
  public static void main(String[] args) throws Exception {
    int count = intArg(args, "--devices", 1000);
    int sites = intArg(args, "--sites", 20);
    int enrolThreads = intArg(args, "--enrol-threads", 4);
    Duration reconnectMin = Duration.ofMillis(intArg(args, "--reconnect-min-ms", 1000));
    Duration reconnectMax = Duration.ofMillis(intArg(args, "--reconnect-max-ms", 30_000));
    Duration connectTimeout = Duration.ofMillis(intArg(args, "--connect-timeout-ms", 10_000));
    int restarts = intArg(args, "--restarts", 1);
    int downMillis = intArg(args, "--down-ms", 0); // the hub stays away this long between close and start
    // The same over the plain listener (asked for by name), no enrolment: what TLS costs, by difference.
    boolean plain = Arrays.asList(args).contains("--plain");
    // As the agents' DeviceSession connects: the broker keeps each session for 7 days (clean start off).
    boolean persistent = Arrays.asList(args).contains("--persistent");
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    // 1,000 sessions each say "lost" and "cannot reach": the bench counts them instead.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("fr.navette.mqtt")).setLevel(Level.ERROR);

    Path base = Path.of("target").toAbsolutePath();
    Files.createDirectories(base);
    Path dir = Files.createTempDirectory(base, "reconnect");
    System.out.printf("reconnect: %d return boxes on %d sites, %s, %s sessions, hub away %d ms more than its restart, reconnect backoff %d ms doubling to %d ms"
            + " (jittered [d/2, d]), connect timeout %d ms, %d cores, %s%n", count, sites,
        plain ? "PLAIN MQTT (insecure listener)" : "mutual TLS", persistent ? "persistent (7 days)" : "clean-start",
        downMillis, reconnectMin.toMillis(),
        reconnectMax.toMillis(), connectTimeout.toMillis(), Runtime.getRuntime().availableProcessors(),
        Runtime.version());

    try (SigbSimulator sigb = SigbSimulator.start(SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(5, 2_000, 200)).build())) {
      // Fixed ports: the devices dial the same address after the restart, as in a library.
      HubConfig secure = HubConfig.local(dir.resolve("hub"), freePort(), freePort(),
          SigbSettings.local(sigb.port(), "navette", "navette"));
      HubConfig config = plain ? secure.withInsecureMqtt(freePort()) : secure;
      IdentitiesSettings identities = new IdentitiesSettings(freePort(), List.of());
      long starting = System.nanoTime();
      Hub hub = start(config, identities);
      System.out.printf("hub started in %.1f s: %s, enrolment on https://127.0.0.1:%d%n",
          seconds(System.nanoTime() - starting), hub.mqttUri(), hub.httpsPort());
      String uri = hub.mqttUri();

      List<Enrolled.Device> boxes = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String site = String.format("BR%02d", 1 + i % sites);
        boxes.add(new Enrolled.Device(String.format("box-%s-%04d", site, i), site, "return-box"));
      }
      Enrolled enrolled = null;
      if (!plain) {
        enrolled = Enrolled.enrol(hub, boxes, dir.resolve("devices"), enrolThreads);
        System.out.printf("enrolled %d devices over HTTPS in %.1f s (%.1f/s, %d at a time)%n", enrolled.count(),
            enrolled.took().toMillis() / 1e3, enrolled.count() / (enrolled.took().toMillis() / 1e3), enrolThreads);
        // The session builds its TLS socket factory at every connection attempt (PKCS#12 read and decrypted, CA
        // parsed, a new SSLContext): what one attempt costs before any byte is sent.
        fr.navette.mqtt.TlsSettings one = enrolled.tls(boxes.get(0).id());
        for (int i = 0; i < 50; i++) {
          one.socketFactory(); // warm-up
        }
        long building = System.nanoTime();
        for (int i = 0; i < 200; i++) {
          one.socketFactory();
        }
        System.out.printf("one TLS socket factory (PKCS#12 + CA + SSLContext), as each attempt builds it: %.2f ms%n",
            (System.nanoTime() - building) / 200 / 1e6);
      }

      AtomicLongArray connectedAt = new AtomicLongArray(count);
      AtomicLongArray lostAt = new AtomicLongArray(count);
      AtomicInteger connects = new AtomicInteger();
      AtomicInteger losses = new AtomicInteger();
      List<MqttSession> sessions = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int device = i;
        String id = boxes.get(i).id();
        MqttSettings settings = MqttSettings.of(uri, id).withKeepAlive(Duration.ofSeconds(60))
            .withConnectTimeout(connectTimeout).withReconnect(reconnectMin, reconnectMax).onVirtualThreads();
        settings = persistent ? settings.persistentSession(Duration.ofDays(7)) : settings;
        MqttSession session = MqttSession.paho(plain ? settings : settings.withTls(uri, enrolled.tls(id)));
        session.listen(new SessionListener() {
          @Override
          public void connected() {
            connectedAt.set(device, System.nanoTime());
            connects.incrementAndGet();
          }

          @Override
          public void lost(String reason) {
            lostAt.set(device, System.nanoTime());
            losses.incrementAndGet();
          }
        });
        sessions.add(session);
      }
      // First connection: in steps of 100, as a network is installed, not measured as a storm.
      long connecting = System.nanoTime();
      for (int from = 0; from < count; from += 100) {
        List<MqttSession> some = sessions.subList(from, Math.min(count, from + 100));
        some.forEach(MqttSession::start);
        awaitConnected(some, TimeUnit.MINUTES.toNanos(2));
      }
      System.out.printf("first connection: %d of %d connected in %.1f s (100 at a time)%n",
          connected(sessions), count, seconds(System.nanoTime() - connecting));

      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      for (int restart = 1; restart <= restarts; restart++) {
        connects.set(0);
        losses.set(0);
        threads.resetPeakThreadCount();
        long cpuBefore = os.getProcessCpuTime();
        long closing = System.nanoTime();
        hub.close();
        long closed = System.nanoTime();
        int stillConnected = connected(sessions);
        if (downMillis > 0) {
          Thread.sleep(downMillis); // the hub's machine rebooting, say
        }
        long starting2 = System.nanoTime();
        hub = start(config, identities);
        long ready = System.nanoTime();
        System.out.printf("restart %d: hub closed in %.1f s (%d sessions still connected then), away %.1f s more,"
                + " started again in %.1f s; %s%n", restart, seconds(closed - closing), stillConnected,
            seconds(starting2 - closed), seconds(ready - starting2),
            hub.mqttUri());
        long deadline = ready + TimeUnit.MINUTES.toNanos(5);
        long nextReport = ready;
        int back;
        while ((back = backSince(connectedAt, closing)) < count && System.nanoTime() < deadline) {
          if (System.nanoTime() >= nextReport) {
            System.out.printf("  +%4.1f s after ready: %4d back, %4d connected now%n",
                seconds(System.nanoTime() - ready), back, connected(sessions));
            nextReport += TimeUnit.SECONDS.toNanos(2);
          }
          Thread.sleep(50); // a driver's progress poll
        }
        long allBack = System.nanoTime();
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long[] fromReady = new long[count];
        long[] fromClose = new long[count];
        long[] fromLost = new long[count];
        int n = 0;
        int lostSeen = 0;
        for (int i = 0; i < count; i++) {
          long at = connectedAt.get(i);
          if (at > closing) {
            fromReady[n] = (at - ready) / 1_000_000;
            fromClose[n] = (at - closing) / 1_000_000;
            n++;
            if (lostAt.get(i) > closing) { // the session did not always say lost (see the README)
              fromLost[lostSeen++] = (at - lostAt.get(i)) / 1_000_000;
            }
          }
        }
        System.out.printf("restart %d: %d of %d back%s, the last %.1f s after the hub was ready (%.1f s after close"
                + " began); %d losses reported, %d connects (more than devices: some connected twice)%n",
            restart, n, count, n == count ? "" : " (NOT ALL within 5 min)", seconds(lastOf(connectedAt, closing) - ready),
            seconds(lastOf(connectedAt, closing) - closing), losses.get(), connects.get());
        System.out.println("  per device, hub ready → connected: " + percentiles(Arrays.copyOf(fromReady, n)));
        System.out.println("  per device, close began → connected: " + percentiles(Arrays.copyOf(fromClose, n)));
        System.out.println("  per device whose loss was reported, its loss → connected: " + percentiles(Arrays.copyOf(fromLost, lostSeen)));
        System.out.printf("  process CPU from close to all back: %.1f s over %.1f s (%.2f cores on average);"
                + " peak platform threads %d; broker refusals since the restart %s; load average %.2f%n",
            seconds(cpu), seconds(allBack - closing), (double) cpu / (allBack - closing), threads.getPeakThreadCount(),
            hub.brokerRefusals().counts(), os.getSystemLoadAverage());
      }

      List<Thread> closing = new ArrayList<>();
      for (MqttSession session : sessions) {
        closing.add(Thread.ofVirtual().start(session::close));
      }
      for (Thread thread : closing) {
        thread.join();
      }
      hub.close();
    }
    System.exit(0); // HiveMQ and Helidon leave non-daemon threads behind after close
  }

  private static Hub start(HubConfig config, IdentitiesSettings identities) {
    return Hub.start(config, c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC(), identities);
  }

  private static void awaitConnected(List<MqttSession> sessions, long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (connected(sessions) < sessions.size() && System.nanoTime() < deadline) {
      Thread.sleep(10); // a driver's progress poll
    }
    if (connected(sessions) < sessions.size()) {
      throw new IllegalStateException((sessions.size() - connected(sessions)) + " of " + sessions.size()
          + " devices did not connect within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
    }
  }

  private static int connected(List<MqttSession> sessions) {
    int n = 0;
    for (MqttSession session : sessions) {
      if (session.isConnected()) {
        n++;
      }
    }
    return n;
  }

  private static int backSince(AtomicLongArray connectedAt, long since) {
    int n = 0;
    for (int i = 0; i < connectedAt.length(); i++) {
      if (connectedAt.get(i) > since) {
        n++;
      }
    }
    return n;
  }

  private static long lastOf(AtomicLongArray connectedAt, long since) {
    long last = since;
    for (int i = 0; i < connectedAt.length(); i++) {
      last = Math.max(last, connectedAt.get(i));
    }
    return last;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String percentiles(long[] millis) {
    if (millis.length == 0) {
      return "none";
    }
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    return String.format("p50 %.1f s, p90 %.1f s, p99 %.1f s, max %.1f s (%d devices)", at(sorted, 0.50) / 1e3,
        at(sorted, 0.90) / 1e3, at(sorted, 0.99) / 1e3, sorted[sorted.length - 1] / 1e3, sorted.length);
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1].replace("_", ""));
      }
    }
    return fallback;
  }
}
