package fr.navette.bench.hub;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A client that sends poison at a steady rate while the fleet's well-formed events are measured: {@code schema}
 * poison breaks the schema (the hub quarantines it at decode and refuses it, 0x99); {@code store} poison is a
 * well-formed event that the store itself refuses (a trigger on its device id), which makes the hub split the
 * batch it came in, down to the one message, and quarantine that — the expensive path.
 */
final class PoisonStorm implements AutoCloseable {
  static final String DEVICE = "poison-device";
  private final MqttAsyncClient client;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  private PoisonStorm(MqttAsyncClient client, String kind, int perSecond) {
    this.client = client;
    this.thread = Thread.ofPlatform().name("poison-storm").daemon(true).start(() -> storm(kind, perSecond));
  }

  /** Starts a storm of {@code perSecond} poison messages of {@code kind} (schema or store) at {@code uri}. */
  static PoisonStorm start(String uri, String kind, int perSecond, Connection store) throws MqttException, SQLException {
    if (!kind.equals("schema") && !kind.equals("store")) {
      throw new IllegalArgumentException("--poison-kind is schema or store, got " + kind);
    }
    if (kind.equals("store")) {
      try (Statement st = store.createStatement()) {
        st.execute("CREATE TRIGGER IF NOT EXISTS poison BEFORE INSERT ON events WHEN NEW.device_id = '" + DEVICE
            + "' BEGIN SELECT RAISE(ABORT, 'poison for the bench'); END");
      }
    }
    MqttAsyncClient client = new MqttAsyncClient(uri, "poison-" + UUID.randomUUID(), new MemoryPersistence());
    client.connect().waitForCompletion(10_000);
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
    Deque<IMqttToken> inFlight = new ArrayDeque<>();
    long sequence = 0;
    while (running.get()) {
      LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
      next += every;
      try {
        while (inFlight.size() >= 5) {
          settle(inFlight.removeFirst());
        }
        byte[] payload = kind.equals("store")
            ? EventCodec.encode(new CountEvent(new EventHeader(EventCodec.SCHEMA_VERSION, UUID.randomUUID(), DEVICE,
                ++sequence, Instant.now()), Instant.now().minusSeconds(60), Instant.now(), 1, 1, 1))
            : ("{\"schemaVersion\":\"1.2\",\"type\":\"count\",\"deviceId\":\"" + DEVICE + "\",\"sequence\":"
                + (++sequence) + ",\"deviceTime\":\"+300000000-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
        inFlight.add(client.publish("navette/v1/S00/" + DEVICE + "/count", payload, 1, false));
        sent.incrementAndGet();
      } catch (MqttException e) {
        // too many in flight or a passing disconnect: the next tick tries again
      }
    }
    inFlight.forEach(this::settle);
  }

  private void settle(IMqttToken token) {
    try {
      token.waitForCompletion(30_000);
    } catch (MqttException e) {
      // a refusing PUBACK may come as an exception as well as a reason code
    }
    int[] codes = token.getReasonCodes();
    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
      refused.incrementAndGet();
    }
  }

  @Override
  public void close() throws Exception {
    running.set(false);
    thread.join(60_000);
    client.disconnect().waitForCompletion(5_000);
    client.close();
  }
}
