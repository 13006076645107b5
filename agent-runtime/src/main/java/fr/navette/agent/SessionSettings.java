package fr.navette.agent;

import fr.navette.mqtt.TlsSettings;
import fr.navette.schema.Topic;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A device's MQTT session, validated once: where the broker is, who the device is, how long the broker keeps
 * its session while it is away, keep-alive, the reconnect backoff, TLS.
 *
 * @param sessionExpiry how long the broker keeps the device's subscriptions and queued config/commands while
 *     it is offline (clean start is always false)
 * @param keepAlive the MQTT keep-alive: the broker publishes the will about 1.5 times this after silence
 */
public record SessionSettings(String brokerUri, String site, String deviceId, String softwareVersion,
                              Duration sessionExpiry, Duration keepAlive, Duration connectTimeout,
                              Duration reconnectMin, Duration reconnectMax, Optional<TlsSettings> tls) {
  public SessionSettings {
    Objects.requireNonNull(brokerUri, "brokerUri");
    new Topic(site, deviceId, "state"); // refuses ids that cannot be topic segments, naming which
    Objects.requireNonNull(softwareVersion, "softwareVersion");
    requirePositive("sessionExpiry", sessionExpiry);
    requirePositive("keepAlive", keepAlive);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("reconnectMin", reconnectMin);
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMax must be >= reconnectMin");
    }
    Objects.requireNonNull(tls, "tls");
    if (tls.isPresent() != brokerUri.startsWith("ssl://")) {
      throw new IllegalArgumentException("a TLS client certificate goes with an ssl:// broker URI and only with one: "
          + brokerUri);
    }
  }

  /** Defaults: session kept 7 days, keep-alive 30 s, reconnect 1 s doubling to 60 s, no TLS. */
  public static SessionSettings of(String brokerUri, String site, String deviceId) {
    return new SessionSettings(brokerUri, site, deviceId, "dev", Duration.ofDays(7), Duration.ofSeconds(30),
        // Reconnect 1 s doubling to 20 s, jittered: after a hub restart the last of 1,000 devices was back 59.6 s
        // after the hub with a 60 s ceiling, 19.7 s with 20 s (bench/README.md, ReconnectBench).
        Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(20), Optional.empty());
  }

  public SessionSettings withReconnect(Duration min, Duration max) {
    return new SessionSettings(brokerUri, site, deviceId, softwareVersion, sessionExpiry, keepAlive, connectTimeout,
        min, max, tls);
  }

  public SessionSettings withKeepAlive(Duration keepAlive) {
    return new SessionSettings(brokerUri, site, deviceId, softwareVersion, sessionExpiry, keepAlive, connectTimeout,
        reconnectMin, reconnectMax, tls);
  }

  public SessionSettings withTls(String sslBrokerUri, TlsSettings tls) {
    return new SessionSettings(sslBrokerUri, site, deviceId, softwareVersion, sessionExpiry, keepAlive,
        connectTimeout, reconnectMin, reconnectMax, Optional.of(tls));
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }
}
