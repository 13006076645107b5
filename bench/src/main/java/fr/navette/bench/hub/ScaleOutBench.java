package fr.navette.bench.hub;

import ch.qos.logback.classic.Level;
import fr.navette.agent.ConfigTarget;
import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.SessionSettings;
import fr.navette.mqtt.LoopbackPorts;
import fr.navette.schema.Channel;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.ReturnEvent;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Scale-out, measured (issue 19): 10,000 devices on a private Mosquitto, two hub processes sharing their events
 * through a shared subscription and storing them in one PostgreSQL, all on this machine's two cores. Light traffic:
 * every device keeps its connection alive; 1 % of them (real agents: {@link DeviceRuntime} with its SQLite outbox,
 * as a return box runs it) each return a document every {@code --every-s} seconds, which the hubs check in over SIP2
 * with the SIGB simulator. The other 99 % are an {@link IdleFleet}.
 *
 * <p>Phases: both hubs start at once on an empty schema; the idle fleet connects (timed), then the agents; a steady
 * phase samples each hub's and Mosquitto's {@code /proc/PID/status} and reads each hub's heap ({@code jcmd
 * GC.heap_info}); then Mosquitto is killed with SIGKILL mid-traffic and started again after {@code --down-s}: timed
 * until every device is connected again and every event recorded so far is stored. At the end every event recorded
 * must be in the store once and applied once.
 *
 * <p>Plain MQTT: the TLS handshake of 10,000 devices would be measured on the same two cores as what is measured
 * here; TLS costs are measured by {@code ReconnectBench} and {@code HubLoadBench --tls}.
 *
 * <pre>java -Xmx1g --enable-native-access=ALL-UNNAMED -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" fr.navette.bench.hub.ScaleOutBench \
 *   [--devices 10000] [--agents 100] [--every-s 10] [--steady-s 120] [--down-s 2] [--root .]</pre>
 */
public final class ScaleOutBench {
  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PG_USER = "postgres";
  /** One patron key for both hubs: the keyring in the shared store is wrapped in it (README, scale-out). */
  private static final String PATRON_KEY = "k1 " + java.util.Base64.getEncoder().encodeToString(new byte[32]);

  public static void main(String[] args) throws Exception {
    int devices = intArg(args, "--devices", 10_000);
    int agents = intArg(args, "--agents", 100);
    int everySeconds = intArg(args, "--every-s", 10);
    int steadySeconds = intArg(args, "--steady-s", 120);
    int downSeconds = intArg(args, "--down-s", 2);
    Path root = Path.of(arg(args, "--root", ".")).toAbsolutePath().normalize();
    Path launcher = root.resolve("launcher/target");
    Path jvmOptions = root.resolve("packaging/src/deb/hub/jvm.options");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.ERROR);

    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Path dir = Files.createTempDirectory(root.resolve("bench/target").toAbsolutePath(), "scaleout");
    String schema = "scaleout_" + run;
    try (Connection pg = DriverManager.getConnection(PG_URL, PG_USER, null); Statement st = pg.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    String jdbc = PG_URL + "?currentSchema=" + schema;
    System.out.printf("scale-out: %d devices (%d agents returning a document every %d s each, %d idle), private"
            + " Mosquitto (%s), 2 hubs on PostgreSQL schema %s, %s; %d cores, load average %s, %s, %s%n",
        devices, agents, everySeconds, devices - agents, version(), schema, jvmOptions,
        Runtime.getRuntime().availableProcessors(), loadAverage(), Runtime.version(),
        OffsetDateTime.now(ZoneOffset.UTC).withNano(0));

    List<Process> hubs = new ArrayList<>();
    Mosquitto mosquitto = null;
    IdleFleet fleet = null;
    List<DeviceRuntime> boxes = new ArrayList<>();
    ScheduledExecutorService returns = Executors.newScheduledThreadPool(2);
    try (SigbSimulator sigb = SigbSimulator.start(SigbSimulatorConfig.builder().build())) {
      List<Item> items = sigb.network().items();
      mosquitto = Mosquitto.start(dir.resolve("mosquitto"));
      System.out.printf("mosquitto on %s, pid %d%n", mosquitto.uri(), mosquitto.pid());

      // Both hubs at once on the empty schema: their first start races (migrations, the first patron key).
      long starting = System.nanoTime();
      for (int h = 1; h <= 2; h++) {
        hubs.add(startHub(java, jvmOptions, launcher, dir.resolve("hub-" + h), "hub-" + h, run, mosquitto.uri(),
            jdbc, sigb.port()));
      }
      for (int h = 1; h <= 2; h++) {
        awaitReady(hubs.get(h - 1), dir.resolve("hub-" + h + ".log"));
      }
      System.out.printf("both hubs ready %.1f s after they were started together; RSS %s%n",
          seconds(System.nanoTime() - starting), rssOf(hubs));

      List<String[]> quiet = new ArrayList<>();
      for (int i = 0; i < devices - agents; i++) {
        quiet.add(new String[] {site(i), String.format("idle-%s-%05d", site(i), i)});
      }
      fleet = new IdleFleet("127.0.0.1", mosquitto.port(), quiet, 256);
      long connecting = System.nanoTime();
      fleet.start();
      await(fleet, fleet.size(), connecting, Duration.ofMinutes(5));
      double fleetSeconds = seconds(fleet.lastConnectedAt() - connecting);
      System.out.printf("idle fleet: %d connected in %.1f s (256 dialling at once); mosquitto RSS %s%n", fleet.size(),
          fleetSeconds, rss(mosquitto.pid()));

      long agentsConnecting = System.nanoTime();
      Clock clock = Clock.systemUTC();
      for (int a = 0; a < agents; a++) {
        String site = site(a);
        String id = String.format("box-%s-%03d", site, a);
        boxes.add(DeviceRuntime.start(DeviceRuntime.Settings.of(SessionSettings.of(mosquitto.uri(), site, id),
            dir.resolve("agents").resolve(id)), new NoConfig(), () -> HealthEvent.ReaderState.OK, c -> {}, clock));
      }
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (boxes.stream().filter(b -> b.session().isConnected()).count() < agents && System.nanoTime() < deadline) {
        Thread.sleep(50); // a driver's progress poll
      }
      System.out.printf("agents: %d of %d connected in %.1f s; %d of %d devices connected%n",
          boxes.stream().filter(b -> b.session().isConnected()).count(), agents,
          seconds(System.nanoTime() - agentsConnecting), fleet.connected() + boxes.stream()
              .filter(b -> b.session().isConnected()).count(), devices);

      AtomicLong recorded = new AtomicLong();
      for (DeviceRuntime box : boxes) {
        returns.scheduleAtFixedRate(() -> {
          Item item = items.get(ThreadLocalRandom.current().nextInt(items.size()));
          Instant at = clock.instant();
          box.record(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item.id(), at, false)));
          recorded.incrementAndGet();
        }, ThreadLocalRandom.current().nextLong(everySeconds * 1000L), everySeconds * 1000L, TimeUnit.MILLISECONDS);
      }

      // Steady phase: samples every 10 s.
      long steadyStart = System.nanoTime();
      Map<Long, List<Long>> rssSamples = new LinkedHashMap<>();
      long[] cpuStart = new long[] {cpuTicks(hubs.get(0).pid()), cpuTicks(hubs.get(1).pid()),
          cpuTicks(mosquitto.pid()), cpuTicks(ProcessHandle.current().pid())};
      while (System.nanoTime() - steadyStart < TimeUnit.SECONDS.toNanos(steadySeconds)) {
        Thread.sleep(10_000); // the sampling period
        StringBuilder line = new StringBuilder(String.format("  %4.0f s:", seconds(System.nanoTime() - steadyStart)));
        for (int h = 0; h < 2; h++) {
          long pid = hubs.get(h).pid();
          rssSamples.computeIfAbsent(pid, p -> new ArrayList<>()).add(kib(status(pid).get("VmRSS")));
          line.append(String.format(" hub-%d %s,", h + 1, mib(status(pid).get("VmRSS"))));
        }
        rssSamples.computeIfAbsent(mosquitto.pid(), p -> new ArrayList<>()).add(kib(status(mosquitto.pid()).get("VmRSS")));
        line.append(String.format(" mosquitto %s; recorded %d, stored %d, connected %d; load %s",
            mib(status(mosquitto.pid()).get("VmRSS")), recorded.get(), stored(jdbc),
            fleet.connected() + boxes.stream().filter(b -> b.session().isConnected()).count(), loadAverage()));
        System.out.println(line);
      }
      double steadyElapsed = seconds(System.nanoTime() - steadyStart);
      long[] cpuEnd = new long[] {cpuTicks(hubs.get(0).pid()), cpuTicks(hubs.get(1).pid()),
          cpuTicks(mosquitto.pid()), cpuTicks(ProcessHandle.current().pid())};
      StringBuilder steady = new StringBuilder("steady: ");
      for (int h = 0; h < 2; h++) {
        long pid = hubs.get(h).pid();
        steady.append(String.format("hub-%d RSS median %s max %s, heap %s, CPU %.2f core; ", h + 1,
            medianMib(rssSamples.get(pid)), maxMib(rssSamples.get(pid)), heap(java, pid),
            (cpuEnd[h] - cpuStart[h]) / 100.0 / steadyElapsed));
      }
      steady.append(String.format("mosquitto RSS median %s max %s, CPU %.2f core; driver CPU %.2f core; load %s",
          medianMib(rssSamples.get(mosquitto.pid())), maxMib(rssSamples.get(mosquitto.pid())),
          (cpuEnd[2] - cpuStart[2]) / 100.0 / steadyElapsed, (cpuEnd[3] - cpuStart[3]) / 100.0 / steadyElapsed,
          loadAverage()));
      System.out.println(steady);

      // The broker killed (SIGKILL) with the traffic going on, started again --down-s later (systemd's restart).
      long killed = System.nanoTime();
      mosquitto.kill();
      long recordedAtKill = recorded.get();
      Thread.sleep(downSeconds * 1000L); // the broker's time away
      long restarted = System.nanoTime();
      mosquitto.restart();
      System.out.printf("mosquitto killed with %d recorded, %d stored; started again after %.1f s (pid %d)%n",
          recordedAtKill, stored(jdbc), seconds(restarted - killed), mosquitto.pid());
      long allBack = 0;
      long caughtUp = 0;
      deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      long nextReport = restarted;
      while ((allBack == 0 || caughtUp == 0) && System.nanoTime() < deadline) {
        long now = System.nanoTime();
        int back = fleet.connectedSince(killed) + (int) boxes.stream().filter(b -> b.session().isConnected()).count();
        if (allBack == 0 && back == devices) {
          allBack = now;
        }
        if (caughtUp == 0 && stored(jdbc) >= recordedAtKill && boxes.stream().allMatch(b -> b.outbox().depth() == 0)) {
          caughtUp = now;
        }
        if (now >= nextReport) {
          System.out.printf("  +%4.1f s after restart: %d of %d devices connected again, stored %d of %d recorded%n",
              seconds(now - restarted), back, devices, stored(jdbc), recorded.get());
          nextReport += TimeUnit.SECONDS.toNanos(2);
        }
        Thread.sleep(100); // a driver's progress poll
      }
      System.out.printf("recovery: all %d devices connected again %.1f s after the restart; every event recorded"
              + " before the kill stored %.1f s after the restart (outboxes empty); mosquitto RSS %s, hubs RSS %s,"
              + " load %s%n", devices, allBack == 0 ? -1 : seconds(allBack - restarted),
          caughtUp == 0 ? -1 : seconds(caughtUp - restarted), rss(mosquitto.pid()), rssOf(hubs), loadAverage());

      // Traffic stops; every event recorded must be stored once and applied once.
      returns.shutdown();
      returns.awaitTermination(30, TimeUnit.SECONDS);
      long total = recorded.get();
      deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while ((stored(jdbc) < total || boxes.stream().anyMatch(b -> b.outbox().depth() > 0)
          || count(jdbc, "SELECT COUNT(*) FROM events WHERE channel = 'return' AND status NOT IN ('applied', 'refused')") > 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(200); // a driver's progress poll
      }
      long rows = stored(jdbc);
      long distinct = count(jdbc, "SELECT COUNT(*) FROM (SELECT DISTINCT device_id, sequence FROM events"
          + " WHERE channel = 'return') t");
      System.out.printf("RESULT %d devices: idle fleet connected in %.1f s; %d returns recorded, %d stored (%d distinct"
              + " device+sequence: %d lost, %d stored twice), by status %s; after the broker's kill -9:"
              + " all devices back in %.1f s, caught up in %.1f s; hub RSS %s / %s (median of steady phase);"
              + " load %s%n",
          devices, fleetSeconds, total, rows, distinct, total - distinct, rows - distinct,
          byStatus(jdbc), allBack == 0 ? -1 : seconds(allBack - restarted),
          caughtUp == 0 ? -1 : seconds(caughtUp - restarted), medianMib(rssSamples.get(hubs.get(0).pid())),
          medianMib(rssSamples.get(hubs.get(1).pid())), loadAverage());
    } finally {
      returns.shutdownNow();
      for (DeviceRuntime box : boxes) {
        try {
          box.close();
        } catch (RuntimeException e) {
          // ending the run
        }
      }
      if (fleet != null) {
        fleet.close();
      }
      for (Process hub : hubs) {
        hub.destroy();
        if (!hub.waitFor(30, TimeUnit.SECONDS)) {
          hub.destroyForcibly();
        }
      }
      if (mosquitto != null) {
        mosquitto.close();
      }
      try (Connection pg = DriverManager.getConnection(PG_URL, PG_USER, null); Statement st = pg.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    System.exit(0);
  }

  private static String site(int i) {
    return String.format("BR%02d", 1 + i % 15); // the SIGB simulator's 15 branches
  }

  private static Process startHub(String java, Path jvmOptions, Path launcher, Path data, String hubId, String run,
                                  String broker, String jdbc, int sigbPort) throws IOException {
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow"); // as launch.sh does on 23+
    }
    command.add("@" + jvmOptions);
    command.addAll(List.of("-cp", launcher.resolve("launcher.jar") + ":" + launcher.resolve("lib") + "/*",
        "fr.navette.launcher.Navette", "hub", "--data", data.toString(), "--broker", broker, "--hub-id", hubId,
        "--share-group", "scaleout-" + run, "--jdbc-url", jdbc, "--db-user", PG_USER, "--http-bind", "127.0.0.1",
        "--http-port", "" + freePort(), "--https-port", "" + freePort(), "--sigb-port", "" + sigbPort));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(data.resolveSibling(hubId + ".log").toFile());
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    builder.environment().put("NAVETTE_SIGB_PASSWORD", "navette");
    builder.environment().put("NAVETTE_PATRON_KEY", PATRON_KEY);
    Process process = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // never an orphan hub
    return process;
  }

  private static void awaitReady(Process hub, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!hub.isAlive()) {
        throw new IllegalStateException("a hub stopped (exit " + hub.exitValue() + "): see " + log);
      }
      if (Files.exists(log) && Files.readString(log).contains("Dashboard:")) {
        return;
      }
      Thread.sleep(50); // a driver's poll of another process
    }
    throw new IllegalStateException("a hub was not ready within 120 s: see " + log);
  }

  private static void await(IdleFleet fleet, int count, long since, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (fleet.connectedSince(since) < count && System.nanoTime() < deadline) {
      if (System.nanoTime() > nextReport) {
        System.out.printf("  %d of %d connected%n", fleet.connectedSince(since), count);
        nextReport += TimeUnit.SECONDS.toNanos(5);
      }
      Thread.sleep(20); // a driver's progress poll
    }
  }

  /** A private Mosquitto as the README's scale-out section configures it, that can be killed and started again. */
  private static final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private Mosquitto(Path dir, int port) {
      this.dir = dir;
      this.port = port;
    }

    static Mosquitto start(Path dir) throws Exception {
      Files.createDirectories(dir);
      int port = LoopbackPorts.belowEphemeralRange();
      Files.writeString(dir.resolve("mosquitto.conf"), """
          listener %d 127.0.0.1
          allow_anonymous true
          persistence true
          persistence_location %s/
          autosave_interval 5
          max_queued_messages 0
          max_inflight_messages 1000
          connection_messages false
          log_type error
          log_type warning
          user %s
          """.formatted(port, dir.toAbsolutePath(), System.getProperty("user.name")));
      Mosquitto mosquitto = new Mosquitto(dir, port);
      mosquitto.restart();
      return mosquitto;
    }

    void restart() throws Exception {
      process = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log")
              .toFile())).start();
      Process started = process;
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        try (Socket probe = new Socket()) {
          probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return;
        } catch (IOException notYet) {
          if (!process.isAlive()) {
            break;
          }
          Thread.sleep(20); // a driver's poll of another process
        }
      }
      throw new IOException("mosquitto did not start on " + port + ": see " + dir.resolve("mosquitto.log"));
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL
      process.waitFor();
    }

    long pid() {
      return process.pid();
    }

    int port() {
      return port;
    }

    String uri() {
      return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** This bench's agents take no configuration. */
  private static final class NoConfig implements ConfigTarget {
    @Override
    public void validate(DeviceConfig config) {}

    @Override
    public void apply(DeviceConfig config) {}
  }

  private static String heap(String java, long pid) {
    try {
      Process jcmd = new ProcessBuilder(Path.of(java).resolveSibling("jcmd").toString(), "" + pid, "GC.heap_info")
          .redirectErrorStream(true).start();
      String out = new String(jcmd.getInputStream().readAllBytes());
      jcmd.waitFor();
      // JDK 25 (G1): "garbage-first heap   total reserved 114688K, committed 32768K, used 17000K [...]"
      Matcher m = Pattern.compile("committed (\\d+)K, used (\\d+)K").matcher(out);
      return m.find() ? String.format("%.0f MiB used of %.0f MiB committed", Long.parseLong(m.group(2)) / 1024.0,
          Long.parseLong(m.group(1)) / 1024.0) : "? (" + out.strip().replace('\n', ' ') + ")";
    } catch (IOException | InterruptedException e) {
      return "? (" + e + ")";
    }
  }

  private static long stored(String jdbc) throws Exception {
    return count(jdbc, "SELECT COUNT(*) FROM events WHERE channel = 'return'");
  }

  private static String byStatus(String jdbc) throws Exception {
    return group(jdbc, "SELECT status, COUNT(*) FROM events WHERE channel = 'return' GROUP BY status ORDER BY 1");
  }

  private static String group(String jdbc, String sql) throws Exception {
    StringBuilder out = new StringBuilder("{");
    try (Connection c = DriverManager.getConnection(jdbc, PG_USER, null);
         Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.append(out.length() > 1 ? ", " : "").append(rs.getString(1)).append('=').append(rs.getLong(2));
      }
    }
    return out.append('}').toString();
  }

  private static long count(String jdbc, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, PG_USER, null);
         Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Map<String, String> status(long pid) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      int colon = line.indexOf(':');
      fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
    }
    return fields;
  }

  private static String rss(long pid) throws IOException {
    return mib(status(pid).get("VmRSS"));
  }

  private static String rssOf(List<Process> hubs) throws IOException {
    List<String> out = new ArrayList<>();
    for (Process hub : hubs) {
      out.add(rss(hub.pid()));
    }
    return String.join(" / ", out);
  }

  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15), in 1/100 s
  }

  private static long kib(String value) {
    return Long.parseLong(value.replace(" kB", "").strip());
  }

  private static String mib(String value) {
    return String.format("%.0f MiB", kib(value) / 1024.0);
  }

  private static String medianMib(List<Long> kib) {
    long[] sorted = kib.stream().mapToLong(Long::longValue).sorted().toArray();
    return String.format("%.0f MiB", sorted[sorted.length / 2] / 1024.0);
  }

  private static String maxMib(List<Long> kib) {
    return String.format("%.0f MiB", kib.stream().mapToLong(Long::longValue).max().orElse(0) / 1024.0);
  }

  private static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (IOException e) {
      return "?";
    }
  }

  private static String version() {
    try {
      Process p = new ProcessBuilder("mosquitto", "-h").redirectErrorStream(true).start();
      String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("mosquitto");
      p.waitFor();
      return first.strip();
    } catch (IOException | InterruptedException e) {
      return "mosquitto";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  private static int intArg(String[] args, String name, int fallback) {
    return Integer.parseInt(arg(args, name, "" + fallback).replace("_", ""));
  }
}
