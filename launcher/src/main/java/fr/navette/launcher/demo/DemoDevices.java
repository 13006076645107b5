package fr.navette.launcher.demo;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.SessionSettings;
import fr.navette.identity.DeviceKind;
import java.nio.file.Path;

/** How a simulated device of the demo reaches the hub: its session's settings, its outbox under {@code dataDir}. */
@FunctionalInterface
public interface DemoDevices {
  DeviceRuntime.Settings settings(String site, String deviceId, DeviceKind kind, Path dataDir);

  /**
   * Plain MQTT with no identity: only towards a hub started with its insecure listener, asked for by name (tests of
   * the kiosk's pages, not of the network's security).
   */
  static DemoDevices insecure(String brokerUri) {
    return (site, deviceId, kind, dataDir) -> DeviceRuntime.Settings.of(SessionSettings.of(brokerUri, site, deviceId),
        dataDir);
  }
}
