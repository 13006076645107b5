package fr.navette.bench.hub;

import ch.qos.logback.classic.Level;
import fr.navette.agent.DeviceSession;
import fr.navette.agent.RequestClient;
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
  private static final int BRANCHES = HubProcess.BRANCHES;
  private static final Random RANDOM = new Random(18);

  private final AtomicLong eventsSent = new AtomicLong();
  private final AtomicLong eventsFailed = new AtomicLong();
  private final KioskRequests kiosks = new KioskRequests();
  private volatile boolean running = true;

  public static void main(String[] args) throws Exception {
    new HubMemoryBench().run(args);
    System.exit(0);
  }

  private void run(String[] args) throws Exception {
    double minutes = Double.parseDouble(HubProcess.arg(args, "--minutes", "10"));
    double speed = Double.parseDouble(HubProcess.arg(args, "--speed", "10"));
    Path root = Path.of(HubProcess.arg(args, "--root", "..")).toAbsolutePath().normalize();
    Path jvmOptions = Path.of(HubProcess.arg(args, "--jvm-options", root.resolve("packaging/src/deb/hub/jvm.options").toString()));
    Path launcher = Path.of(HubProcess.arg(args, "--launcher", root.resolve("launcher/target").toString()));
    String java = HubProcess.arg(args, "--java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> extra = HubProcess.all(args, "--jvm-opt");
    boolean nmt = Arrays.asList(args).contains("--nmt");
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("fr.navette")).setLevel(Level.ERROR);

    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "hubmem");
    try (SigbSimulator sigb = SigbSimulator.start(SigbSimulatorConfig.builder().build())) {
      System.out.printf("hub-memory: %s, %d branches x (gate, self-check kiosk, return box), Saturday peak x%.0f,"
              + " %.0f min; JVM options %s %s%s; %d cores, driver %s%n", jvmOptions, BRANCHES, speed, minutes,
          String.join(" ", HubProcess.options(jvmOptions)), String.join(" ", extra), nmt ? " +NMT" : "",
          Runtime.getRuntime().availableProcessors(), Runtime.version());
      HubProcess hub = HubProcess.start(new HubProcess.Settings(java, jvmOptions, extra, nmt, launcher, dir,
          sigb.port()));
      long pid = hub.pid;
      System.out.printf("start: health answering after %.2f s, broker accepting after %.2f s: ready in %.2f s;"
              + " VmRSS then %s%n", (hub.healthNanos - hub.launchedNanos) / 1e9,
          (hub.brokerNanos - hub.launchedNanos) / 1e9, hub.readySeconds(), hub.status().get("VmRSS"));

      List<DeviceSession> sessions = new ArrayList<>();
      List<Thread> players = new ArrayList<>();
      List<Item> items = sigb.network().items();
      List<Patron> patrons = sigb.network().patrons().stream().filter(p -> !p.cardExpired() && !p.tooManyItems())
          .toList();
      List<HubProcess.Connected> devices = hub.enrol(HubProcess.seedsDevices());
      for (HubProcess.Connected connected : devices) {
        Enrolled.Device device = connected.device();
        DeviceSession session = connected.session();
        RequestClient requests = device.kind().equals("self-check") ? new RequestClient(session, Clock.systemUTC())
            : null;
        sessions.add(session);
        players.add(Thread.ofVirtual().unstarted(() -> play(device, session, requests, speed, items, patrons)));
      }
      hub.connectAll(devices);

      players.forEach(Thread::start);
      long start = System.nanoTime();
      long end = start + (long) (minutes * 60e9);
      List<Long> rss = new ArrayList<>();
      long nextPrint = start;
      long cpuStart = hub.cpuTicks();
      while (System.nanoTime() < end) {
        Thread.sleep(5_000); // one sample every 5 s
        Map<String, String> s = hub.status();
        rss.add(HubProcess.kib(s.get("VmRSS")));
        if (System.nanoTime() >= nextPrint) {
          System.out.printf("  %5.0f s: VmRSS %s (anon %s, file %s), peak %s, %s threads; events %d, requests ok %d,"
                  + " refused %d, lost %d%n", (System.nanoTime() - start) / 1e9, HubProcess.mib(s.get("VmRSS")),
              HubProcess.mib(s.get("RssAnon")), HubProcess.mib(s.get("RssFile")), HubProcess.mib(s.get("VmHWM")), s.get("Threads"), eventsSent.get(),
              kiosks.ok.get(), kiosks.refused.get(), kiosks.lost.get());
          nextPrint += 60_000_000_000L;
        }
      }
      running = false;
      double cpu = (hub.cpuTicks() - cpuStart) / 100.0 / ((System.nanoTime() - start) / 1e9);
      Map<String, String> last = hub.status();
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
      long[] latencies = kiosks.millis.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("RESULT start %.2f s; over %.0f min: VmRSS median %.0f MiB, max %.0f MiB, last %s (anon %s, file"
              + " %s), peak VmHWM %s, %s threads; hub CPU %.2f cores; events %d (%d failed), requests ok %d, refused"
              + " %d, lost %d, p50 %d ms, p99 %d ms%n", hub.readySeconds(), minutes,
          sorted[sorted.length / 2] / 1024.0, sorted[sorted.length - 1] / 1024.0, HubProcess.mib(last.get("VmRSS")),
          HubProcess.mib(last.get("RssAnon")), HubProcess.mib(last.get("RssFile")), HubProcess.mib(last.get("VmHWM")), last.get("Threads"), cpu,
          eventsSent.get(), eventsFailed.get(), kiosks.ok.get(), kiosks.refused.get(), kiosks.lost.get(),
          at(latencies, 0.5), at(latencies, 0.99));
      hub.close(); // SIGTERM, as systemctl stop
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
          // Health carries the last event's sequence (the device's high-water mark), not a number of its own: a
          // number of its own left a hole in the events' sequence every report, one watchdog alert each.
          send(session, Channel.HEALTH, new HealthEvent(header(ids, device, sequence[0]),
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
    return kiosks.ask(requests, device.id(), kind, patron, itemId);
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

  private static long at(long[] sorted, double q) {
    return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
