package fr.navette.gate;

import fr.navette.schema.AlarmEvent;
import fr.navette.schema.Channel;
import fr.navette.schema.Command;
import fr.navette.schema.CommandAck;
import fr.navette.schema.ConfigAck;
import fr.navette.schema.CountEvent;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.EventCodec;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** What the hub would see of one gate over a real broker: its alarms, counts and command acks. */
final class HubSide implements AutoCloseable {
  final List<AlarmEvent> alarms = new CopyOnWriteArrayList<>();
  final List<CountEvent> counts = new CopyOnWriteArrayList<>();
  final List<CommandAck> acks = new CopyOnWriteArrayList<>();
  final List<ConfigAck> configAcks = new CopyOnWriteArrayList<>();
  private final MqttAsyncClient client;
  private final String site;
  private final String device;

  HubSide(String brokerUri, String site, String device) throws MqttException {
    this.site = site;
    this.device = device;
    client = new MqttAsyncClient(brokerUri, "hub-side-" + device, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        Channel channel = Channel.fromWire(Topic.parse(topic).channel()).orElseThrow();
        switch (channel) {
          case ALARM -> alarms.add(EventCodec.decode(channel, message.getPayload(), AlarmEvent.class));
          case COUNT -> counts.add(EventCodec.decode(channel, message.getPayload(), CountEvent.class));
          case COMMAND_ACK -> acks.add(MessageCodec.decodeCommandAck(message.getPayload()));
          case CONFIG_ACK -> configAcks.add(MessageCodec.decodeConfigAck(message.getPayload()));
          default -> { }
        }
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverURI) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options).waitForCompletion(10_000);
    client.subscribe(new MqttSubscription(Topic.ROOT + "/" + site + "/" + device + "/#", 1)).waitForCompletion(10_000);
  }

  void command(String name, Map<String, String> args) throws MqttException {
    MqttMessage message = new MqttMessage(MessageCodec.encode(new Command("1.1", UUID.randomUUID(), device, name,
        args, Instant.now(), Optional.empty())));
    message.setQos(1);
    client.publish(Topic.of(site, device, Channel.COMMAND).toString(), message).waitForCompletion(10_000);
  }

  /** Publishes the gate's retained config, as the hub does. */
  void config(long version, Map<String, String> settings) throws MqttException {
    MqttMessage message = new MqttMessage(MessageCodec.encode(new DeviceConfig("1.1", device, version, Instant.now(),
        settings)));
    message.setQos(1);
    message.setRetained(true);
    client.publish(Topic.of(site, device, Channel.CONFIG).toString(), message).waitForCompletion(10_000);
  }

  /** Clears the retained config this test left on the broker. */
  void clearConfig() throws MqttException {
    MqttMessage message = new MqttMessage(new byte[0]);
    message.setQos(1);
    message.setRetained(true);
    client.publish(Topic.of(site, device, Channel.CONFIG).toString(), message).waitForCompletion(10_000);
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(5_000);
    }
    client.close(true);
  }
}
