package fr.navette.bench.hub;

import ch.qos.logback.classic.Level;
import fr.navette.broker.EmbeddedBroker;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.mqtt.InboundMessage;
import fr.navette.mqtt.MqttSession;
import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.SessionListener;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Hub load (issue 7): N simulated gates, each its own MQTT 5 connection, publish E people-count events at
 * QoS 1 as fast as the broker takes them, twice in one run:
 *
 * <ol>
 *   <li><b>raw broker</b>: the embedded broker alone (HiveMQ CE, as the hub starts it) and one plain
 *       subscriber on the same shared subscription the hub uses, counting; the rate is E over first publish →
 *       last message delivered;</li>
 *   <li><b>hub</b>: the whole hub in this JVM (embedded broker, SQLite WAL {@code synchronous=FULL}, ingest
 *       storing each batch before acknowledging it, the SIGB simulator behind it); the durable rate is E over
 *       first publish → last event committed and visible to a reader of the database.</li>
 * </ol>
 *
 * <p>Latency, per event, from the device time in its header (taken just before the publish): to delivery at
 * the subscriber (raw, µs precision); to {@code received_at}, stamped in the storing transaction just before
 * its commit (hub, ms); and to being seen by a reader polling the database every 10 ms (hub, includes the
 * commit's fsync, 10 ms resolution).
 *
 * <pre>java -Xmx2g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" fr.navette.bench.hub.HubLoadBench \
 *   [--devices 1000] [--events 200000] [--window 10] [--sites 20] [--phase both|raw|hub]
 *   [--broker embedded|mosquitto] [--client lean|paho] [--rate events-per-second] [--warmup 50000]
 *   [--poison-rate per-second --poison-kind schema|store] [--tls [--enrol-threads 4]]</pre>
 *
 * <p>{@code --tls} (hub phase only): every device enrolled first through the hub's HTTPS enrolment
 * ({@link Enrolled}) and connected to the MQTTS listener with its own certificate; the plain listener is not
 * started. Without it the hub is asked for its plain listener by name, as before.
 *
 * <p>Each phase first publishes {@code --warmup} events that are delivered (or stored) and not measured: the
 * first seconds of a JVM are the JIT's, and short paced runs showed them as a tail of several hundred ms.
 */
public final class HubLoadBench {
  private static final String COUNTS = "navette/v1/+/+/count";

  private static int poisonRate;
  private static String poisonKind;
  private static boolean tls;
  private static int enrolThreads;

  public static void main(String[] args) throws Exception {
    int devices = intArg(args, "--devices", 1000);
    int events = intArg(args, "--events", 200_000);
    int window = intArg(args, "--window", 10);
    int sites = intArg(args, "--sites", 20);
    String phase = stringArg(args, "--phase", "both");
    double asked = intArg(args, "--rate", 0); // events/s for the whole fleet; 0: as fast as acknowledged
    int warmup = intArg(args, "--warmup", 50_000); // published and stored first, not measured: the JIT's time
    String brokerKind = stringArg(args, "--broker", "embedded");
    String client = stringArg(args, "--client", "lean");
    poisonRate = intArg(args, "--poison-rate", 0); // poison messages a second during the measured hub phase
    poisonKind = stringArg(args, "--poison-kind", "schema");
    // The fleet over MQTTS, each device with its own enrolled certificate (the hub's default listener); off by
    // default so that the figures above stay comparable: the plain listener, asked for by name.
    tls = Arrays.asList(args).contains("--tls");
    enrolThreads = intArg(args, "--enrol-threads", 4);
    if (tls && !phase.equals("hub")) {
      throw new IllegalArgumentException("--tls measures the hub only (--phase hub): the raw phase's open broker has"
          + " no TLS listener");
    }
    if (tls && poisonRate > 0) {
      throw new IllegalArgumentException("--tls with --poison-rate: the poison client speaks plain MQTT only");
    }
    if (!client.equals("lean") && !client.equals("paho")) {
      throw new IllegalArgumentException("--client is lean or paho, got " + client);
    }
    if (!brokerKind.equals("embedded") && !brokerKind.equals("mosquitto")) {
      throw new IllegalArgumentException("--broker is embedded or mosquitto, got " + brokerKind);
    }
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);

    Path base = Path.of("target").toAbsolutePath();
    Files.createDirectories(base);
    Path dir = Files.createTempDirectory(base, "hub-load");
    System.out.printf("hub load: %d %s devices on %d sites over %s, %d events%s, window %d per device, %s broker, %d cores, %s%n",
        devices, client, sites, tls ? "MQTTS (mutual TLS, enrolled identities)" : "plain MQTT", events,
        asked > 0 ? " at " + (long) asked + "/s" : "", window, brokerKind,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    Double raw = null;
    if (!phase.equals("hub")) {
      raw = rawBroker(dir.resolve("raw"), brokerKind, client, devices, sites, events, window, asked, warmup);
    }
    if (!phase.equals("raw")) {
      double durable = hub(dir.resolve("hub"), brokerKind, client, devices, sites, events, window, asked, warmup);
      if (raw != null) {
        System.out.printf("durable / raw broker: %.0f %%%n", 100 * durable / raw);
      }
    }
    System.exit(0); // HiveMQ and Helidon leave non-daemon threads behind after close
  }

  private static double rawBroker(Path dir, String brokerKind, String client, int devices, int sites, int events,
                                  int window, double asked, int warmup)
      throws Exception {
    try (AutoCloseable broker = startBroker(dir, brokerKind);
         // As a hub would subscribe: plainly when alone on its embedded broker, shared on an external one.
         CountingSubscriber subscriber = new CountingSubscriber(uriOf(broker), events,
             brokerKind.equals("embedded") ? COUNTS : "$share/navette-hub/" + COUNTS);
         Fleet fleet = fleet(client)) {
      int serverMax = fleet.connect(uriOf(broker), devices, sites, window, null);
      System.out.printf("raw broker: %d devices connected (broker's receive maximum %d, window %d)%n",
          fleet.connectedCount(), serverMax, fleet.window());
      fleet.publish(warmup, asked);
      subscriber.awaitCount(warmup, TimeUnit.MINUTES.toNanos(5));
      subscriber.reset();
      long acknowledgedBefore = fleet.acknowledged();
      long start = System.nanoTime();
      Thread publishing = Thread.ofPlatform().start(() -> run(() -> fleet.publish(events, asked)));
      publishing.join();
      double publishSeconds = (System.nanoTime() - start) / 1e9;
      boolean all = subscriber.awaitAll(TimeUnit.MINUTES.toNanos(10));
      double seconds = (subscriber.lastArrival() - start) / 1e9;
      double rate = subscriber.count() / seconds;
      System.out.printf("raw broker: published %d in %.1f s (%.0f/s, %d failed, %d refused by the client); "
              + "subscriber got %d%s in %.1f s: %.0f messages/s; still connected %d%n",
          fleet.acknowledged() - acknowledgedBefore, publishSeconds,
          (fleet.acknowledged() - acknowledgedBefore) / publishSeconds, fleet.failed(),
          fleet.refusedByClient(), subscriber.count(), all ? "" : " (NOT ALL)", seconds, rate,
          fleet.connectedCount());
      System.out.println("raw broker latency, publish → delivered to the subscriber: "
          + percentiles(subscriber.latenciesMicros(), 1000.0, "ms"));
      return rate;
    }
  }

  private static double hub(Path dir, String brokerKind, String client, int devices, int sites, int events,
                            int window, double asked, int warmup)
      throws Exception {
    try (AutoCloseable external = brokerKind.equals("embedded") ? null : startBroker(dir, brokerKind);
         SigbSimulator sigb = SigbSimulator.start(SigbSimulatorConfig.builder()
             .size(new SigbSimulatorConfig.NetworkSize(5, 2_000, 200)).build());
         Hub hub = Hub.start(hubConfig(dir, sigb.port(), external), c -> Sip2SigbGateway.connect(c.sigb()),
             Clock.systemUTC());
         Fleet fleet = fleet(client);
         Connection reader = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db").toAbsolutePath())) {
      Enrolled identities = null;
      if (tls) {
        identities = Enrolled.enrol(hub, Fleet.gates(devices, sites), dir.resolve("devices"), enrolThreads);
        System.out.printf("hub: %d devices enrolled over HTTPS in %.1f s (%.0f/s, %d at a time)%n", identities.count(),
            identities.took().toMillis() / 1e3, identities.count() / (identities.took().toMillis() / 1e3), enrolThreads);
      }
      long connecting = System.nanoTime();
      int serverMax = fleet.connect(hub.mqttUri(), devices, sites, window, identities);
      System.out.printf("hub: %d devices connected to %s in %.1f s (broker's receive maximum %d, window %d)%n",
          fleet.connectedCount(), hub.mqttUri(), (System.nanoTime() - connecting) / 1e9, serverMax, fleet.window());
      fleet.publish(warmup, asked);
      long warmedUpTo = storedUpTo(reader, warmup);
      long acknowledgedBefore = fleet.acknowledged();
      long[] visibleMillis = new long[events];
      PoisonStorm storm = poisonRate > 0 ? PoisonStorm.start(hub.mqttUri(), poisonKind, poisonRate, reader) : null;
      long start = System.nanoTime();
      Thread publishing = Thread.ofPlatform().start(() -> run(() -> fleet.publish(events, asked)));
      int seen = 0;
      long lastRowId = warmedUpTo;
      long deadline = start + TimeUnit.MINUTES.toNanos(15);
      long lastSeenAt = start;
      try (PreparedStatement poll = reader.prepareStatement(
          "SELECT rowid, device_time FROM events WHERE rowid > ? AND channel = 'count' ORDER BY rowid")) {
        while (seen < events && System.nanoTime() < deadline) {
          poll.setLong(1, lastRowId);
          long now = System.currentTimeMillis();
          int before = seen;
          try (ResultSet rs = poll.executeQuery()) {
            while (rs.next()) {
              lastRowId = rs.getLong(1);
              if (seen < events) {
                visibleMillis[seen++] = now - rs.getLong(2);
              }
            }
          }
          if (seen > before) {
            lastSeenAt = System.nanoTime();
          }
          Thread.sleep(10);
        }
      }
      publishing.join();
      double publishSeconds = (System.nanoTime() - start) / 1e9;
      double seconds = (lastSeenAt - start) / 1e9;
      double rate = seen / seconds;
      if (storm != null) {
        storm.close();
        System.out.printf("poison storm (%s, %d/s): %d poison messages sent during the phase, %d refused with an"
            + " error reason code; hub counts %s%n", poisonKind, poisonRate, storm.sent(), storm.refused(),
            hub.ingestCounts());
      }
      System.out.printf("hub: published %d (%d failed, %d refused by the client); stored %d%s in %.1f s: "
              + "%.0f durable events/s; still connected %d%n",
          fleet.acknowledged() - acknowledgedBefore, fleet.failed(), fleet.refusedByClient(), seen,
          seen == events ? "" : " (NOT ALL)", seconds, rate, fleet.connectedCount());
      System.out.println("hub latency, publish → seen stored by a reader (10 ms polls): "
          + percentiles(Arrays.copyOf(visibleMillis, seen), 1.0, "ms"));
      long[] inTransaction = new long[seen];
      int n = 0;
      try (Statement st = reader.createStatement();
           ResultSet rs = st.executeQuery("SELECT received_at - device_time FROM events WHERE channel = 'count'"
               + " AND rowid > " + warmedUpTo)) {
        while (rs.next() && n < seen) {
          inTransaction[n++] = rs.getLong(1);
        }
      }
      System.out.println("hub latency, publish → received_at (in the storing transaction, before its commit): "
          + percentiles(Arrays.copyOf(inTransaction, n), 1.0, "ms"));
      long duplicates;
      try (Statement st = reader.createStatement();
           ResultSet rs = st.executeQuery("SELECT COUNT(*) - COUNT(DISTINCT event_id) FROM events")) {
        rs.next();
        duplicates = rs.getLong(1);
      }
      System.out.printf("hub: rows with a repeated event id: %d; publish phase took %.1f s%n", duplicates,
          publishSeconds);
      return rate;
    }
  }

  private static Fleet fleet(String client) {
    return client.equals("paho") ? new PahoFleet() : new LeanFleet();
  }

  /** Waits until {@code count} count events are stored; returns the last one's rowid. */
  private static long storedUpTo(Connection reader, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    try (PreparedStatement poll = reader.prepareStatement(
        "SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM events WHERE channel = 'count'")) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = poll.executeQuery()) {
          rs.next();
          if (rs.getLong(1) >= count) {
            return rs.getLong(2);
          }
        }
        Thread.sleep(10);
      }
    }
    throw new IllegalStateException("the warm-up's " + count + " events were not all stored within 5 minutes");
  }

  private static HubConfig hubConfig(Path dir, int sigbPort, AutoCloseable externalBroker) {
    HubConfig secure = HubConfig.local(dir, 0, 0, SigbSettings.local(sigbPort, "navette", "navette"));
    // Without --tls the plain listener, by name (hub.mqttUri() is then its tcp://); with it, MQTTS only (ssl://).
    HubConfig local = tls ? secure : secure.withInsecureMqtt(0);
    return externalBroker == null ? local : local.withBroker(uriOf(externalBroker), "navette-hub", "navette-hub");
  }

  /** The embedded broker as the hub starts it, or a private Mosquitto configured as the README's scale-out section says. */
  private static AutoCloseable startBroker(Path dir, String kind) throws Exception {
    if (kind.equals("embedded")) {
      return EmbeddedBroker.startOpen(dir.resolve("broker"), "127.0.0.1", 0);
    }
    return PrivateMosquitto.start(dir.resolve("mosquitto"));
  }

  private static String uriOf(AutoCloseable broker) {
    return broker instanceof EmbeddedBroker embedded ? embedded.uri() : ((PrivateMosquitto) broker).uri();
  }

  /**
   * A plain QoS 1 subscriber on the hub's shared subscription that counts and times what arrives, on an
   * {@link MqttSession} as the hub's would be (receive maximum 2,000, TCP_NODELAY); the time is taken on the
   * session's handler thread, one queue hop after Paho's.
   */
  private static final class CountingSubscriber implements AutoCloseable {
    private final MqttSession client;
    private final int expected;
    private final AtomicLong count;
    private final long[] latencies;
    private volatile long lastArrival;

    CountingSubscriber(String uri, int expected, String filter) throws Exception {
      this.count = new AtomicLong();
      this.expected = expected;
      this.latencies = new long[expected];
      client = MqttSession.paho(MqttSettings.of(uri, "bench-subscriber").withReceiveMaximum(2000)); // as the hub asks
      client.onMessage(this::arrived);
      client.listen(new SessionListener() {
        @Override
        public void lost(String reason) {
          System.out.println("subscriber disconnected: " + reason);
        }
      });
      java.util.concurrent.CompletableFuture<Void> subscribed = client.subscribe(filter, 1);
      client.start();
      subscribed.get(30, TimeUnit.SECONDS);
    }

    private void arrived(InboundMessage message) {
      long now = System.nanoTime();
      Instant nowInstant = Instant.now();
      long i = count.getAndIncrement();
      if (i < expected) {
        latencies[(int) i] = java.time.Duration.between(deviceTime(message.payload()), nowInstant).toNanos() / 1000;
      }
      lastArrival = now;
    }

    /** The header's device time, found without a JSON parser (this subscriber must stay cheap). */
    private static Instant deviceTime(byte[] payload) {
      String json = new String(payload, StandardCharsets.UTF_8);
      int at = json.indexOf("\"deviceTime\":\"") + "\"deviceTime\":\"".length();
      return Instant.parse(json.substring(at, json.indexOf('"', at)));
    }

    boolean awaitAll(long timeoutNanos) throws InterruptedException {
      return awaitCount(expected, timeoutNanos);
    }

    boolean awaitCount(long wanted, long timeoutNanos) throws InterruptedException {
      long deadline = System.nanoTime() + timeoutNanos;
      while (count.get() < wanted && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      return count.get() >= wanted;
    }

    /** Forgets what arrived so far (the warm-up). */
    void reset() {
      count.set(0);
    }

    long count() {
      return count.get();
    }

    long lastArrival() {
      return lastArrival;
    }

    long[] latenciesMicros() {
      return Arrays.copyOf(latencies, (int) Math.min(expected, count.get()));
    }

    @Override
    public void close() {
      client.close();
    }
  }

  private static String percentiles(long[] values, double perUnit, String unit) {
    if (values.length == 0) {
      return "none";
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format("p50 %.1f %s, p95 %.1f %s, p99 %.1f %s, max %.1f %s (%d events)",
        at(sorted, 0.50) / perUnit, unit, at(sorted, 0.95) / perUnit, unit, at(sorted, 0.99) / perUnit, unit,
        sorted[sorted.length - 1] / perUnit, unit, sorted.length);
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
  }

  private interface Work {
    void run() throws Exception;
  }

  private static void run(Work work) {
    try {
      work.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int intArg(String[] args, String name, int fallback) {
    String v = stringArg(args, name, null);
    return v == null ? fallback : Integer.parseInt(v.replace("_", ""));
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
