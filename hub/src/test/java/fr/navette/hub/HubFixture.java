package fr.navette.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.alerts.AlertChannels;
import fr.navette.hub.circulation.SigbGateway;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import fr.navette.mqtt.testkit.TestMqttClient;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.UuidV7;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A hub on a real embedded broker and SQLite file, talking SIP2 to a real simulator, plus what a test needs
 * to drive it like devices and staff do: publish returns over MQTT, call the HTTP API.
 */
public final class HubFixture implements AutoCloseable {
  public static final SigbSimulatorConfig.NetworkSize SMALL = new SigbSimulatorConfig.NetworkSize(5, 2_000, 200);
  private static final ObjectMapper JSON = new ObjectMapper();

  public final Hub hub;
  private final Clock clock;
  private final UuidV7 ids;
  private final AtomicLong sequence = new AtomicLong();
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestMqttClient device;
  /** The simulator {@link #onSmallSigb} started for this hub alone, stopped with it; null when the test owns one. */
  private final SigbSimulator ownSigb;

  public HubFixture(Path dir, int sigbPort, NetworkRules rules, Clock clock) throws Exception {
    this(dir, sigbPort, c -> c.withRules(rules), clock);
  }

  public HubFixture(Path dir, int sigbPort, UnaryOperator<HubConfig> configure, Clock clock) throws Exception {
    this(dir, sigbPort, configure, clock, null, UnaryOperator.identity(), true);
  }

  /** A hub whose SIP2 gateway is wrapped by {@code around}: a test that must see which SIGB calls were made. */
  public HubFixture(Path dir, int sigbPort, UnaryOperator<HubConfig> configure, Clock clock,
      UnaryOperator<SigbGateway> around) throws Exception {
    this(dir, sigbPort, configure, clock, null, around, true);
  }

  /**
   * @param insecure whether the broker also has its plain listener, where this fixture's devices' client publishes
   *     anything (most hub tests: they test other things than the broker's security); a secured hub has none, and
   *     its tests connect enrolled devices themselves
   */
  private HubFixture(Path dir, int sigbPort, UnaryOperator<HubConfig> configure, Clock clock, SigbSimulator ownSigb,
      UnaryOperator<SigbGateway> around, boolean insecure) throws Exception {
    this.ownSigb = ownSigb;
    this.clock = clock;
    this.ids = new UuidV7(clock);
    SigbSettings settings = SigbSettings.local(sigbPort, "navette", "navette");
    HubConfig config = HubConfig.local(dir.resolve("hub"), 0, 0, settings);
    hub = Hub.start(configure.apply(insecure ? config.withInsecureMqtt(0) : config),
        c -> around.apply(Sip2SigbGateway.connect(c.sigb())), clock);
    device = insecure ? TestMqttClient.connect(hub.mqttUri(), "test-devices") : null;
  }

  public static SigbSimulator smallSigb() {
    return SigbSimulator.start(SigbSimulatorConfig.builder().size(SMALL).build());
  }

  /** A hub on a {@link #smallSigb} of its own, which {@link #close()} stops after the hub. */
  public static HubFixture onSmallSigb(Path dir, UnaryOperator<HubConfig> configure, Clock clock) throws Exception {
    return onSmallSigb(dir, configure, clock, true);
  }

  /** As {@link #onSmallSigb}, the broker admitting enrolled identities only (no plain listener, no test client). */
  public static HubFixture securedOnSmallSigb(Path dir, UnaryOperator<HubConfig> configure, Clock clock)
      throws Exception {
    return onSmallSigb(dir, configure, clock, false);
  }

  private static HubFixture onSmallSigb(Path dir, UnaryOperator<HubConfig> configure, Clock clock, boolean insecure)
      throws Exception {
    SigbSimulator sigb = smallSigb();
    try {
      return new HubFixture(dir, sigb.port(), configure, clock, sigb, UnaryOperator.identity(), insecure);
    } catch (Exception | Error e) {
      sigb.close();
      throw e;
    }
  }

  /** Alerts sent to {@code channels}; a device is offline after 5 minutes; the watchdog's own round only hourly. */
  public static UnaryOperator<HubConfig> alertingTo(AlertChannels channels) {
    return c -> c.withMonitoring(new HubConfig.Monitoring(Duration.ofMinutes(5), Duration.ofHours(1), channels));
  }

  /** The simulator of a hub made by {@link #onSmallSigb}, for the tests that look into the SIGB's network. */
  public SigbSimulator sigb() {
    if (ownSigb == null) {
      throw new IllegalStateException("this hub's SIGB belongs to the test");
    }
    return ownSigb;
  }

  /** A return box at {@code branch} (device {@code box-<branch>-1}) returns {@code itemId}. */
  public void returned(String branch, String itemId) throws Exception {
    publish(branch, returnPayload("box-" + branch + "-1", itemId));
  }

  public byte[] returnPayload(String deviceId, String itemId) {
    return EventCodec.encode(new ReturnEvent(new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), deviceId,
        sequence.incrementAndGet(), clock.instant()), itemId, clock.instant(), false));
  }

  /** The header of the next event of {@code deviceId}, with this fixture's sequence counter. */
  public EventHeader header(String deviceId) {
    return header(deviceId, sequence.incrementAndGet());
  }

  public EventHeader header(String deviceId, long sequenceNumber) {
    return new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), deviceId, sequenceNumber, clock.instant());
  }

  /** Publishes on {@code navette/v1/<site>/<device>/<channel>}. */
  public PublishResult publishOn(String site, String deviceId, String channel, byte[] payload) {
    return device.publish(OutboundMessage.of("navette/v1/" + site + "/" + deviceId + "/" + channel, payload, 1));
  }

  /** The devices' MQTT client (the shared test kit's). */
  public TestMqttClient mqtt() {
    return device;
  }

  /** Publishes QoS 1 on the return box's {@code return} topic and waits for the PUBACK (whatever it says). */
  public PublishResult publish(String branch, byte[] payload) {
    return device.publish(OutboundMessage.of("navette/v1/" + branch + "/box-" + branch + "-1/return", payload, 1));
  }

  public JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).build(), 200);
  }

  public JsonNode post(String path, String json, int expectedStatus) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json").build(), expectedStatus);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
  }

  private JsonNode send(HttpRequest request, int expectedStatus) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }

  @Override
  public void close() throws Exception {
    if (device != null) {
      device.close();
    }
    hub.close();
    if (ownSigb != null) {
      ownSigb.close();
    }
  }
}
