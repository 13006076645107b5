package fr.navette.launcher.gate;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.SessionSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every device command shares (the gate here, the kiosk in the launcher, which depends on this module
 * already): the hub's broker and the health endpoint, and the runtime settings made of them. {@code --data} stays
 * with each command: its default names the device.
 */
public final class DeviceRuntimeOptions {
  @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1884",
      description = "The hub's MQTT broker (default: ${DEFAULT-VALUE}).")
  String broker;

  @Option(names = "--health-port", description = "Serve GET /health on 127.0.0.1 at this port.")
  Integer healthPort;

  public String broker() {
    return broker;
  }

  public DeviceRuntime.Settings settings(String site, String deviceId, Path data) {
    DeviceRuntime.Settings settings = DeviceRuntime.Settings.of(SessionSettings.of(broker, site, deviceId), data);
    return healthPort == null ? settings
        : settings.withHealthEndpoint(new InetSocketAddress("127.0.0.1", healthPort));
  }
}
