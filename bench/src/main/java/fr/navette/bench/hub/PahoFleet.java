package fr.navette.bench.hub;

import fr.navette.mqtt.MqttSession;
import fr.navette.mqtt.MqttSettings;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.PublishResult;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.UuidV7;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * N gates, each its own MQTT 5 connection (its own client id, as on a real network), publishing people
 * counts at QoS 1 as fast as the broker acknowledges them, through the {@code mqtt} module's session (Paho
 * underneath) as the real agents do (the driver's {@code --client paho}; {@link LeanFleet} costs the shared CPU far
 * less). The sessions run Paho's loops on virtual threads ({@link MqttSettings#onVirtualThreads()}).
 *
 * <p>Each device keeps at most {@code window} publishes un-acknowledged: a permit is taken before a publish (on the
 * device's own virtual thread) and given back when its result comes. The session itself never exceeds the
 * broker's receive maximum (HiveMQ's default is 10; Paho would refuse the publish with 32202 otherwise).
 */
final class PahoFleet extends Fleet {
  private final List<Device> devices = new ArrayList<>();
  private final Clock clock = Clock.systemUTC();

  private final class Device extends SimulatedDevice {
    final String site;
    final String id;
    final MqttSession session;
    final UuidV7 ids = new UuidV7(clock);
    long sequence;

    Device(String site, String id, String brokerUri, Enrolled identities) {
      this.site = site;
      this.id = id;
      MqttSettings settings = MqttSettings.of(brokerUri, id).withKeepAlive(Duration.ofSeconds(60))
          .withConnectTimeout(Duration.ofSeconds(60)).onVirtualThreads();
      this.session = MqttSession.paho(identities == null ? settings : settings.withTls(brokerUri, identities.tls(id)));
    }

    @Override
    void publish(int events, long interval, long first) throws InterruptedException {
      long next = first;
      String topic = "navette/v1/" + site + "/" + id + "/count";
      for (int i = 0; i < events; i++) {
        next = pace(next, interval);
        inFlight.acquire();
        Instant now = clock.instant();
        byte[] payload = EventCodec.encode(new CountEvent(new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), id,
            ++sequence, now), now.minusSeconds(60), now, 3, 2, 1));
        session.publish(OutboundMessage.of(topic, payload, 1)).thenAccept(result -> {
          if (result instanceof PublishResult.Accepted) {
            acknowledged.incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
          inFlight.release();
        });
      }
    }
  }

  @Override
  int connect(String brokerUri, int count, int sites, int requestedWindow, Enrolled identities)
      throws InterruptedException {
    for (int i = 0; i < count; i++) {
      devices.add(new Device(site(i, sites), deviceId(i, sites), brokerUri, identities));
    }
    int chunk = 100; // a connect storm of 1,000 at once only makes the broker's connect queue the bottleneck
    for (int from = 0; from < devices.size(); from += chunk) {
      List<Device> some = devices.subList(from, Math.min(devices.size(), from + chunk));
      some.forEach(device -> device.session.start());
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      for (Device device : some) {
        while (device.session.inFlightWindow() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(10); // a driver's progress poll, not a test's synchronisation
        }
      }
    }
    // The session keeps one below the broker's receive maximum in flight (Paho frees a slot late).
    int serverReceiveMaximum = devices.stream().mapToInt(d -> d.session.inFlightWindow()).filter(w -> w > 0)
        .min().orElse(0) + 1;
    window = Math.max(1, Math.min(requestedWindow, serverReceiveMaximum - 1));
    for (Device device : devices) {
      device.inFlight = new Semaphore(window);
    }
    return serverReceiveMaximum;
  }

  @Override
  long connectedCount() {
    return devices.stream().filter(d -> d.session.isConnected()).count();
  }

  @Override
  protected List<? extends SimulatedDevice> devices() {
    return devices;
  }

  @Override
  public void close() {
    // At the end of a run nothing is in flight: all at once (one after the other, 1,000 devices took a quarter of
    // an hour to disconnect).
    List<Thread> closing = new ArrayList<>();
    for (Device device : devices) {
      closing.add(Thread.ofVirtual().start(device.session::close));
    }
    for (Thread thread : closing) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }
}
