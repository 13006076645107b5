package fr.navette.mqtt;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One MQTT 5 session's settings, validated once.
 *
 * @param cleanStart false keeps the session (subscriptions, QoS 1 messages queued while away) on the broker for
 *     {@code sessionExpiry}
 * @param sessionExpiry how long the broker keeps a session that is not clean-started; zero with clean start
 * @param keepAlive the MQTT keep-alive: the broker publishes the will about 1.5 times this after silence
 * @param reconnectMin the first wait after a failed or lost connection, doubling up to {@code reconnectMax}
 *     ({@link Backoff}, jittered)
 * @param receiveMaximum how many unacknowledged QoS 1 messages the broker may send us at once; 0: the broker's
 *     default (Paho asks 65,535)
 * @param manualAcks deliveries are acknowledged by {@link InboundMessage#acknowledge()}, not on arrival
 * @param tls TLS settings, for an {@code ssl://} URI only; none there means {@link TlsSettings#jdkTrust()}
 * @param virtualThreads run Paho's own loops on virtual threads (one platform timer thread shared by every session
 *     that asks): for fleets of many sessions in one process — Paho otherwise starts four platform threads each
 */
public record MqttSettings(String brokerUri, String clientId, boolean cleanStart, Duration sessionExpiry,
                           Duration keepAlive, Duration connectTimeout, Duration reconnectMin, Duration reconnectMax,
                           int receiveMaximum, boolean manualAcks, Optional<TlsSettings> tls,
                           boolean virtualThreads) {
  public MqttSettings {
    Objects.requireNonNull(brokerUri, "brokerUri");
    if (!brokerUri.startsWith("tcp://") && !brokerUri.startsWith("ssl://")) {
      throw new IllegalArgumentException("a broker URI is tcp://host:port or ssl://host:port, got " + brokerUri);
    }
    if (clientId == null || clientId.isEmpty()) {
      throw new IllegalArgumentException("a session needs a client id");
    }
    Objects.requireNonNull(sessionExpiry, "sessionExpiry");
    if (sessionExpiry.isNegative()) {
      throw new IllegalArgumentException("sessionExpiry must be >= 0, got " + sessionExpiry);
    }
    requirePositive("keepAlive", keepAlive);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("reconnectMin", reconnectMin);
    if (reconnectMax == null || reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMax must be >= reconnectMin, got " + reconnectMax);
    }
    if (receiveMaximum < 0 || receiveMaximum > 65_535) {
      throw new IllegalArgumentException("receiveMaximum is 0 (broker's default) to 65535, got " + receiveMaximum);
    }
    Objects.requireNonNull(tls, "tls");
    if (tls.isPresent() && !brokerUri.startsWith("ssl://")) {
      throw new IllegalArgumentException("TLS settings go with an ssl:// broker URI only: " + brokerUri);
    }
  }

  /**
   * Defaults: clean start, keep-alive 30 s, connect timeout 10 s, reconnect 1 s doubling to 60 s, the broker's
   * receive maximum, acknowledgement on arrival, no TLS, Paho's own threads.
   */
  public static MqttSettings of(String brokerUri, String clientId) {
    return new MqttSettings(brokerUri, clientId, true, Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(10),
        Duration.ofSeconds(1), Duration.ofSeconds(60), 0, false, Optional.empty(), false);
  }

  /** Clean start false: the broker keeps the session this long while the client is away. */
  public MqttSettings persistentSession(Duration expiry) {
    requirePositive("sessionExpiry", expiry);
    return new MqttSettings(brokerUri, clientId, false, expiry, keepAlive, connectTimeout, reconnectMin, reconnectMax,
        receiveMaximum, manualAcks, tls, virtualThreads);
  }

  public MqttSettings withKeepAlive(Duration keepAlive) {
    return new MqttSettings(brokerUri, clientId, cleanStart, sessionExpiry, keepAlive, connectTimeout, reconnectMin,
        reconnectMax, receiveMaximum, manualAcks, tls, virtualThreads);
  }

  public MqttSettings withConnectTimeout(Duration connectTimeout) {
    return new MqttSettings(brokerUri, clientId, cleanStart, sessionExpiry, keepAlive, connectTimeout, reconnectMin,
        reconnectMax, receiveMaximum, manualAcks, tls, virtualThreads);
  }

  public MqttSettings withReconnect(Duration min, Duration max) {
    return new MqttSettings(brokerUri, clientId, cleanStart, sessionExpiry, keepAlive, connectTimeout, min, max,
        receiveMaximum, manualAcks, tls, virtualThreads);
  }

  public MqttSettings withReceiveMaximum(int receiveMaximum) {
    return new MqttSettings(brokerUri, clientId, cleanStart, sessionExpiry, keepAlive, connectTimeout, reconnectMin,
        reconnectMax, receiveMaximum, manualAcks, tls, virtualThreads);
  }

  public MqttSettings withManualAcks() {
    return new MqttSettings(brokerUri, clientId, cleanStart, sessionExpiry, keepAlive, connectTimeout, reconnectMin,
        reconnectMax, receiveMaximum, true, tls, virtualThreads);
  }

  /** TLS towards an {@code ssl://} broker. */
  public MqttSettings withTls(String sslBrokerUri, TlsSettings tls) {
    return new MqttSettings(sslBrokerUri, clientId, cleanStart, sessionExpiry, keepAlive, connectTimeout,
        reconnectMin, reconnectMax, receiveMaximum, manualAcks, Optional.of(tls), virtualThreads);
  }

  public MqttSettings onVirtualThreads() {
    return new MqttSettings(brokerUri, clientId, cleanStart, sessionExpiry, keepAlive, connectTimeout, reconnectMin,
        reconnectMax, receiveMaximum, manualAcks, tls, true);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }
}
