package fr.navette.bench.hub;

import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.UuidV7;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * N gates, each its own MQTT 5 connection (its own client id, as on a real network), publishing people
 * counts at QoS 1 as fast as the broker acknowledges them.
 *
 * <p>Each device keeps at most {@code window} publishes un-acknowledged: a permit is taken before a publish
 * (on the device's own virtual thread) and given back by Paho's completion callback, which never blocks.
 * Without it Paho refuses the publish past the broker's receive maximum (HiveMQ's default is 10) with
 * "too many publishes in progress" (32202), which stalled a first draft of this driver.
 */
final class SimulatedFleet implements AutoCloseable {
  private final List<Device> devices = new ArrayList<>();
  private final VirtualThreadScheduler scheduler = new VirtualThreadScheduler();
  private final Clock clock = Clock.systemUTC();
  final AtomicLong acknowledged = new AtomicLong();
  final AtomicLong refusedByClient = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private volatile int window;

  private final class Device {
    final String site;
    final String id;
    final MqttAsyncClient client;
    final UuidV7 ids = new UuidV7(clock);
    Semaphore inFlight;
    long sequence;

    Device(String site, String id, String brokerUri) throws MqttException {
      this.site = site;
      this.id = id;
      this.client = new MqttAsyncClient(brokerUri, id, new MemoryPersistence(), null, scheduler);
    }

    void publish(int events) throws InterruptedException {
      String topic = "navette/v1/" + site + "/" + id + "/count";
      MqttActionListener release = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          acknowledged.incrementAndGet();
          inFlight.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
          failed.incrementAndGet();
          inFlight.release();
        }
      };
      for (int i = 0; i < events; i++) {
        inFlight.acquire();
        Instant now = clock.instant();
        byte[] payload = EventCodec.encode(new CountEvent(new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), id,
            ++sequence, now), now.minusSeconds(60), now, 3, 2, 1));
        MqttMessage message = new MqttMessage(payload, 1, false, null);
        while (true) {
          try {
            client.publish(topic, message, null, release);
            break;
          } catch (MqttException e) {
            // The window is below the broker's receive maximum, so this should not happen; count it and retry.
            refusedByClient.incrementAndGet();
            TimeUnit.MILLISECONDS.sleep(1);
          }
        }
      }
    }
  }

  /** Connects {@code count} devices spread over {@code sites} sites; returns the broker's receive maximum. */
  int connect(String brokerUri, int count, int sites, int requestedWindow) throws MqttException {
    int serverReceiveMaximum = 65_535;
    for (int i = 0; i < count; i++) {
      String site = String.format("BR%02d", 1 + i % sites);
      devices.add(new Device(site, String.format("gate-%s-%04d", site, i), brokerUri));
    }
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setKeepAliveInterval(60);
    options.setConnectionTimeout(60);
    options.setAutomaticReconnect(false);
    int chunk = 100; // a connect storm of 1,000 at once only makes the broker's connect queue the bottleneck
    for (int from = 0; from < devices.size(); from += chunk) {
      List<IMqttToken> tokens = new ArrayList<>();
      for (Device device : devices.subList(from, Math.min(devices.size(), from + chunk))) {
        tokens.add(device.client.connect(options));
      }
      for (IMqttToken token : tokens) {
        token.waitForCompletion(60_000);
        Integer max = token.getResponseProperties() == null ? null : token.getResponseProperties().getReceiveMaximum();
        if (max != null) {
          serverReceiveMaximum = Math.min(serverReceiveMaximum, max);
        }
      }
    }
    window = Math.max(1, Math.min(requestedWindow, serverReceiveMaximum));
    for (Device device : devices) {
      device.inFlight = new Semaphore(window);
    }
    return serverReceiveMaximum;
  }

  int window() {
    return window;
  }

  long connectedCount() {
    return devices.stream().filter(d -> d.client.isConnected()).count();
  }

  /** Every device publishes its share of {@code total} events, each on its own virtual thread; returns when all are sent and acknowledged or failed. */
  void publish(long total) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      Device device = devices.get(i);
      int share = (int) (total / devices.size() + (i < total % devices.size() ? 1 : 0));
      threads.add(Thread.ofVirtual().name("device-" + device.id).start(() -> {
        try {
          device.publish(share);
          device.inFlight.acquire(window); // all of this device's publishes acknowledged
          device.inFlight.release(window);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  @Override
  public void close() {
    for (Device device : devices) {
      try {
        if (device.client.isConnected()) {
          device.client.disconnect(1_000).waitForCompletion(5_000);
        }
        device.client.close(true);
      } catch (MqttException e) {
        // closing at the end of a run: nothing to keep
      }
    }
    scheduler.shutdownNow();
  }
}
