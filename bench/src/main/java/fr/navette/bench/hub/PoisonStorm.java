package fr.navette.bench.hub;

import fr.navette.mqtt.MqttSession;
import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A client that sends poison at a steady rate while the fleet's well-formed events are measured: {@code schema}
 * poison breaks the schema (the hub quarantines it at decode and refuses it, 0x99); {@code store} poison is a
 * well-formed event that the store itself refuses (a trigger on its device id), which makes the hub split the
 * batch it came in, down to the one message, and quarantine that — the expensive path.
 */
final class PoisonStorm implements AutoCloseable {
  static final String DEVICE = "poison-device";
  private final MqttSession client;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  private PoisonStorm(MqttSession client, String kind, int perSecond) {
    this.client = client;
    this.thread = Thread.ofPlatform().name("poison-storm").daemon(true).start(() -> storm(kind, perSecond));
  }

  /** Starts a storm of {@code perSecond} poison messages of {@code kind} (schema or store) at {@code uri}. */
  static PoisonStorm start(String uri, String kind, int perSecond, Connection store) throws SQLException {
    if (!kind.equals("schema") && !kind.equals("store")) {
      throw new IllegalArgumentException("--poison-kind is schema or store, got " + kind);
    }
    if (kind.equals("store")) {
      try (Statement st = store.createStatement()) {
        st.execute("CREATE TRIGGER IF NOT EXISTS poison BEFORE INSERT ON events WHEN NEW.device_id = '" + DEVICE
            + "' BEGIN SELECT RAISE(ABORT, 'poison for the bench'); END");
      }
    }
    MqttSession client = MqttSession.paho(MqttSettings.of(uri, "poison-" + UUID.randomUUID()));
    client.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (client.inFlightWindow() == 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // a driver's progress poll
    }
    return new PoisonStorm(client, kind, perSecond);
  }

  long sent() {
    return sent.get();
  }

  /** Poison answered with an error reason code, as it should be. */
  long refused() {
    return refused.get();
  }

  private void storm(String kind, int perSecond) {
    long every = 1_000_000_000L / perSecond;
    long next = System.nanoTime();
    Deque<CompletableFuture<PublishResult>> inFlight = new ArrayDeque<>();
    long sequence = 0;
    while (running.get()) {
      LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
      next += every;
      while (inFlight.size() >= 5) {
        settle(inFlight.removeFirst());
      }
      byte[] payload = kind.equals("store")
          ? EventCodec.encode(new CountEvent(new EventHeader(EventCodec.SCHEMA_VERSION, UUID.randomUUID(), DEVICE,
              ++sequence, Instant.now()), Instant.now().minusSeconds(60), Instant.now(), 1, 1, 1))
          : ("{\"schemaVersion\":\"1.2\",\"type\":\"count\",\"deviceId\":\"" + DEVICE + "\",\"sequence\":"
              + (++sequence) + ",\"deviceTime\":\"+300000000-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
      inFlight.add(client.publish(OutboundMessage.of("navette/v1/S00/" + DEVICE + "/count", payload, 1)));
      sent.incrementAndGet();
    }
    inFlight.forEach(this::settle);
  }

  private void settle(CompletableFuture<PublishResult> result) {
    PublishResult outcome = result.completeOnTimeout(new PublishResult.NotSent("no PUBACK within 30 s"), 30,
        TimeUnit.SECONDS).join();
    if (outcome instanceof PublishResult.Refused) {
      refused.incrementAndGet();
    }
  }

  @Override
  public void close() throws Exception {
    running.set(false);
    thread.join(60_000);
    client.close();
  }
}
