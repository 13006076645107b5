package fr.navette.gate;

import fr.navette.sim.devices.ObservedReader;
import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.DrainRate;
import fr.navette.agent.OutboxPolicy;
import fr.navette.agent.SessionSettings;
import fr.navette.gpio.MockGpio;
import fr.navette.reader.RfidReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One gate on Pi4J's mock platform, with a reader of the test's choosing, its runtime on a real broker, and a
 * logic analyser on its light and buzzer.
 */
final class GateRig implements AutoCloseable {
  record Edge(String pin, boolean active, long nanoTime) {}

  final String site = "BR01";
  final String device = "gate-" + UUID.randomUUID().toString().substring(0, 8);
  final MockGpio gpio = MockGpio.create();
  final List<Edge> edges = new CopyOnWriteArrayList<>();
  final ObservedReader reader;
  private final java.util.concurrent.atomic.AtomicLong inventories = new java.util.concurrent.atomic.AtomicLong();
  final GateAgent gate;
  final HubSide hub;

  GateRig(String brokerUri, Path dataDir, RfidReader reader, Map<String, String> settings) throws Exception {
    Map<String, String> s = new HashMap<>(Map.of("site", site, "device-id", device, "gpio.provider", "mock",
        "reader.pause-ms", "2", "count.interval-s", "3600"));
    s.putAll(settings);
    this.hub = new HubSide(brokerUri, site, device);
    this.reader = new ObservedReader(reader, inventories::incrementAndGet);
    DeviceRuntime.Settings runtime = new DeviceRuntime.Settings(SessionSettings.of(brokerUri, site, device),
        dataDir.resolve(device), OutboxPolicy.DEFAULT, DrainRate.unlimited(), Duration.ofSeconds(1),
        Optional.empty(), Duration.ofSeconds(60));
    this.gate = GateAgent.start(() -> s, this.reader, gpio, runtime, Clock.systemUTC());
    for (String pin : List.of("light", "buzzer")) {
      gpio.watchOutput(pin, (spec, high, active, nanos) -> edges.add(new Edge(spec.name(), active, nanos)));
    }
  }

  List<Edge> edges(String pin) {
    return edges.stream().filter(e -> e.pin().equals(pin)).toList();
  }

  long onEdges(String pin) {
    return edges(pin).stream().filter(Edge::active).count();
  }

  /** Someone crosses the beams: {@code first} broken first. */
  void walk(String first, String second) {
    gpio.setActive(first, true);
    gpio.setActive(second, true);
    gpio.setActive(first, false);
    gpio.setActive(second, false);
  }

  @Override
  public void close() throws Exception {
    gate.close();
    hub.close();
    gpio.close();
  }

  /** How many inventories the gate has made so far. */
  long inventories() {
    return inventories.get();
  }
}
