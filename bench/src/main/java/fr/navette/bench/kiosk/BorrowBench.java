package fr.navette.bench.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.SessionSettings;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.kiosk.selfcheck.KioskConfig;
import fr.navette.kiosk.selfcheck.SelfCheckAgent;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.reader.feig.FeigReader;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.sim.devices.PtyReaderSimulator;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.sim.sigb.SimulatedNetwork;
import fr.navette.tag.SecurityPolicy;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Ten documents borrowed end to end at a self-check kiosk: the page's {@code POST /api/borrow} → the kiosk's loop
 * reads the pad through the reader layer → ten checkouts over MQTT 5 request/response → the hub → SIP2 over TCP
 * → the SIGB simulator → each tag disarmed and read back → ten {@code checkout} events stored. Goal: under 2 s
 * beyond the reader's own time, which is measured apart: the same reader work (one inventory, ten reads, ten
 * AFI writes each read back) with no SIGB, on the same reader.
 *
 * <pre>java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" fr.navette.bench.kiosk.BorrowBench [rounds] [sim|feig]</pre>
 *
 * {@code sim}: the in-process simulated reader (no air, no serial); {@code feig}: the real FEIG driver over a
 * real pty to the reader simulator (needs socat).
 */
public final class BorrowBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DOCUMENTS = 10;
  private static final Duration READER_TIMEOUT = Duration.ofSeconds(2);

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    boolean feig = args.length > 1 && args[1].equals("feig");
    Path base = Path.of("target").toAbsolutePath();
    Files.createDirectories(base);
    Path dir = Files.createTempDirectory(base, "borrow-bench");
    Clock clock = Clock.systemUTC();
    VirtualField field = new VirtualField();
    SigbSimulatorConfig sigbConfig = SigbSimulatorConfig.builder().build();
    try (SigbSimulator sigb = SigbSimulator.start(sigbConfig);
         Hub hub = Hub.start(HubConfig.local(dir.resolve("hub"), 0, 0,
             SigbSettings.local(sigb.port(), sigbConfig.user(), sigbConfig.password())).withInsecureMqtt(0),
             c -> Sip2SigbGateway.connect(c.sigb()), clock);
         PtyReaderSimulator pty = feig ? PtyReaderSimulator.start(PtyReaderSimulator.Protocol.FEIG, field, dir) : null) {
      SimulatedNetwork network = sigb.network();
      Iterator<Item> free = network.items().stream()
          .filter(i -> network.loanOf(i.id()).isEmpty() && network.holdFor(i.id()).isEmpty()).iterator();
      Iterator<Patron> patrons = network.patrons().stream()
          .filter(p -> !p.isBlocked() && network.balanceCents(p.id()) <= Patron.FEE_LIMIT_CENTS).iterator();
      long[] uid = {0xE004030000000000L};

      List<Double> readerOnly = new ArrayList<>();
      // One reader for both phases, handed to the kiosk afterwards: a pty once closed by its client cannot be
      // opened again while socat still holds it.
      RfidReader reader = reader(feig, pty, field);
      {
        for (int r = 0; r < rounds; r++) {
          field.clear();
          List<Uid> tags = new ArrayList<>();
          for (int i = 0; i < DOCUMENTS; i++) {
            SimulatedTag tag = SimulatedTag.forItem(new Uid(++uid[0]), "9" + uid[0] % 1_000_000_000L, "FR-BR01",
                SecurityPolicy.ISO_ARMED_AFI);
            field.put(tag);
            tags.add(tag.uid());
          }
          long start = System.nanoTime();
          if (reader.inventory(READER_TIMEOUT).size() != DOCUMENTS) {
            throw new IllegalStateException("the reader did not see the " + DOCUMENTS + " tags");
          }
          for (Uid t : tags) {
            reader.readUserMemory(t, READER_TIMEOUT);
          }
          for (Uid t : tags) {
            reader.writeAfi(t, SecurityPolicy.ISO_ON_LOAN_AFI, READER_TIMEOUT);
            reader.systemInfo(t, READER_TIMEOUT);
          }
          readerOnly.add((System.nanoTime() - start) / 1e6);
        }
      }
      field.clear();

      KioskConfig config = KioskConfig.of("BR01", "kiosk-bench-1");
      List<Double> borrow = new ArrayList<>();
      try (SelfCheckAgent kiosk = SelfCheckAgent.start(config, reader,
          DeviceRuntime.Settings.of(SessionSettings.of(hub.mqttUri(), "BR01", "kiosk-bench-1"), dir.resolve("kiosk")),
          new InetSocketAddress("127.0.0.1", 0), Optional.empty(), Optional.empty(), clock, ZoneId.of("UTC"))) {
        long connectBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!kiosk.runtime().session().isConnected() && System.nanoTime() < connectBy) {
          Thread.sleep(10);
        }
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String url = "http://127.0.0.1:" + kiosk.webPort() + "/api/";
        for (int r = 0; r < rounds + 1; r++) { // the first round warms up and is not counted
          field.clear();
          List<String> items = new ArrayList<>();
          for (int i = 0; i < DOCUMENTS; i++) {
            Item item = free.next();
            field.put(SimulatedTag.forItem(new Uid(++uid[0]), item.id(), "FR-" + item.homeBranch(),
                SecurityPolicy.ISO_ARMED_AFI));
            items.add(item.id());
          }
          Patron patron = patrons.next();
          JsonNode login = post(http, url + "login", "{\"card\":\"" + patron.id() + "\",\"pin\":\"" + patron.pin() + "\"}");
          if (!login.path("ok").asBoolean()) {
            throw new IllegalStateException("login refused: " + login);
          }
          long start = System.nanoTime();
          JsonNode outcomes = post(http, url + "borrow", "{}").path("outcomes");
          double millis = (System.nanoTime() - start) / 1e6;
          long lent = 0;
          for (JsonNode o : outcomes) {
            lent += o.path("status").asText().equals("lent") ? 1 : 0;
          }
          if (lent != DOCUMENTS) {
            throw new IllegalStateException("round " + r + ": " + lent + " of " + DOCUMENTS + " lent: " + outcomes);
          }
          post(http, url + "logout", "{}");
          if (r > 0) {
            borrow.add(millis);
          }
        }
      }
      double readerTime = median(readerOnly);
      double total = median(borrow);
      System.out.printf("reader %s, %d rounds of %d documents%n", feig ? "FEIG over a pty" : "in-process simulated",
          rounds, DOCUMENTS);
      System.out.printf("reader's own time (inventory, 10 reads, 10 AFI writes read back): median %.0f ms%n", readerTime);
      System.out.printf("borrow end to end (POST /api/borrow): median %.0f ms, p90 %.0f ms, max %.0f ms%n", total,
          percentile(borrow, 0.9), borrow.stream().mapToDouble(d -> d).max().orElse(0));
      System.out.printf("beyond the reader's own time: %.0f ms (goal < 2000 ms)%n", total - readerTime);
    }
  }

  private static RfidReader reader(boolean feig, PtyReaderSimulator pty, VirtualField field) {
    return feig ? new FeigReader(SerialPorts.jSerialComm(), PtyReaderSimulator.Protocol.FEIG
        .serialConfig(pty.devicePath().toString())) : new SimulatedReader(field);
  }

  private static JsonNode post(HttpClient http, String url, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static double median(List<Double> values) {
    return percentile(values, 0.5);
  }

  private static double percentile(List<Double> values, double p) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }
}
