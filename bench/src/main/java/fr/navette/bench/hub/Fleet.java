package fr.navette.bench.hub;

/** Simulated devices publishing people counts at QoS 1, each on its own MQTT 5 connection. */
interface Fleet extends AutoCloseable {
  /** Connects {@code count} devices spread over {@code sites} sites; returns the broker's receive maximum. */
  int connect(String brokerUri, int count, int sites, int requestedWindow) throws Exception;

  /** Publishes un-acknowledged at most, per device. */
  int window();

  long connectedCount();

  /**
   * Every device publishes its share of {@code total} events; returns when all are sent and acknowledged or
   * failed. {@code perSecond} is the whole fleet's rate, spread evenly over the devices, or 0 for as fast as
   * the broker acknowledges.
   */
  void publish(long total, double perSecond) throws InterruptedException;

  /** Waits until {@code next} (System.nanoTime) when paced; returns the time the publish after it is due. */
  static long pace(long next, long intervalNanos) {
    if (intervalNanos == 0) {
      return 0;
    }
    long wait = next - System.nanoTime();
    if (wait > 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(wait);
    }
    return next + intervalNanos;
  }

  /** Nanoseconds between two publishes of one device, or 0 when not paced. */
  static long interval(int devices, double perSecond) {
    return perSecond <= 0 ? 0 : (long) (1e9 * devices / perSecond);
  }

  long acknowledged();

  long failed();

  /** Publishes the client library refused before sending them (Paho's 32202). */
  long refusedByClient();

  @Override
  void close();
}
