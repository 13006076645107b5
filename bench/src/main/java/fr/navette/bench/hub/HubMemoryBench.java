package fr.navette.bench.hub;

import ch.qos.logback.classic.Level;
import fr.navette.agent.DeviceSession;
import fr.navette.agent.RequestClient;
import fr.navette.agent.RequestTimeoutException;
import fr.navette.agent.SessionException;
import fr.navette.agent.SessionSettings;
import fr.navette.schema.AlarmEvent;
import fr.navette.schema.Channel;
import fr.navette.schema.CheckoutEvent;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.UuidV7;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The hub's resident memory and start time with the JVM settings the navette-hub package ships (issue 18): the hub
 * runs in a process of its own, started as {@code /usr/bin/navette-hub} starts it ({@code launch.sh}: the launcher's
 * jars, {@code @jvm.options}, {@code MALLOC_ARENA_MAX=2}), on a fresh data folder, with the SIGB simulator (the
 * seeds' network: 15 branches, 30,000 documents, 3,000 patrons) in this driver's JVM. Then 45 devices — a gate, a
 * self-check kiosk and a return box per branch — are added through the admin API, enrolled over HTTPS and connected
 * over mutual TLS as the agents connect ({@link DeviceSession}), and play a Saturday peak for {@code --minutes},
 * {@code --speed} times faster than real, while the hub's {@code /proc/PID/status} is sampled.
 *
 * <p>A Saturday peak hour at a busy branch, as played per branch at {@code --speed 1}: the gate counts every 15 min
 * and raises 7 alarms an hour (1 % of ~700 passages); the kiosk has 100 patrons an hour, each a patron-status request
 * then 3 checkout requests (each a SIP2 round trip through the hub) and 3 checkout events; the return box takes 200
 * documents an hour (each event checked in over SIP2 by the hub); every device reports health every 60 s. The
 * default {@code --speed 10} is ten such branches' traffic each, as the gate's memory bench plays its hour.
 *
 * <pre>java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" fr.navette.bench.hub.HubMemoryBench \
 *   [--minutes 10] [--speed 10] [--jvm-options packaging/src/deb/hub/jvm.options] [--jvm-opt -X…]… [--nmt]
 *   [--launcher launcher/target] [--java /usr/lib/jvm/…/bin/java]</pre>
 */
public final class HubMemoryBench {
  private static final int BRANCHES = 15;
  private static final Random RANDOM = new Random(18);

  private final AtomicLong eventsSent = new AtomicLong();
  private final AtomicLong eventsFailed = new AtomicLong();
  private final AtomicLong requestsOk = new AtomicLong();
  private final AtomicLong requestsRefused = new AtomicLong();
  private final AtomicLong requestsLost = new AtomicLong();
  private final ConcurrentLinkedQueue<Long> requestMillis = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;

  public static void main(String[] args) throws Exception {
    new HubMemoryBench().run(args);
    System.exit(0);
  }

  private void run(String[] args) throws Exception {
    double minutes = Double.parseDouble(arg(args, "--minutes", "10"));
    double speed = Double.parseDouble(arg(args, "--speed", "10"));
    Path root = Path.of(arg(args, "--root", "..")).toAbsolutePath().normalize();
    Path jvmOptions = Path.of(arg(args, "--jvm-options", root.resolve("packaging/src/deb/hub/jvm.options").toString()));
    Path launcher = Path.of(arg(args, "--launcher", root.resolve("launcher/target").toString()));
    String java = arg(args, "--java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> extra = all(args, "--jvm-opt");
    boolean nmt = Arrays.asList(args).contains("--nmt");
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("fr.navette")).setLevel(Level.ERROR);

    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "hubmem");
    try (SigbSimulator sigb = SigbSimulator.start(SigbSimulatorConfig.builder().build())) {
      int httpPort = freePort();
      int httpsPort = freePort();
      int mqttPort = freePort();
      String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
      List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
      if (Runtime.version().feature() >= 23) {
        command.add("--sun-misc-unsafe-memory-access=allow"); // as launch.sh does on 23+
      }
      command.add("@" + jvmOptions);
      command.addAll(extra);
      if (nmt) {
        command.add("-XX:NativeMemoryTracking=summary");
      }
      command.addAll(List.of("-cp", launcher.resolve("launcher.jar") + ":" + launcher.resolve("lib") + "/*",
          "fr.navette.launcher.Navette", "hub", "--data", dir.resolve("hub").toString(),
          "--http-bind", "127.0.0.1", "--mqtt-bind", "127.0.0.1", "--http-port", "" + httpPort,
          "--https-port", "" + httpsPort, "--mqtt-port", "" + mqttPort, "--sigb-port", "" + sigb.port()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("hub.log").toFile());
      builder.environment().put("MALLOC_ARENA_MAX", "2");
      builder.environment().put("NAVETTE_SIGB_PASSWORD", "navette");
      builder.environment().put("NAVETTE_STAFF_TOKENS", "admin:" + token);
      System.out.printf("hub-memory: %s, %d branches x (gate, self-check kiosk, return box), Saturday peak x%.0f,"
              + " %.0f min; JVM options %s %s%s; %d cores, driver %s%n", jvmOptions, BRANCHES, speed, minutes,
          String.join(" ", options(jvmOptions)), String.join(" ", extra), nmt ? " +NMT" : "",
          Runtime.getRuntime().availableProcessors(), Runtime.version());

      long launched = System.nanoTime();
      Process hub = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(hub::destroyForcibly)); // never an orphan hub after a failure
      long pid = hub.pid();
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
      long readyAt = Math.max(healthAt, brokerAt);
      System.out.printf("start: health answering after %.2f s, broker accepting after %.2f s: ready in %.2f s;"
              + " VmRSS then %s%n", (healthAt - launched) / 1e9, (brokerAt - launched) / 1e9, (readyAt - launched) / 1e9,
          status(pid).get("VmRSS"));

      // The administrator adds the 45 devices (admin API, bearer token), they enrol over HTTPS (CA pinned).
      Map<Enrolled.Device, String> strings = new LinkedHashMap<>();
      for (int b = 1; b <= BRANCHES; b++) {
        String site = String.format("BR%02d", b);
        for (String kind : List.of("gate", "self-check", "return-box")) {
          Enrolled.Device device = new Enrolled.Device(kind + "-" + site, site, kind);
          strings.put(device, addDevice(http, httpPort, token, device));
        }
      }
      Enrolled enrolled = Enrolled.enrol(URI.create("https://127.0.0.1:" + httpsPort), strings,
          dir.resolve("devices"), 2);
      String mqtts = "ssl://127.0.0.1:" + mqttPort;
      List<DeviceSession> sessions = new ArrayList<>();
      List<Thread> players = new ArrayList<>();
      List<Item> items = sigb.network().items();
      List<Patron> patrons = sigb.network().patrons().stream().filter(p -> !p.cardExpired() && !p.tooManyItems())
          .toList();
      for (Enrolled.Device device : strings.keySet()) {
        DeviceSession session = new DeviceSession(SessionSettings.of("tcp://127.0.0.1:" + mqttPort, device.site(), device.id())
            .withTls(mqtts, enrolled.tls(device.id())), Clock.systemUTC());
        RequestClient requests = device.kind().equals("self-check") ? new RequestClient(session, Clock.systemUTC())
            : null;
        session.connect();
        sessions.add(session);
        players.add(Thread.ofVirtual().unstarted(() -> play(device, session, requests, speed, items, patrons)));
      }
      long connecting = System.nanoTime();
      while (sessions.stream().anyMatch(s -> !s.isConnected())
          && System.nanoTime() - connecting < Duration.ofSeconds(60).toNanos()) {
        Thread.sleep(20);
      }
      System.out.printf("%d devices enrolled in %.1f s, %d of %d connected over mutual TLS in %.1f s; VmRSS %s%n",
          enrolled.count(), enrolled.took().toMillis() / 1e3, sessions.stream().filter(DeviceSession::isConnected).count(),
          sessions.size(), (System.nanoTime() - connecting) / 1e9, status(pid).get("VmRSS"));

      players.forEach(Thread::start);
      long start = System.nanoTime();
      long end = start + (long) (minutes * 60e9);
      List<Long> rss = new ArrayList<>();
      long nextPrint = start;
      long cpuStart = cpuTicks(pid);
      while (System.nanoTime() < end) {
        Thread.sleep(5_000); // one sample every 5 s
        Map<String, String> s = status(pid);
        rss.add(kib(s.get("VmRSS")));
        if (System.nanoTime() >= nextPrint) {
          System.out.printf("  %5.0f s: VmRSS %s (anon %s, file %s), peak %s, %s threads; events %d, requests ok %d,"
                  + " refused %d, lost %d%n", (System.nanoTime() - start) / 1e9, mib(s.get("VmRSS")),
              mib(s.get("RssAnon")), mib(s.get("RssFile")), mib(s.get("VmHWM")), s.get("Threads"), eventsSent.get(),
              requestsOk.get(), requestsRefused.get(), requestsLost.get());
          nextPrint += 60_000_000_000L;
        }
      }
      running = false;
      double cpu = (cpuTicks(pid) - cpuStart) / 100.0 / ((System.nanoTime() - start) / 1e9);
      Map<String, String> last = status(pid);
      if (nmt) {
        Process jcmd = new ProcessBuilder(Path.of(java).resolveSibling("jcmd").toString(), "" + pid,
            "VM.native_memory", "summary").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        out.lines().filter(l -> l.startsWith("Total") || l.startsWith("-")).map(String::strip)
            .forEach(l -> System.out.println("  NMT " + l));
      }
      for (Thread player : players) {
        player.join(10_000);
      }
      sessions.forEach(DeviceSession::close);
      long[] sorted = rss.stream().mapToLong(Long::longValue).sorted().toArray();
      long[] latencies = requestMillis.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("RESULT start %.2f s; over %.0f min: VmRSS median %.0f MiB, max %.0f MiB, last %s (anon %s, file"
              + " %s), peak VmHWM %s, %s threads; hub CPU %.2f cores; events %d (%d failed), requests ok %d, refused"
              + " %d, lost %d, p50 %d ms, p99 %d ms%n", (readyAt - launched) / 1e9, minutes,
          sorted[sorted.length / 2] / 1024.0, sorted[sorted.length - 1] / 1024.0, mib(last.get("VmRSS")),
          mib(last.get("RssAnon")), mib(last.get("RssFile")), mib(last.get("VmHWM")), last.get("Threads"), cpu,
          eventsSent.get(), eventsFailed.get(), requestsOk.get(), requestsRefused.get(), requestsLost.get(),
          at(latencies, 0.5), at(latencies, 0.99));
      hub.destroy(); // SIGTERM, as systemctl stop
      hub.waitFor();
    }
  }

  /** One device's Saturday: Poisson arrivals at the rates of the class comment, times {@code speed}. */
  private void play(Enrolled.Device device, DeviceSession session, RequestClient requests, double speed,
      List<Item> items, List<Patron> patrons) {
    Random random = new Random(device.id().hashCode());
    UuidV7 ids = new UuidV7(Clock.systemUTC());
    long[] sequence = {0};
    Instant started = Instant.now();
    double perHour = switch (device.kind()) {
      case "gate" -> 4 + 7; // counts and alarms
      case "self-check" -> 100; // patrons
      default -> 200; // returns
    };
    long nextHealth = System.nanoTime();
    long nextAction = System.nanoTime() + next(random, perHour * speed);
    while (running) {
      try {
        long now = System.nanoTime();
        if (now >= nextHealth) {
          Instant t = Instant.now();
          send(session, Channel.HEALTH, new HealthEvent(header(ids, device, ++sequence[0]),
              Duration.between(started, t).toSeconds(), 0, 0, HealthEvent.ReaderState.OK, true, Optional.empty()));
          nextHealth += (long) (60e9 / speed);
        }
        if (now >= nextAction) {
          Instant t = Instant.now();
          switch (device.kind()) {
            case "gate" -> {
              if (random.nextInt(11) < 4) {
                send(session, Channel.COUNT, new CountEvent(header(ids, device, ++sequence[0]),
                    t.minusSeconds((long) (900 / speed)), t, 40 + random.nextInt(60), 40 + random.nextInt(60), 1));
              } else {
                Item item = items.get(random.nextInt(items.size()));
                send(session, Channel.ALARM, new AlarmEvent(header(ids, device, ++sequence[0]),
                    "E004" + HexFormat.of().withUpperCase().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt(),
                        (byte) random.nextInt(), (byte) random.nextInt(), (byte) random.nextInt(), (byte) random.nextInt()}),
                    Optional.of(item.id()), AlarmEvent.Direction.OUT, t, OptionalInt.of(1), Optional.empty()));
              }
            }
            case "self-check" -> patron(device, session, requests, ids, sequence, random, items, patrons);
            default -> {
              Item item = items.get(random.nextInt(items.size()));
              send(session, Channel.RETURN, new ReturnEvent(header(ids, device, ++sequence[0]), item.id(), t, false));
            }
          }
          nextAction += next(random, perHour * speed);
        }
        long sleep = Math.min(nextHealth, nextAction) - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(Duration.ofNanos(sleep)); // the device's own pace
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A patron at the kiosk: card and PIN checked, three documents borrowed, each loan then sent as an event. */
  private void patron(Enrolled.Device device, DeviceSession session, RequestClient requests, UuidV7 ids,
      long[] sequence, Random random, List<Item> items, List<Patron> patrons) {
    Patron patron = patrons.get(random.nextInt(patrons.size()));
    SigbResponse status = ask(requests, device, SigbRequest.Kind.PATRON_STATUS, patron, null);
    if (status == null || status.outcome() != SigbResponse.Outcome.OK) {
      return;
    }
    String ref = status.patronRef().orElse("pp1.bench.AAAAAAAAAAAAAAAAAAAAAA");
    for (int i = 0; i < 3 && running; i++) {
      Item item = items.get(random.nextInt(items.size()));
      SigbResponse loan = ask(requests, device, SigbRequest.Kind.CHECKOUT, patron, item.id());
      if (loan != null && loan.outcome() == SigbResponse.Outcome.OK) {
        Instant t = Instant.now();
        send(session, Channel.CHECKOUT, new CheckoutEvent(header(ids, device, ++sequence[0]), item.id(), ref,
            loan.dueDate(), true, t));
      }
    }
  }

  private SigbResponse ask(RequestClient requests, Enrolled.Device device, SigbRequest.Kind kind, Patron patron,
      String itemId) {
    Instant now = Instant.now();
    long t0 = System.nanoTime();
    try {
      SigbResponse response = requests.ask(new SigbRequest(UUID.randomUUID(), device.id(), kind,
          Optional.of(patron.id()), Optional.ofNullable(patron.pin()), Optional.ofNullable(itemId), now,
          now.plusSeconds(8)));
      requestMillis.add((System.nanoTime() - t0) / 1_000_000);
      (response.outcome() == SigbResponse.Outcome.OK ? requestsOk : requestsRefused).incrementAndGet();
      return response;
    } catch (RequestTimeoutException e) {
      requestsLost.incrementAndGet();
      return null;
    }
  }

  private void send(DeviceSession session, Channel channel, fr.navette.schema.Event event) {
    try {
      session.publishAndConfirm(channel, EventCodec.encode(event), Duration.ofSeconds(30));
      eventsSent.incrementAndGet();
    } catch (SessionException e) {
      eventsFailed.incrementAndGet();
    }
  }

  private static EventHeader header(UuidV7 ids, Enrolled.Device device, long sequence) {
    return new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), device.id(), sequence, Instant.now());
  }

  /** An exponential gap (Poisson arrivals) for {@code perHour} events an hour, in nanoseconds. */
  private static long next(Random random, double perHour) {
    return (long) (-Math.log(1 - random.nextDouble()) * 3600e9 / perHour);
  }

  private static String addDevice(HttpClient http, int port, String token, Enrolled.Device device) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/admin/devices"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + device.id() + "\",\"site\":\"" + device.site()
            + "\",\"kind\":\"" + device.kind() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"enrolment\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
    if (answer.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("adding " + device + ": " + answer.statusCode() + " " + answer.body());
    }
    return m.group(1);
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

  private static Map<String, String> status(long pid) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      int colon = line.indexOf(':');
      fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
    }
    return fields;
  }

  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
  }

  private static long kib(String value) {
    return Long.parseLong(value.replace(" kB", "").strip());
  }

  private static String mib(String value) {
    return String.format("%.0f MiB", kib(value) / 1024.0);
  }

  private static long at(long[] sorted, double q) {
    return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  private static List<String> options(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  private static List<String> all(String[] args, String name) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        values.add(args[i + 1]);
      }
    }
    return values;
  }
}
