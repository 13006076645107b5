package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.navette.mqtt.Correlation;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.PatronPseudonym;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;
import fr.navette.sim.devices.SteppedClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestsAndHealthTest {
  @TempDir Path dir;

  @Test
  void aRequestIsAnsweredOnItsResponseTopicOrTimesOutClearlyAtItsDeadline() throws Exception {
    String device = "kiosk-" + UUID.randomUUID().toString().substring(0, 8);
    PatronPseudonym network = new PatronPseudonym("k2026", new byte[32]);
    ExecutorService hubWorker = Executors.newSingleThreadExecutor();
    try (Brokers.Running broker = Brokers.EMBEDDED.start(dir);
         HubProbe hub = new HubProbe(broker.uri(), "BR01", device);
         DeviceSession session = new DeviceSession(SessionSettings.of(broker.uri(), "BR01", device), Clock.systemUTC())) {
      // The hub answers patron-status on the response topic with the request's correlation data; never checkin.
      hub.onRequest(message -> hubWorker.execute(() -> {
        SigbRequest request = MessageCodec.decodeRequest(message.payload());
        if (request.kind() == SigbRequest.Kind.CHECKIN) {
          return;
        }
        SigbResponse answer = SigbResponse.builder(request, SigbResponse.Outcome.OK)
            .patronRef(network.of(request.patronId().orElseThrow())).messages("Bonjour !", "Hello!").build();
        hub.publish(message.reply(MessageCodec.encode(answer), new byte[0]));
      }));
      RequestClient requests = new RequestClient(session, Clock.systemUTC());
      session.connect();
      await().atMost(Duration.ofSeconds(10)).until(session::isConnected);
      await().atMost(Duration.ofSeconds(10)).until(() -> !hub.received(Channel.STATE).isEmpty());

      SigbResponse status = requests.ask(request(device, SigbRequest.Kind.PATRON_STATUS, Duration.ofSeconds(10)));
      assertThat(status.outcome()).isEqualTo(SigbResponse.Outcome.OK);
      assertThat(status.patronRef()).hasValue(network.of("29000123456789"));
      byte[] sent = hub.received(Channel.REQUEST).getFirst().correlationData();
      assertThat(Correlation.uuid(sent)).contains(status.requestId());

      SigbRequest checkin = request(device, SigbRequest.Kind.CHECKIN, Duration.ofMillis(500));
      assertThatThrownBy(() -> requests.ask(checkin))
          .isInstanceOf(RequestTimeoutException.class)
          .hasMessageContaining("checkin request " + checkin.requestId())
          .hasMessageContaining("no answer from the hub before the deadline");
    } finally {
      hubWorker.shutdownNow();
    }
  }

  @Test
  void aRequestWithTheHubOutOfReachFailsAtOnceWithWhatToShow() throws Exception {
    try (DeviceSession session = new DeviceSession(SessionSettings.of("tcp://127.0.0.1:1", "BR01", "kiosk-1"),
        Clock.systemUTC())) {
      RequestClient requests = new RequestClient(session, Clock.systemUTC());
      assertThatThrownBy(() -> requests.ask(request("kiosk-1", SigbRequest.Kind.PATRON_STATUS, Duration.ofSeconds(30))))
          .isInstanceOf(RequestTimeoutException.class)
          .hasMessageContaining("out of reach")
          .satisfies(e -> assertThat(((RequestTimeoutException) e).screenFr()).startsWith("Le service ne répond pas"));
    }
  }

  @Test
  void healthIsServedLocallyAndTurns503WhenTheLoopStalls() throws Exception {
    SteppedClock clock = new SteppedClock(Instant.parse("2026-11-24T09:00:00Z"));
    try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "box-1", clock);
         DeviceSession session = new DeviceSession(SessionSettings.of("tcp://127.0.0.1:1", "BR01", "box-1"), clock);
         HealthMonitor monitor = new HealthMonitor(session, outbox, () -> HealthEvent.ReaderState.DEGRADED, clock,
             Duration.ofSeconds(30));
         HealthServer server = HealthServer.start(monitor, new InetSocketAddress("127.0.0.1", 0))) {
      outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, "R1", clock.instant(), true)));
      clock.advance(Duration.ofSeconds(20));
      monitor.heartbeat();
      monitor.recordError("reader: no answer within 500 ms");
      clock.advance(Duration.ofSeconds(25));

      HttpResponse<String> ok = get(server);
      assertThat(ok.statusCode()).isEqualTo(200);
      HealthEvent health = EventCodec.decode(Channel.HEALTH, ok.body().getBytes(StandardCharsets.UTF_8),
          HealthEvent.class);
      assertThat(health.uptimeSeconds()).isEqualTo(45);
      assertThat(health.outboxDepth()).isEqualTo(1);
      assertThat(health.outboxOldestAgeSeconds()).isEqualTo(45);
      assertThat(health.readerState()).isEqualTo(HealthEvent.ReaderState.DEGRADED);
      assertThat(health.brokerConnected()).isFalse();
      assertThat(health.lastError()).hasValue("reader: no answer within 500 ms");
      assertThat(health.header().sequence()).isEqualTo(1);

      clock.advance(Duration.ofSeconds(10)); // 35 s without a heartbeat
      assertThat(get(server).statusCode()).isEqualTo(503);
      monitor.heartbeat();
      assertThat(get(server).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void healthIsPublishedPeriodicallyOnTheDevicesTopic() throws Exception {
    String device = "gate-h-" + UUID.randomUUID().toString().substring(0, 8);
    try (Brokers.Running broker = Brokers.EMBEDDED.start(dir);
         HubProbe hub = new HubProbe(broker.uri(), "BR01", device);
         SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), device, Clock.systemUTC());
         DeviceSession session = new DeviceSession(SessionSettings.of(broker.uri(), "BR01", device), Clock.systemUTC());
         HealthMonitor monitor = new HealthMonitor(session, outbox, () -> HealthEvent.ReaderState.OK,
             Clock.systemUTC(), Duration.ofSeconds(30))) {
      session.connect();
      await().atMost(Duration.ofSeconds(10)).until(session::isConnected);
      monitor.startPublishing(Duration.ofMillis(200));
      await().atMost(Duration.ofSeconds(10)).until(() -> hub.received(Channel.HEALTH).size() >= 2);
      HealthEvent health = EventCodec.decode(Channel.HEALTH, hub.received(Channel.HEALTH).getLast().payload(),
          HealthEvent.class);
      assertThat(health.brokerConnected()).isTrue();
      assertThat(health.header().deviceId()).isEqualTo(device);
    }
  }

  private static HttpResponse<String> get(HealthServer server) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static SigbRequest request(String device, SigbRequest.Kind kind, Duration deadline) {
    Instant now = Instant.now();
    return new SigbRequest(UUID.randomUUID(), device, kind,
        kind == SigbRequest.Kind.CHECKIN ? Optional.empty() : Optional.of("29000123456789"), Optional.of("1234"),
        kind == SigbRequest.Kind.CHECKIN ? Optional.of("0012345678") : Optional.empty(), now, now.plus(deadline));
  }

  /**
   * A box whose clock was ahead and is put right (NTP at last, or a person) reads an earlier time than when it
   * started: its uptime must not go negative, which the schema refuses — the box then published no health at all and
   * the hub held it offline for hours (found by the chaos run, issue 19).
   */
  @Test
  void aClockPutBackLeavesTheUptimeAtZeroOrMoreAndTheHealthPublishable() throws Exception {
    SteppedClock clock = new SteppedClock(Instant.parse("2026-11-24T12:00:00Z"));
    try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("back.db"), "box-1", clock);
         DeviceSession session = new DeviceSession(SessionSettings.of("tcp://127.0.0.1:1", "BR01", "box-1"), clock);
         HealthMonitor monitor = new HealthMonitor(session, outbox, () -> HealthEvent.ReaderState.OK, clock,
             Duration.ofSeconds(30))) {
      clock.advance(Duration.ofSeconds(20));
      assertThat(monitor.snapshot().uptimeSeconds()).isEqualTo(20);
      clock.advance(Duration.ofHours(-3));
      assertThat(monitor.snapshot().uptimeSeconds()).as("uptime after the clock went back").isEqualTo(20);
      clock.advance(Duration.ofSeconds(5));
      assertThat(monitor.snapshot().uptimeSeconds()).isEqualTo(25);
    }
  }
}
