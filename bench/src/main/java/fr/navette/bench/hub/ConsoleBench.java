package fr.navette.bench.hub;

import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.alarms.AlarmStore;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.store.Database;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.transits.Route;
import fr.navette.hub.transits.Transit;
import fr.navette.hub.transits.TransitStore;
import fr.navette.hub.web.StaffAccess;
import fr.navette.schema.AlarmEvent;
import fr.navette.schema.CheckoutEvent;
import fr.navette.schema.CountEvent;
import fr.navette.schema.Event;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.PatronPseudonym;
import fr.navette.schema.RenewEvent;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.Topic;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The staff console with a year of a 15-branch network behind it (issue 17): seeds a hub store with ≈ 1 M device
 * events (gates' counts every 15 minutes of opening hours, loans, returns, renewals, alarms), 100 k transits (the
 * year's, nearly all arrived or closed, a few hundred on their way) and the alarms' enriched rows, through the hub's
 * own stores (the same SQL as in production); then starts the hub on that store and asks each console page and API
 * answer R times, one at a time, with an admin bearer token, printing p50 / p95 / p99 / max per URL.
 *
 * <p>{@code --data DIR} keeps the seeded store: a second run with the same folder measures without seeding again.
 *
 * <pre>java -cp "target/bench-0.1.0-SNAPSHOT.jar:target/lib/*" fr.navette.bench.hub.ConsoleBench --data /tmp/year
 *     [--events 1000000] [--transits 100000] [--requests 100] [--url /api/…]…</pre>
 */
public final class ConsoleBench {
  private static final int BRANCHES = 15;
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** The patrons' pseudonyms as the hub gives them (150 k patrons, a network key of the bench's own). */
  static final PatronPseudonym PATRONS = new PatronPseudonym("bench", new byte[32]);
  private static final String TOKEN = "console-bench-admin-token-0123456789";

  private ConsoleBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> urls = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--url")) {
        urls.add(args[i + 1]);
      } else {
        options.put(args[i], args[i + 1]);
      }
    }
    Path data = Path.of(options.getOrDefault("--data", "target/console-bench"));
    int events = Integer.parseInt(options.getOrDefault("--events", "1000000"));
    int transits = Integer.parseInt(options.getOrDefault("--transits", "100000"));
    int requests = Integer.parseInt(options.getOrDefault("--requests", "100"));
    Instant now = Instant.now();
    if (urls.isEmpty()) {
      urls = defaultUrls(LocalDate.ofInstant(now, PARIS));
    }
    Path db = data.resolve("hub.db");
    if (!Files.exists(db)) {
      long t0 = System.nanoTime();
      Counts seeded = seed(db, events, transits, now);
      System.out.printf("seeded %s in %.0f s: %s (%d MiB)%n", db, (System.nanoTime() - t0) / 1e9, seeded,
          Files.size(db) >> 20);
    } else {
      System.out.println("store already seeded: " + db + " (" + (Files.size(db) >> 20) + " MiB)");
    }
    try (SigbSimulator sigb = SigbSimulator.start(SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(BRANCHES, 2_000, 200)).build())) {
      long starting = System.nanoTime();
      HubConfig config = HubConfig.local(data, 0, 0, SigbSettings.local(sigb.port(), "navette", "navette"))
          .withRules(rules()).withStaffAccess(StaffAccess.parse("admin:" + TOKEN));
      try (Hub hub = Hub.start(config, c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC())) {
        System.out.printf("hub started on the year's store in %.1f s%n", (System.nanoTime() - starting) / 1e9);
        HttpClient http = HttpClient.newHttpClient();
        System.out.printf("%-70s %6s %8s %8s %8s %8s %9s%n", "GET", "status", "p50 ms", "p95 ms", "p99 ms", "max ms",
            "bytes");
        for (String url : urls) {
          measure(http, "http://127.0.0.1:" + hub.httpPort() + url, requests, url);
        }
      }
    }
  }

  /** What staff open most: the board's lists, the alarm log, the transits, the statistics of a month and a year. */
  private static List<String> defaultUrls(LocalDate today) {
    // The transit views TransitListBenchTest timed in the unit suite before it moved here (timings live in benches).
    return List.of("/", "/api/transits", "/api/transits?status=open", "/api/transits?format=csv",
        "/api/transits?from=BR03", "/api/transits?to=BR03", "/api/transits?overdue=true", "/api/transits?route=nord",
        "/api/transits?all=true&offset=4900&limit=100", "/api/transits?all=true&offset=90000&limit=100",
        "/api/alarms", "/api/alarms?branch=BR03", "/api/events", "/api/devices", "/api/alerts",
        "/api/stats", "/api/stats?from=" + today.minusDays(30) + "&to=" + today,
        "/api/stats?from=" + today.minusDays(364) + "&to=" + today,
        "/api/stats?format=csv&from=" + today.minusDays(30) + "&to=" + today);
  }

  private static void measure(HttpClient http, String address, int requests, String label) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(address)).header("Authorization", "Bearer " + TOKEN)
        .timeout(Duration.ofMinutes(2)).GET().build();
    // Two answers not measured: the first query of a kind warms SQLite's page cache and the JIT.
    for (int i = 0; i < 2; i++) {
      http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
    long[] nanos = new long[requests];
    int status = 0;
    int bytes = 0;
    for (int i = 0; i < requests; i++) {
      long t0 = System.nanoTime();
      HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      nanos[i] = System.nanoTime() - t0;
      status = answer.statusCode();
      bytes = answer.body().length;
    }
    Arrays.sort(nanos);
    System.out.printf("%-70s %6d %8.1f %8.1f %8.1f %8.1f %9d%n", label, status, ms(nanos, 0.50), ms(nanos, 0.95),
        ms(nanos, 0.99), nanos[requests - 1] / 1e6, bytes);
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  private static String branch(int i) {
    return String.format("BR%02d", i + 1);
  }

  /** The network's rules as the demo's: two rounds from the depot, branches named. */
  private static NetworkRules rules() {
    List<String> north = new ArrayList<>(List.of(branch(0)));
    List<String> south = new ArrayList<>(List.of(branch(0)));
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < BRANCHES; i++) {
      names.put(branch(i), "Médiathèque n° " + (i + 1));
      if (i > 0) {
        (i % 2 == 1 ? north : south).add(branch(i));
      }
    }
    return new NetworkRules(List.of(new Route("nord", "Tournée nord", north), new Route("sud", "Tournée sud", south)),
        java.util.Set.of(), Duration.ofDays(7), names);
  }

  record Counts(long counts, long checkouts, long returns, long renewals, long alarms, long transits) {}

  /**
   * A year ending at {@code now}: each branch open 10:00–19:00 Tuesday to Saturday; a count per gate per 15 min;
   * the other events spread over opening hours at random (seeded: two runs seed the same year).
   */
  static Counts seed(Path db, int events, int transits, Instant now) throws Exception {
    Random random = new Random(17);
    List<Instant> opening = new ArrayList<>(); // every quarter hour the branches are open, over the year
    LocalDate last = LocalDate.ofInstant(now, PARIS);
    for (LocalDate day = last.minusDays(364); !day.isAfter(last); day = day.plusDays(1)) {
      int dow = day.getDayOfWeek().getValue();
      if (dow == 1 || dow == 7) {
        continue;
      }
      for (int quarter = 10 * 4; quarter < 19 * 4; quarter++) {
        ZonedDateTime at = day.atTime(quarter / 4, quarter % 4 * 15).atZone(PARIS);
        if (at.toInstant().isBefore(now)) {
          opening.add(at.toInstant());
        }
      }
    }
    // Two gates per branch counting every quarter: ≈ 15 × 2 × 36 × 260 ≈ 280 k counts; the rest of the million is
    // circulation (the network's million loans a year reach the hub partly through staff desks, not kiosks).
    long countEvents = (long) opening.size() * BRANCHES * 2;
    long rest = Math.max(0, events - countEvents);
    long alarms = rest / 50;
    long renewals = rest / 8;
    long returns = (rest - alarms - renewals) * 4 / 10;
    long checkouts = rest - alarms - renewals - returns;
    long[] sequence = new long[BRANCHES * 4];
    try (Database store = Database.open("jdbc:sqlite:" + db.toAbsolutePath(), null, null)) {
      EventStore eventStore = new EventStore(store, Clock.systemUTC());
      AlarmStore alarmStore = new AlarmStore(store);
      TransitStore transitStore = new TransitStore(store);
      List<EventStore.NewEvent> batch = new ArrayList<>();
      List<AlarmStore.Alarm> alarmRows = new ArrayList<>();
      for (Instant quarter : opening) {
        for (int b = 0; b < BRANCHES; b++) {
          for (int gate = 0; gate < 2; gate++) {
            int device = b * 4 + gate;
            String id = "gate-" + branch(b) + "-" + (gate + 1);
            long in = 5 + random.nextInt(40);
            CountEvent count = new CountEvent(header(id, ++sequence[device], quarter.plusSeconds(900), random),
                quarter, quarter.plusSeconds(900), in, Math.max(0, in - 3 + random.nextInt(6)), 1);
            add(store, eventStore, batch, branch(b), id, count);
          }
        }
      }
      for (long i = 0; i < checkouts + returns + renewals + alarms; i++) {
        int b = random.nextInt(BRANCHES);
        Instant at = opening.get(random.nextInt(opening.size())).plusSeconds(random.nextInt(900));
        String item = Long.toString(3_000_000_000L + random.nextInt(600_000));
        String patron = PATRONS.of("0" + (10_000_000 + random.nextInt(150_000)));
        if (i < checkouts) {
          String id = "kiosk-" + branch(b) + "-1";
          add(store, eventStore, batch, branch(b), id, new CheckoutEvent(header(id, ++sequence[b * 4 + 2], at, random),
              item, patron, Optional.of(LocalDate.ofInstant(at, PARIS).plusDays(28)), true, at));
        } else if (i < checkouts + renewals) {
          String id = "kiosk-" + branch(b) + "-1";
          add(store, eventStore, batch, branch(b), id, new RenewEvent(header(id, ++sequence[b * 4 + 2], at, random),
              item, patron, Optional.of(LocalDate.ofInstant(at, PARIS).plusDays(28)), at));
        } else if (i < checkouts + renewals + returns) {
          String id = "box-" + branch(b) + "-1";
          add(store, eventStore, batch, branch(b), id, new ReturnEvent(header(id, ++sequence[b * 4 + 3], at, random),
              item, at, false));
        } else {
          String id = "gate-" + branch(b) + "-1";
          EventHeader header = header(id, ++sequence[b * 4], at, random);
          String uid = String.format("E004%012X", random.nextLong() & 0xFFFFFFFFFFFFL);
          add(store, eventStore, batch, branch(b), id, new AlarmEvent(header, uid, Optional.of(item),
              AlarmEvent.Direction.OUT, at));
          boolean disarmFailed = random.nextInt(3) == 0;
          alarmRows.add(new AlarmStore.Alarm(header.eventId().toString(), branch(b), id, uid, item, "out", at,
              "Titre " + item, "R " + item.substring(6), branch(random.nextInt(BRANCHES)), disarmFailed ? "02" : "03",
              disarmFailed ? "probably-borrowed" : "not-borrowed", at.plusMillis(80), null));
        }
      }
      flush(store, eventStore, batch);
      for (int from = 0; from < alarmRows.size(); from += 5_000) {
        List<AlarmStore.Alarm> slice = alarmRows.subList(from, Math.min(alarmRows.size(), from + 5_000));
        store.inTransaction(c -> {
          for (AlarmStore.Alarm a : slice) {
            alarmStore.save(c, a);
          }
          return null;
        });
      }
      List<Transit> rows = new ArrayList<>();
      for (int i = 0; i < transits; i++) {
        int from = random.nextInt(BRANCHES);
        int to = (from + 1 + random.nextInt(BRANCHES - 1)) % BRANCHES;
        // Spread over the year; the last few days' still on their way, a few older ones overdue.
        Instant created = now.minus(Duration.ofMinutes((long) ((double) (transits - i) / transits * 364 * 24 * 60)));
        boolean recent = created.isAfter(now.minus(Duration.ofDays(3)));
        boolean lost = !recent && random.nextInt(400) == 0;
        String item = Long.toString(3_000_000_000L + random.nextInt(600_000));
        String status = recent || lost ? (random.nextBoolean() ? "open" : "packed") : "closed";
        String route = (to % 2 == 1) ? "nord" : "sud";
        rows.add(new Transit(UUID.randomUUID().toString(), item, branch(from), branch(to), "return-elsewhere",
            status, null, "R " + item.substring(6), "Titre " + item, null,
            status.equals("open") ? null : "CR-" + branch(to) + "-" + (i / 20), route, created,
            status.equals("open") ? null : created.plusSeconds(3_600),
            status.equals("closed") ? created.plusSeconds(86_400) : null,
            status.equals("closed") ? created.plusSeconds(2 * 86_400) : null,
            status.equals("closed") ? created.plusSeconds(2 * 86_400 + 60) : null, UUID.randomUUID().toString()));
      }
      for (int from = 0; from < rows.size(); from += 5_000) {
        List<Transit> slice = rows.subList(from, Math.min(rows.size(), from + 5_000));
        store.inTransaction(c -> {
          for (Transit t : slice) {
            transitStore.open(c, t);
          }
          return null;
        });
      }
    }
    return new Counts(countEvents, checkouts, returns, renewals, alarms, transits);
  }

  private static EventHeader header(String device, long sequence, Instant at, Random random) {
    // A version-7-shaped UUID from the event's own time: ids sort as the device made them, as UuidV7's do.
    long high = (at.toEpochMilli() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new EventHeader(EventCodec.SCHEMA_VERSION, new UUID(high, low), device, sequence, at);
  }

  private static void add(Database store, EventStore events, List<EventStore.NewEvent> batch, String site,
      String device, Event event) {
    batch.add(new EventStore.NewEvent(new Topic(site, device, event.channel().wireName()), event,
        EventCodec.encode(event), EventStore.APPLIED));
    if (batch.size() == 10_000) {
      flush(store, events, batch);
    }
  }

  private static void flush(Database store, EventStore events, List<EventStore.NewEvent> batch) {
    store.inTransaction(c -> events.insertIfAbsent(c, batch));
    batch.clear();
  }
}
