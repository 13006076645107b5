package fr.navette.bench.hub;

import ch.qos.logback.classic.Level;
import fr.navette.agent.DeviceSession;
import fr.navette.agent.RequestClient;
import fr.navette.agent.SessionException;
import fr.navette.schema.AlarmEvent;
import fr.navette.schema.Channel;
import fr.navette.schema.CheckoutEvent;
import fr.navette.schema.CountEvent;
import fr.navette.schema.Event;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.RenewEvent;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.UuidV7;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * The soak (issue 19): the hub in its own process ({@link HubProcess}, as the package starts it) under ten times a
 * Saturday's peak hour of the seeds' network for an hour, to see whether anything grows that should not: resident
 * memory, heap, threads, file descriptors, ingest latency.
 *
 * <p>The seeds' network at its Saturday peak hour, network-wide (the arithmetic is in bench/README.md, "Soak"):
 * 1,000 loans and 100 renewals at the 15 kiosks (each a SIP2 round trip through the hub, then the event), 1,000
 * returns into the 15 return boxes (each checked in over SIP2 by the hub), 60 gate counts (every 15 min) and 30 gate
 * alarms, and a health report per device per minute (2,700): 4,890 messages an hour, 1.36 a second. {@code --rate}
 * multiplies all of it (default 10: 13.6 messages a second), health included, as ten such networks would send.
 *
 * <p>Ingest latency is the device's publish until its PUBACK: the hub stores each event before the embedded broker
 * acknowledges it (EmbeddedBroker's taker), so publish → PUBACK is publish → stored at the hub.
 *
 * <p>Health reports carry the device's high-water mark (its last event's sequence), not a number of their own, as
 * {@link DeviceSession#highWaterMark} has it: a health report that took the next number would leave a hole in
 * the events' sequence each minute, which the hub's watchdog reads as lost events.
 *
 * <p>Every {@code --sample} seconds (60): the hub's VmRSS and thread count ({@code /proc/PID/status}), open file
 * descriptors ({@code /proc/PID/fd}), heap used ({@code jcmd PID GC.heap_info}: the hub's health endpoint has no
 * heap figure; the first jcmd runs before the first sample, so its Attach Listener thread is in every count), CPU,
 * and that minute's ingest latencies (p50, p99, max). One CSV line per sample; at the end the first, middle and last
 * ten minutes (a third of the run each when shorter than 30 min).
 *
 * <pre>cd bench && java --enable-native-access=ALL-UNNAMED -cp "target/bench-0.1.0-SNAPSHOT.jar:target/lib/*" \
 *   fr.navette.bench.hub.SoakBench --minutes 60 [--rate 10] [--sample 60] [--csv /tmp/soak.csv]
 *   [--jvm-options ../packaging/src/deb/hub/jvm.options] [--launcher ../launcher/target]</pre>
 */
public final class SoakBench {
  /** Network-wide, per Saturday peak hour (see the class comment). */
  static final double LOANS_PER_HOUR = 1_000;
  static final double RENEWALS_PER_HOUR = 100;
  static final double RETURNS_PER_HOUR = 1_000;
  static final double ALARMS_PER_HOUR = 30;
  static final Duration COUNT_EVERY = Duration.ofMinutes(15);
  static final Duration HEALTH_EVERY = Duration.ofMinutes(1);
  /** Documents a patron borrows at one visit. */
  private static final int LOANS_PER_VISIT = 3;
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern HEAP_TOTAL = Pattern.compile("total (?:reserved \\d+K, committed )?(\\d+)K");

  private final AtomicLong eventsSent = new AtomicLong();
  private final AtomicLong eventsFailed = new AtomicLong();
  private final KioskRequests kiosks = new KioskRequests();
  /** Publish → PUBACK of every event since the last sample, in microseconds. */
  private volatile ConcurrentLinkedQueue<Long> ingestMicros = new ConcurrentLinkedQueue<>();
  /** Loans made at the kiosks, for the return boxes to bring back (the SIGB's loans then stay bounded). */
  private final ConcurrentLinkedQueue<String> onLoan = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;

  /** One sample of the hub process and of the ingest since the previous one. */
  record Sample(double minutes, double rssMib, double heapUsedMib, double heapCommittedMib, int threads, long fds,
                double cpuCores, long events, long[] micros) {}

  public static void main(String[] args) throws Exception {
    new SoakBench().run(args);
    System.exit(0);
  }

  private void run(String[] args) throws Exception {
    double minutes = Double.parseDouble(HubProcess.arg(args, "--minutes", "60"));
    double rate = Double.parseDouble(HubProcess.arg(args, "--rate", "10"));
    double sampleSeconds = Double.parseDouble(HubProcess.arg(args, "--sample", "60"));
    Path root = Path.of(HubProcess.arg(args, "--root", "..")).toAbsolutePath().normalize();
    Path jvmOptions = Path.of(HubProcess.arg(args, "--jvm-options",
        root.resolve("packaging/src/deb/hub/jvm.options").toString()));
    Path launcher = Path.of(HubProcess.arg(args, "--launcher", root.resolve("launcher/target").toString()));
    String java = HubProcess.arg(args, "--java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path csv = Path.of(HubProcess.arg(args, "--csv", "target/soak-" + Instant.now().getEpochSecond() + ".csv"));
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("fr.navette")).setLevel(Level.ERROR);

    double perSecond = rate * (LOANS_PER_HOUR + RENEWALS_PER_HOUR + RETURNS_PER_HOUR + ALARMS_PER_HOUR
        + HubProcess.BRANCHES * 3600.0 / COUNT_EVERY.toSeconds()
        + HubProcess.BRANCHES * HubProcess.KINDS.size() * 3600.0 / HEALTH_EVERY.toSeconds()) / 3600;
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "soak");
    try (SigbSimulator sigb = SigbSimulator.start(SigbSimulatorConfig.builder().build());
         HubProcess hub = HubProcess.start(new HubProcess.Settings(java, jvmOptions, List.of(), false, launcher, dir,
             sigb.port()))) {
      System.out.printf("soak: %d branches x (gate, self-check kiosk, return box), Saturday peak x%.1f = %.1f"
              + " messages/s planned, %.0f min, sample every %.0f s; hub ready in %.2f s (pid %d), JVM options %s;"
              + " %d cores, driver %s; CSV %s%n", HubProcess.BRANCHES, rate, perSecond, minutes, sampleSeconds,
          hub.readySeconds(), hub.pid, String.join(" ", HubProcess.options(jvmOptions)),
          Runtime.getRuntime().availableProcessors(), Runtime.version(), csv.toAbsolutePath());

      List<Item> items = sigb.network().items();
      List<Patron> patrons = sigb.network().patrons().stream().filter(p -> !p.cardExpired() && !p.tooManyItems())
          .toList();
      List<HubProcess.Connected> devices = hub.enrol(HubProcess.seedsDevices());
      List<Thread> players = new ArrayList<>();
      for (HubProcess.Connected connected : devices) {
        RequestClient requests = connected.device().kind().equals("self-check")
            ? new RequestClient(connected.session(), Clock.systemUTC()) : null;
        Device device = new Device(connected.device(), connected.session(), requests, rate, items, patrons);
        players.add(Thread.ofVirtual().name("soak-" + connected.device().id()).unstarted(device::play));
      }
      hub.connectAll(devices);
      heap(java, hub.pid); // the first attach starts the hub's Attach Listener thread: before the first sample

      players.forEach(Thread::start);
      List<Sample> samples = new ArrayList<>();
      long start = System.nanoTime();
      long end = start + (long) (minutes * 60e9);
      long previousCpu = hub.cpuTicks();
      long previousAt = start;
      long previousEvents = 0;
      try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
        out.println("minute,rss_mib,heap_used_mib,heap_committed_mib,threads,fds,cpu_cores,events,"
            + "ingest_p50_ms,ingest_p99_ms,ingest_max_ms");
        for (long next = start + (long) (sampleSeconds * 1e9); next <= end; next += (long) (sampleSeconds * 1e9)) {
          long wait = next - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait)); // the sampling period
          }
          if (!hub.process.isAlive()) {
            throw new IllegalStateException("the hub stopped: " + hub.logTail());
          }
          ConcurrentLinkedQueue<Long> minute = ingestMicros;
          ingestMicros = new ConcurrentLinkedQueue<>();
          long now = System.nanoTime();
          Map<String, String> status = hub.status();
          long cpu = hub.cpuTicks();
          long[] heap = heap(java, hub.pid);
          long events = eventsSent.get();
          Sample s = new Sample((now - start) / 60e9, HubProcess.kib(status.get("VmRSS")) / 1024.0,
              heap[0] / 1024.0, heap[1] / 1024.0, Integer.parseInt(status.get("Threads")), hub.fds(),
              (cpu - previousCpu) / 100.0 / ((now - previousAt) / 1e9), events - previousEvents,
              minute.stream().mapToLong(Long::longValue).sorted().toArray());
          previousCpu = cpu;
          previousAt = now;
          previousEvents = events;
          samples.add(s);
          out.printf("%.2f,%.1f,%.1f,%.1f,%d,%d,%.3f,%d,%.1f,%.1f,%.1f%n", s.minutes(), s.rssMib(), s.heapUsedMib(),
              s.heapCommittedMib(), s.threads(), s.fds(), s.cpuCores(), s.events(), ms(s.micros(), 0.5),
              ms(s.micros(), 0.99), ms(s.micros(), 1));
          out.flush();
          System.out.printf("  %5.1f min: VmRSS %.1f MiB, heap %.1f / %.1f MiB, %d threads, %d fds, CPU %.2f,"
                  + " %d events (%.1f/s), ingest p50 %.1f ms p99 %.1f ms max %.1f ms; requests ok %d refused %d"
                  + " lost %d, events failed %d%n", s.minutes(), s.rssMib(), s.heapUsedMib(), s.heapCommittedMib(),
              s.threads(), s.fds(), s.cpuCores(), s.events(), s.events() / sampleSeconds, ms(s.micros(), 0.5),
              ms(s.micros(), 0.99), ms(s.micros(), 1), kiosks.ok.get(), kiosks.refused.get(), kiosks.lost.get(),
              eventsFailed.get());
        }
      }
      running = false;
      for (Thread player : players) {
        player.join(10_000);
      }
      String alerts = hub.get("/api/alerts?open=true&limit=500");
      Map<String, Long> kinds = Pattern.compile("\"kind\":\"([^\"]+)\"").matcher(alerts).results()
          .collect(Collectors.groupingBy(m -> m.group(1), TreeMap::new,
              Collectors.counting()));
      devices.forEach(d -> d.session().close());
      summary(samples, minutes, sampleSeconds);
      long[] requests = kiosks.millis.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("RESULT events %d (%d failed), SIGB requests ok %d, refused %d, lost %d (p50 %d ms, p99 %d ms);"
              + " open alerts by kind %s; CSV %s%n", eventsSent.get(), eventsFailed.get(),
          kiosks.ok.get(), kiosks.refused.get(), kiosks.lost.get(), at(requests, 0.5), at(requests, 0.99),
          kinds, csv.toAbsolutePath());
    }
  }

  /** First, middle and last windows: ten minutes each, or a third of a shorter run, counted in samples. */
  private static void summary(List<Sample> samples, double minutes, double sampleSeconds) {
    int n = (int) Math.max(1, Math.min(samples.size() / 3, Math.round(Math.min(10, minutes / 3) * 60 / sampleSeconds)));
    if (samples.size() < n) {
      return;
    }
    int middle = Math.max(0, (samples.size() - n) / 2);
    List<List<Sample>> parts = List.of(samples.subList(0, n), samples.subList(middle, middle + n),
        samples.subList(samples.size() - n, samples.size()));
    List<String> names = List.of("first", "middle", "last");
    double firstRss = parts.getFirst().stream().mapToDouble(Sample::rssMib).average().orElse(0);
    for (int i = 0; i < 3; i++) {
      List<Sample> part = parts.get(i);
      double rss = part.stream().mapToDouble(Sample::rssMib).average().orElse(0);
      long[] micros = part.stream().flatMapToLong(s -> Arrays.stream(s.micros())).sorted().toArray();
      System.out.printf("SUMMARY %-6s %4.1f min (samples at %4.1f-%4.1f min): VmRSS mean %.1f MiB (%+.1f %%), heap used"
              + " mean %.1f MiB, threads %d-%d, fds %d-%d, CPU %.2f cores, %.1f events/s, ingest p50 %.1f ms,"
              + " p99 %.1f ms, max %.1f ms%n",
          names.get(i), n * sampleSeconds / 60, part.getFirst().minutes(), part.getLast().minutes(), rss,
          100 * (rss - firstRss) / firstRss, part.stream().mapToDouble(Sample::heapUsedMib).average().orElse(0),
          part.stream().mapToInt(Sample::threads).min().orElse(0), part.stream().mapToInt(Sample::threads).max().orElse(0),
          part.stream().mapToLong(Sample::fds).min().orElse(0), part.stream().mapToLong(Sample::fds).max().orElse(0),
          part.stream().mapToDouble(Sample::cpuCores).average().orElse(0), micros.length / (n * sampleSeconds),
          ms(micros, 0.5), ms(micros, 0.99), ms(micros, 1));
    }
  }

  /** One device's Saturday at {@code rate} times the peak: Poisson arrivals, its own sequence numbers. */
  private final class Device {
    private final Enrolled.Device id;
    private final DeviceSession session;
    private final RequestClient requests;
    private final double rate;
    private final List<Item> items;
    private final List<Patron> patrons;
    private final Random random;
    private final UuidV7 ids = new UuidV7(Clock.systemUTC());
    private final Instant started = Instant.now();
    /** The last sequence an event took; health reports carry it. */
    private long sequence;
    /** This kiosk's recent loans (item, patron), for renewals. */
    private final List<String[]> loans = new ArrayList<>();

    Device(Enrolled.Device id, DeviceSession session, RequestClient requests, double rate, List<Item> items,
        List<Patron> patrons) {
      this.id = id;
      this.session = session;
      this.requests = requests;
      this.rate = rate;
      this.items = items;
      this.patrons = patrons;
      this.random = new Random(id.id().hashCode());
    }

    void play() {
      double branches = HubProcess.BRANCHES;
      long healthEvery = (long) (HEALTH_EVERY.toNanos() / rate);
      long countEvery = (long) (COUNT_EVERY.toNanos() / rate);
      // The first health of each device at a random point of its period, as 45 devices switched on at different
      // times: not 45 reports in the same millisecond each period.
      long nextHealth = System.nanoTime() + (long) (random.nextDouble() * healthEvery);
      long nextCount = System.nanoTime() + (long) (random.nextDouble() * countEvery);
      long nextAlarm = System.nanoTime() + gap(ALARMS_PER_HOUR / branches);
      long nextVisit = System.nanoTime() + gap(LOANS_PER_HOUR / LOANS_PER_VISIT / branches);
      long nextRenewal = System.nanoTime() + gap(RENEWALS_PER_HOUR / branches);
      long nextReturn = System.nanoTime() + gap(RETURNS_PER_HOUR / branches);
      while (running) {
        try {
          long now = System.nanoTime();
          if (now >= nextHealth) {
            send(Channel.HEALTH, new HealthEvent(header(sequence), Duration.between(started, Instant.now()).toSeconds(),
                0, 0, HealthEvent.ReaderState.OK, true, Optional.empty()));
            nextHealth += healthEvery;
          }
          long next = nextHealth;
          switch (id.kind()) {
            case "gate" -> {
              if (now >= nextCount) {
                Instant t = Instant.now();
                send(Channel.COUNT, new CountEvent(header(++sequence), t.minusNanos(countEvery), t,
                    40 + random.nextInt(60), 40 + random.nextInt(60), 1));
                nextCount += countEvery;
              }
              if (now >= nextAlarm) {
                alarm();
                nextAlarm += gap(ALARMS_PER_HOUR / branches);
              }
              next = Math.min(next, Math.min(nextCount, nextAlarm));
            }
            case "self-check" -> {
              if (now >= nextVisit) {
                visit();
                nextVisit += gap(LOANS_PER_HOUR / LOANS_PER_VISIT / branches);
              }
              if (now >= nextRenewal) {
                renew();
                nextRenewal += gap(RENEWALS_PER_HOUR / branches);
              }
              next = Math.min(next, Math.min(nextVisit, nextRenewal));
            }
            default -> {
              if (now >= nextReturn) {
                String item = onLoan.poll();
                send(Channel.RETURN, new ReturnEvent(header(++sequence),
                    item != null ? item : items.get(random.nextInt(items.size())).id(), Instant.now(), false));
                nextReturn += gap(RETURNS_PER_HOUR / branches);
              }
              next = Math.min(next, nextReturn);
            }
          }
          long sleep = next - System.nanoTime();
          if (sleep > 0) {
            Thread.sleep(Duration.ofNanos(sleep)); // the device's own pace
          }
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void alarm() {
      Item item = items.get(random.nextInt(items.size()));
      byte[] uid = new byte[6];
      random.nextBytes(uid);
      send(Channel.ALARM, new AlarmEvent(header(++sequence), "E004" + HexFormat.of().withUpperCase().formatHex(uid),
          Optional.of(item.id()), AlarmEvent.Direction.OUT, Instant.now(), OptionalInt.of(1), Optional.empty()));
    }

    /** A patron at the kiosk: card and PIN checked, three documents borrowed, each loan then sent as an event. */
    private void visit() {
      Patron patron = patrons.get(random.nextInt(patrons.size()));
      SigbResponse status = ask(SigbRequest.Kind.PATRON_STATUS, patron, null);
      if (status == null || status.outcome() != SigbResponse.Outcome.OK || status.patronRef().isEmpty()) {
        return;
      }
      String ref = status.patronRef().get();
      for (int i = 0; i < LOANS_PER_VISIT && running; i++) {
        Item item = items.get(random.nextInt(items.size()));
        SigbResponse loan = ask(SigbRequest.Kind.CHECKOUT, patron, item.id());
        if (loan != null && loan.outcome() == SigbResponse.Outcome.OK) {
          send(Channel.CHECKOUT, new CheckoutEvent(header(++sequence), item.id(), ref, loan.dueDate(), true,
              Instant.now()));
          onLoan.add(item.id());
          loans.add(new String[] {item.id(), patron.id()});
          if (loans.size() > 50) {
            loans.removeFirst();
          }
        }
      }
    }

    /** A patron renews one of this kiosk's recent loans (SIP2 renew through the hub, then the event). */
    private void renew() {
      if (loans.isEmpty()) {
        return;
      }
      String[] loan = loans.get(random.nextInt(loans.size()));
      Patron patron = patrons.stream().filter(p -> p.id().equals(loan[1])).findFirst().orElseThrow();
      SigbResponse status = ask(SigbRequest.Kind.PATRON_STATUS, patron, null);
      if (status == null || status.patronRef().isEmpty()) {
        return;
      }
      SigbResponse renewal = ask(SigbRequest.Kind.RENEW, patron, loan[0]);
      if (renewal != null && renewal.outcome() == SigbResponse.Outcome.OK) {
        send(Channel.RENEW, new RenewEvent(header(++sequence), loan[0], status.patronRef().get(), renewal.dueDate(),
            Instant.now()));
      }
    }

    private SigbResponse ask(SigbRequest.Kind kind, Patron patron, String itemId) {
      return kiosks.ask(requests, id.id(), kind, patron, itemId);
    }

    private void send(Channel channel, Event event) {
      long t0 = System.nanoTime();
      try {
        session.publishAndConfirm(channel, EventCodec.encode(event), Duration.ofSeconds(30));
        ingestMicros.add((System.nanoTime() - t0) / 1_000);
        eventsSent.incrementAndGet();
      } catch (SessionException e) {
        eventsFailed.incrementAndGet();
      }
    }

    private EventHeader header(long number) {
      return new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), id.id(), number, Instant.now());
    }

    /** An exponential gap (Poisson arrivals) for {@code perHour} at the peak, times the rate, in nanoseconds. */
    private long gap(double perHour) {
      return (long) (-Math.log(1 - random.nextDouble()) * 3600e9 / (perHour * rate));
    }
  }

  /** Heap used and committed, in KiB, as {@code jcmd PID GC.heap_info} prints them; -1 when it could not say. */
  private static long[] heap(String java, long pid) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(java).resolveSibling("jcmd").toString(), "" + pid, "GC.heap_info")
        .redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor();
    Matcher used = HEAP_USED.matcher(out);
    Matcher total = HEAP_TOTAL.matcher(out);
    return new long[] {used.find() ? Long.parseLong(used.group(1)) : -1,
        total.find() ? Long.parseLong(total.group(1)) : -1};
  }

  private static double ms(long[] sortedMicros, double q) {
    if (sortedMicros.length == 0) {
      return -1;
    }
    return sortedMicros[(int) Math.min(sortedMicros.length - 1, Math.floor(q * sortedMicros.length))] / 1000.0;
  }

  private static long at(long[] sorted, double q) {
    return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
