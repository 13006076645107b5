package fr.navette.agent;

import fr.navette.schema.Topic;
import java.time.Duration;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's MQTT 5 session (Eclipse Paho), behind our own small interface: connect once and keep
 * reconnecting, publish QoS 1 and wait for the PUBACK. Paho's in-flight state is kept in memory only: the
 * {@link Outbox} is what survives a restart, and it republishes whatever was not confirmed.
 */
public final class DeviceSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);
  private final MqttAsyncClient client;
  private final String site;
  private final String deviceId;

  public DeviceSession(String brokerUri, String site, String deviceId) {
    this.site = site;
    this.deviceId = deviceId;
    try {
      client = new MqttAsyncClient(brokerUri, deviceId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("bad broker URI or device id: " + brokerUri + ", " + deviceId, e);
    }
    client.setCallback(new LoggingCallback());
  }

  /** Starts connecting; returns at once. Paho reconnects by itself from then on (1 s doubling to 60 s). */
  public void connect() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(24 * 3600L);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 60);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(10);
    try {
      client.connect(options);
    } catch (MqttException e) {
      // The first attempt failed synchronously (e.g. refused at once); Paho only retries once connected once.
      LOG.warn("device {} cannot reach the broker yet: {}", deviceId, e.toString());
    }
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  /**
   * Publishes QoS 1 on this device's topic for {@code channel} and waits for the broker's PUBACK.
   *
   * @throws MqttException when not connected, refused, or no PUBACK arrived within {@code timeout}
   */
  public void publishAndConfirm(String channel, byte[] payload, Duration timeout) throws MqttException {
    if (!client.isConnected()) {
      reconnectIfIdle();
      throw new MqttException(org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED);
    }
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    IMqttToken token = client.publish(new Topic(site, deviceId, channel).toString(), message);
    token.waitForCompletion(timeout.toMillis());
    if (!token.isComplete()) {
      throw new MqttException(org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
    }
  }

  // Paho's automatic reconnect starts only after a first successful connection.
  private void reconnectIfIdle() {
    try {
      client.reconnect();
    } catch (MqttException e) {
      LOG.debug("device {} reconnect: {}", deviceId, e.toString());
    }
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("closing device session {}: {}", deviceId, e.toString());
    }
  }

  private final class LoggingCallback implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      LOG.warn("device {} disconnected from the broker: {}", deviceId, response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("device {} MQTT error: {}", deviceId, exception.toString());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      LOG.info("device {} {} to {}", deviceId, reconnect ? "reconnected" : "connected", serverURI);
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
