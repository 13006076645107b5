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
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * N gates, each its own MQTT 5 connection (its own client id, as on a real network), publishing people
 * counts at QoS 1 as fast as the broker acknowledges them, through Paho as the real agents do (the driver's
 * {@code --client paho}; {@link LeanFleet} costs the shared CPU far less).
 *
 * <p>Each device keeps at most {@code window} publishes un-acknowledged: a permit is taken before a publish
 * (on the device's own virtual thread) and given back by Paho's completion callback, which never blocks.
 * Without it Paho refuses the publish past the broker's receive maximum (HiveMQ's default is 10) with
 * "too many publishes in progress" (32202), which stalled a first draft of this driver.
 */
final class PahoFleet extends Fleet {
  private final List<Device> devices = new ArrayList<>();
  private final VirtualThreadScheduler scheduler = new VirtualThreadScheduler();
  private final Clock clock = Clock.systemUTC();

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

    void publish(int events, long interval, long first) throws InterruptedException {
      long next = first;
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
        next = pace(next, interval);
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

  @Override
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

  @Override
  long connectedCount() {
    return devices.stream().filter(d -> d.client.isConnected()).count();
  }

  /** Each device on its own virtual thread. */
  @Override
  void publish(long total, double perSecond) throws InterruptedException {
    publishShares(devices.size(), total, perSecond, (i, share, interval, first) -> {
      Device device = devices.get(i);
      device.publish(share, interval, first);
      device.inFlight.acquire(window); // all of this device's publishes acknowledged
      device.inFlight.release(window);
    });
  }

  @Override
  public void close() {
    // At the end of a run nothing is in flight: no quiesce time, and all at once (a Paho disconnect waits up to
    // its timeout for the broker's side to close; one after the other, 1,000 devices took a quarter of an hour).
    List<Thread> closing = new ArrayList<>();
    for (Device device : devices) {
      closing.add(Thread.ofVirtual().start(() -> {
        try {
          if (device.client.isConnected()) {
            device.client.disconnectForcibly(0, 2_000, true);
          }
          device.client.close(true);
        } catch (MqttException e) {
          // closing at the end of a run: nothing to keep
        }
      }));
    }
    for (Thread thread : closing) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    scheduler.shutdownNow();
  }
}
