package fr.navette.bench.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Simulated devices publishing people counts at QoS 1, each on its own MQTT 5 connection. */
abstract class Fleet implements AutoCloseable {
  protected final AtomicLong acknowledged = new AtomicLong();
  protected final AtomicLong failed = new AtomicLong();
  protected final AtomicLong refusedByClient = new AtomicLong();
  protected volatile int window;

  /**
   * Connects {@code count} devices spread over {@code sites} sites ({@link #site}, {@link #deviceId}); returns the
   * broker's receive maximum. With {@code identities}, over TLS ({@code ssl://} URI) presenting each device's own
   * enrolled certificate; null: plain MQTT.
   */
  abstract int connect(String brokerUri, int count, int sites, int requestedWindow, Enrolled identities)
      throws Exception;

  /** The site of the {@code i}-th gate of a fleet spread over {@code sites} sites. */
  static String site(int i, int sites) {
    return String.format("BR%02d", 1 + i % sites);
  }

  /** The id (and MQTT client id) of the {@code i}-th gate. */
  static String deviceId(int i, int sites) {
    return String.format("gate-%s-%04d", site(i, sites), i);
  }

  /** The gates as the administrator adds them, for {@link Enrolled#enrol}. */
  static java.util.List<Enrolled.Device> gates(int count, int sites) {
    java.util.List<Enrolled.Device> gates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      gates.add(new Enrolled.Device(deviceId(i, sites), site(i, sites), "gate"));
    }
    return gates;
  }

  /** Publishes un-acknowledged at most, per device. */
  int window() {
    return window;
  }

  abstract long connectedCount();

  /** One simulated device: publishes its share, at most {@link Fleet#window} publishes un-acknowledged at a time. */
  protected abstract static class SimulatedDevice {
    /** {@link Fleet#window} permits, one taken by each un-acknowledged publish. */
    Semaphore inFlight;

    /** Publishes {@code events} events, paced by {@code interval} from {@code first}, without waiting for acks. */
    abstract void publish(int events, long interval, long first) throws Exception;
  }

  /** The devices {@link #connect} made. */
  protected abstract List<? extends SimulatedDevice> devices();

  /**
   * Every device publishes its share of {@code total} events; returns when all are sent and acknowledged or
   * failed. {@code perSecond} is the whole fleet's rate, spread evenly over the devices, or 0 for as fast as
   * the broker acknowledges.
   */
  void publish(long total, double perSecond) throws InterruptedException {
    List<? extends SimulatedDevice> devices = devices();
    publishShares(devices.size(), total, perSecond, (i, share, interval, first) -> {
      SimulatedDevice device = devices.get(i);
      device.publish(share, interval, first);
      device.inFlight.acquire(window); // all of this device's publishes acknowledged
      device.inFlight.release(window);
    });
  }

  /** One device's part of a run: publish {@code share} events, paced by {@code interval} from {@code first}. */
  protected interface DevicePart {
    void publish(int device, int share, long interval, long first) throws Exception;
  }

  /**
   * Runs every device's share of {@code total} events on a virtual thread of its own (the rate spread evenly, each
   * device starting at a random point of its interval) and returns when all have returned.
   */
  static void publishShares(int devices, long total, double perSecond, DevicePart part) throws InterruptedException {
    long interval = interval(devices, perSecond);
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < devices; i++) {
      int device = i;
      int share = (int) (total / devices + (i < total % devices ? 1 : 0));
      long first = start + (interval == 0 ? 0 : ThreadLocalRandom.current().nextLong(interval));
      threads.add(Thread.ofVirtual().name("device-" + i).start(() -> {
        try {
          part.publish(device, share, interval, first);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          System.out.println("device " + device + " failed: " + e);
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** Waits until {@code next} (System.nanoTime) when paced; returns the time the publish after it is due. */
  static long pace(long next, long intervalNanos) {
    if (intervalNanos == 0) {
      return 0;
    }
    long wait = next - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
    return next + intervalNanos;
  }

  /** Nanoseconds between two publishes of one device, or 0 when not paced. */
  static long interval(int devices, double perSecond) {
    return perSecond <= 0 ? 0 : (long) (1e9 * devices / perSecond);
  }

  long acknowledged() {
    return acknowledged.get();
  }

  long failed() {
    return failed.get();
  }

  /** Publishes the client library refused before sending them (Paho's 32202). */
  long refusedByClient() {
    return refusedByClient.get();
  }

  @Override
  public abstract void close();
}
