package fr.navette.bench.hub;

import fr.navette.agent.DeviceSession;
import fr.navette.agent.SessionSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub in a process of its own, started as {@code /usr/bin/navette-hub} starts it ({@code launch.sh}: the
 * launcher's jars, {@code @jvm.options}, {@code MALLOC_ARENA_MAX=2}) on a fresh data folder, for the benches that
 * measure the process itself (HubMemoryBench, SoakBench): an embedded hub would share the driver's heap, threads and
 * file descriptors. The seeds' 45 devices (a gate, a self-check kiosk and a return box per branch) are added through
 * the admin API, enrolled over HTTPS and connected over mutual TLS, as the agents do.
 */
final class HubProcess implements AutoCloseable {
  static final int BRANCHES = 15;
  static final List<String> KINDS = List.of("gate", "self-check", "return-box");

  /** What to start: the JVM, its options file and extra options, the launcher's build, the SIGB's port. */
  record Settings(String java, Path jvmOptions, List<String> extraOptions, boolean nmt, Path launcher, Path dir,
                  int sigbPort) {}

  /** A connected device: its identity and its MQTT session (mutual TLS). */
  record Connected(Enrolled.Device device, DeviceSession session) {}

  final Process process;
  final long pid;
  final int httpPort;
  final int httpsPort;
  final int mqttPort;
  final String token;
  final Path dir;
  final long launchedNanos;
  final long healthNanos;
  final long brokerNanos;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private HubProcess(Process process, int httpPort, int httpsPort, int mqttPort, String token, Path dir,
      long launchedNanos, long healthNanos, long brokerNanos) {
    this.process = process;
    this.pid = process.pid();
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.mqttPort = mqttPort;
    this.token = token;
    this.dir = dir;
    this.launchedNanos = launchedNanos;
    this.healthNanos = healthNanos;
    this.brokerNanos = brokerNanos;
  }

  /** Starts the hub and returns once its health answers and its broker takes connections (120 s at most). */
  static HubProcess start(Settings settings) throws Exception {
    int httpPort = freePort();
    int httpsPort = freePort();
    int mqttPort = freePort();
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    List<String> command = new ArrayList<>(List.of(settings.java(), "--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow"); // as launch.sh does on 23+
    }
    command.add("@" + settings.jvmOptions());
    command.addAll(settings.extraOptions());
    if (settings.nmt()) {
      command.add("-XX:NativeMemoryTracking=summary");
    }
    Path dir = settings.dir();
    command.addAll(List.of("-cp", settings.launcher().resolve("launcher.jar") + ":" + settings.launcher().resolve("lib")
            + "/*", "fr.navette.launcher.Navette", "hub", "--data", dir.resolve("hub").toString(),
        "--http-bind", "127.0.0.1", "--mqtt-bind", "127.0.0.1", "--http-port", "" + httpPort,
        "--https-port", "" + httpsPort, "--mqtt-port", "" + mqttPort, "--sigb-port", "" + settings.sigbPort()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("hub.log").toFile());
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    builder.environment().put("NAVETTE_SIGB_PASSWORD", "navette");
    builder.environment().put("NAVETTE_STAFF_TOKENS", "admin:" + token);

    long launched = System.nanoTime();
    Process hub = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(hub::destroyForcibly)); // never an orphan hub after a failure
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long healthAt = 0;
    long brokerAt = 0;
    while ((healthAt == 0 || brokerAt == 0) && System.nanoTime() - launched < Duration.ofSeconds(120).toNanos()) {
      if (!hub.isAlive()) {
        throw new IllegalStateException("the hub stopped (exit " + hub.exitValue() + "): " + tail(dir.resolve("hub.log")));
      }
      if (healthAt == 0 && healthy(http, httpPort)) {
        healthAt = System.nanoTime();
      }
      if (brokerAt == 0 && accepts(mqttPort)) {
        brokerAt = System.nanoTime();
      }
      Thread.sleep(20); // a driver's poll of another process, 20 ms resolution
    }
    if (healthAt == 0 || brokerAt == 0) {
      throw new IllegalStateException("the hub was not ready within 120 s: " + tail(dir.resolve("hub.log")));
    }
    return new HubProcess(hub, httpPort, httpsPort, mqttPort, token, dir, launched, healthAt, brokerAt);
  }

  /** Seconds from launch until both the health endpoint and the broker answered. */
  double readySeconds() {
    return (Math.max(healthNanos, brokerNanos) - launchedNanos) / 1e9;
  }

  /** The seeds' 45 devices: BR01..BR15, each a gate, a self-check kiosk and a return box. */
  static List<Enrolled.Device> seedsDevices() {
    List<Enrolled.Device> devices = new ArrayList<>();
    for (int b = 1; b <= BRANCHES; b++) {
      String site = String.format("BR%02d", b);
      for (String kind : KINDS) {
        devices.add(new Enrolled.Device(kind + "-" + site, site, kind));
      }
    }
    return devices;
  }

  /**
   * The administrator adds the devices (admin API, bearer token), they enrol over HTTPS (CA pinned); each gets its
   * session over mutual TLS, not yet connected: handlers must be registered before {@link #connectAll}.
   */
  List<Connected> enrol(List<Enrolled.Device> devices) throws Exception {
    Map<Enrolled.Device, String> strings = new LinkedHashMap<>();
    for (Enrolled.Device device : devices) {
      strings.put(device, addDevice(device));
    }
    Enrolled enrolled = Enrolled.enrol(URI.create("https://127.0.0.1:" + httpsPort), strings, dir.resolve("devices"), 2);
    System.out.printf("%d devices enrolled in %.1f s%n", enrolled.count(), enrolled.took().toMillis() / 1e3);
    String mqtts = "ssl://127.0.0.1:" + mqttPort;
    List<Connected> sessions = new ArrayList<>();
    for (Enrolled.Device device : devices) {
      sessions.add(new Connected(device, new DeviceSession(SessionSettings.of("tcp://127.0.0.1:" + mqttPort,
          device.site(), device.id()).withTls(mqtts, enrolled.tls(device.id())), Clock.systemUTC())));
    }
    return sessions;
  }

  /** Connects every session; returns once all are connected or 60 s went by (the caller counts who is). */
  void connectAll(List<Connected> sessions) throws Exception {
    sessions.forEach(c -> c.session().connect());
    long connecting = System.nanoTime();
    while (sessions.stream().anyMatch(c -> !c.session().isConnected())
        && System.nanoTime() - connecting < Duration.ofSeconds(60).toNanos()) {
      Thread.sleep(20); // a driver's poll of sessions connecting on their own threads
    }
    System.out.printf("%d of %d connected over mutual TLS in %.1f s; VmRSS %s%n",
        sessions.stream().filter(c -> c.session().isConnected()).count(), sessions.size(),
        (System.nanoTime() - connecting) / 1e9, status().get("VmRSS"));
  }

  private String addDevice(Enrolled.Device device) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/api/admin/devices"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + device.id() + "\",\"site\":\"" + device.site()
            + "\",\"kind\":\"" + device.kind() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"enrolment\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
    if (answer.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("adding " + device + ": " + answer.statusCode() + " " + answer.body());
    }
    return m.group(1);
  }

  /** A GET on the hub's HTTP port with the administrator's token; the body, or an exception. */
  String get(String path) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": " + answer.statusCode() + " " + answer.body());
    }
    return answer.body();
  }

  /** The hub's {@code /proc/PID/status}, field by field. */
  Map<String, String> status() throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      int colon = line.indexOf(':');
      fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
    }
    return fields;
  }

  /** Open file descriptors of the hub (sockets, the store's files, jars). */
  long fds() throws IOException {
    try (var entries = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return entries.count();
    }
  }

  /** User and system CPU time of the hub, in clock ticks (1/100 s). */
  long cpuTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
  }

  String logTail() throws IOException {
    return tail(dir.resolve("hub.log"));
  }

  /** SIGTERM, as {@code systemctl stop}, and waits for the process to end. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  static long kib(String value) {
    return Long.parseLong(value.replace(" kB", "").strip());
  }

  static String mib(String value) {
    return String.format("%.0f MiB", kib(value) / 1024.0);
  }

  static List<String> options(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  private static boolean healthy(HttpClient http, int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The broker's listener takes a TCP connection (the TLS handshake then needs an enrolled device). */
  private static boolean accepts(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  static List<String> all(String[] args, String name) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        values.add(args[i + 1]);
      }
    }
    return values;
  }
}
