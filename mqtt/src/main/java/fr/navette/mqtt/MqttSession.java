package fr.navette.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One MQTT 5 client session, the only way Navette speaks MQTT (Eclipse Paho underneath, never seen by callers).
 *
 * <p><b>Life.</b> Configure ({@link #onMessage}, {@link #subscribe}, {@link #listen}, {@link #will}), then
 * {@link #start()}: it returns at once and the session connects, and reconnects after every failure or loss until
 * {@link #close()}, from the very first attempt (Paho's own reconnect starts only after a first success), waiting a
 * {@link Backoff jittered exponential backoff} between attempts. Each connection is a fresh Paho client: Paho 1.2.5
 * resends its in-flight publishes after a reconnect with a stale topic alias and the broker drops it forever; what
 * was in flight ends {@link PublishResult.NotSent} and is the caller's to send again.
 *
 * <p><b>Threads.</b> Nothing of the caller's runs on Paho's threads: messages and listener calls go, in order, to
 * one (virtual) thread of the session's; publish futures complete on threads of their own. A handler may block (it
 * holds back later messages only); it may publish and wait.
 *
 * <p><b>Publishing.</b> {@link #publish} never throws: its future always completes with a {@link PublishResult}
 * (QoS 1: once the PUBACK came, its reason code checked). It keeps the broker's receive maximum: when that many
 * QoS 1 publishes are in flight it waits for one to be settled (FOOTGUNS: Paho's 32202).
 */
public interface MqttSession extends AutoCloseable {
  /** A session through Eclipse Paho; nothing happens until {@link #start()}. */
  static MqttSession paho(MqttSettings settings) {
    return new PahoSession(settings);
  }

  /** Where every delivered message goes (one handler per session). Set before {@link #start()}. */
  void onMessage(Consumer<InboundMessage> handler);

  /**
   * Subscribes to {@code filter} (a {@code $share/<group>/} filter too) at QoS {@code qos}, on this connection and
   * every later one (the broker may have expired the session meanwhile). The future completes when the broker
   * first grants it, exceptionally when it refuses it (SUBACK reason code 0x80 and above).
   */
  CompletableFuture<Void> subscribe(String filter, int qos);

  void listen(SessionListener listener);

  /** The will, built afresh at each connect (its content may depend on the moment). Set before {@link #start()}. */
  void will(Supplier<OutboundMessage> will);

  /** Starts connecting and returns at once. */
  void start();

  boolean isConnected();

  /** The last connection error, or an empty string once connected again. */
  String lastError();

  /**
   * How many QoS 1 publishes this connection keeps in flight at most: one below the broker's receive maximum
   * (Paho frees a slot a moment after the PUBACK); 0 when not connected.
   */
  int inFlightWindow();

  /**
   * Publishes; never throws, never queues while disconnected (that is the {@link PublishResult.NotSent} result).
   * May wait while the broker's receive maximum is spent.
   */
  CompletableFuture<PublishResult> publish(OutboundMessage message);

  /** Publishes and waits at most {@code timeout} for the result ({@link PublishResult.NotSent} past it). */
  default PublishResult publishAndWait(OutboundMessage message, Duration timeout) {
    CompletableFuture<PublishResult> result = publish(message);
    try {
      return result.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return new PublishResult.NotSent("no PUBACK within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PublishResult.NotSent("interrupted while waiting for the PUBACK");
    } catch (java.util.concurrent.ExecutionException e) {
      return new PublishResult.NotSent(String.valueOf(e.getCause()));
    }
  }

  /**
   * Ends the current connection cleanly (a DISCONNECT: the broker publishes no will) and connects again at once,
   * building the TLS identity afresh from its files — e.g. after the client certificate was renewed. Listeners hear
   * {@code lost} then {@code connected}; what was in flight ends {@link PublishResult.NotSent}. Not connected: the
   * next attempt is made now rather than after the backoff.
   */
  void reconnect(String why);

  /**
   * Stops reconnecting, publishes {@code farewell} (e.g. a retained "offline" state) and waits up to
   * {@code timeout} for its PUBACK, then disconnects cleanly (the broker does not publish the will).
   */
  void closeAfter(OutboundMessage farewell, Duration timeout);

  /** Stops reconnecting and disconnects cleanly; waits at most a few seconds. */
  @Override
  void close();
}
