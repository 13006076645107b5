package fr.navette.gate;

import fr.navette.mqtt.InboundMessage;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.mqtt.testkit.TestMqttClient;
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

/**
 * What the hub would see of one gate over a real broker: its alarms, counts and command acks. Built on the shared
 * {@link TestMqttClient}; what it adds is decoding the gate's channels.
 */
final class HubSide implements AutoCloseable {
  final List<AlarmEvent> alarms = new CopyOnWriteArrayList<>();
  final List<CountEvent> counts = new CopyOnWriteArrayList<>();
  final List<CommandAck> acks = new CopyOnWriteArrayList<>();
  final List<ConfigAck> configAcks = new CopyOnWriteArrayList<>();
  private final TestMqttClient client;
  private final String site;
  private final String device;

  HubSide(String brokerUri, String site, String device) {
    this.site = site;
    this.device = device;
    client = TestMqttClient.connect(brokerUri, "hub-side-" + device);
    client.onMessage(this::arrived);
    client.subscribe(Topic.ROOT + "/" + site + "/" + device + "/#");
  }

  private void arrived(InboundMessage message) {
    Channel channel = Channel.fromWire(Topic.parse(message.topic()).channel()).orElseThrow();
    switch (channel) {
      case ALARM -> alarms.add(EventCodec.decode(channel, message.payload(), AlarmEvent.class));
      case COUNT -> counts.add(EventCodec.decode(channel, message.payload(), CountEvent.class));
      case COMMAND_ACK -> acks.add(MessageCodec.decodeCommandAck(message.payload()));
      case CONFIG_ACK -> configAcks.add(MessageCodec.decodeConfigAck(message.payload()));
      default -> { }
    }
  }

  void command(String name, Map<String, String> args) {
    client.publishAccepted(OutboundMessage.of(topic(Channel.COMMAND), MessageCodec.encode(new Command("1.1",
        UUID.randomUUID(), device, name, args, Instant.now(), Optional.empty())), 1));
  }

  /** Publishes the gate's retained config, as the hub does. */
  void config(long version, Map<String, String> settings) {
    client.publishAccepted(OutboundMessage.retained(topic(Channel.CONFIG), MessageCodec.encode(new DeviceConfig("1.1",
        device, version, Instant.now(), settings))));
  }

  /** Clears the retained config this test left on the broker. */
  void clearConfig() {
    client.clearRetained(topic(Channel.CONFIG));
  }

  private String topic(Channel channel) {
    return Topic.of(site, device, channel).toString();
  }

  @Override
  public void close() {
    client.close();
  }
}
