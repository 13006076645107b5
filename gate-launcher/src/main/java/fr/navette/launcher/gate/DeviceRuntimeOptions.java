package fr.navette.launcher.gate;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.EnrolledDevice;
import fr.navette.agent.SessionSettings;
import fr.navette.identity.DeviceKind;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options every device command shares (the gate here, the kiosk in the launcher, which depends on this module
 * already): the hub's broker, the device's identity folder and the health endpoint, and the runtime settings made
 * of them. {@code --data} stays with each command: its default names the device.
 */
public final class DeviceRuntimeOptions {
  static final String DEFAULT_BROKER = "tcp://127.0.0.1:1884";

  @Option(names = "--broker",
      description = "The hub's MQTT broker (default: the one in --identity's enrolment.json, else "
          + DEFAULT_BROKER + ").")
  String broker;

  @Option(names = "--identity", paramLabel = "DIR",
      description = "Run as the device enrolled in DIR (navette enrol): id, site and broker from there, TLS with its"
          + " certificate, renewed before it ends.")
  Path identity;

  @Option(names = "--health-port", description = "Serve GET /health on 127.0.0.1 at this port.")
  Integer healthPort;

  private EnrolledDevice enrolled;

  public String broker() {
    if (broker != null) {
      return broker;
    }
    return enrolled().map(EnrolledDevice::brokerUri).orElse(DEFAULT_BROKER);
  }

  /** The enrolled device of {@code --identity}, read once; empty without it. */
  public Optional<EnrolledDevice> enrolled() {
    if (identity != null && enrolled == null) {
      enrolled = EnrolledDevice.load(identity);
    }
    return Optional.ofNullable(enrolled);
  }

  /**
   * With {@code --identity}: the settings' site and device id from the certificate where they are not given, and
   * refused where they contradict it (so is a certificate of another kind than {@code kinds}).
   */
  public void fillFromIdentity(Map<String, String> settings, Set<DeviceKind> kinds) {
    enrolled().ifPresent(device -> {
      device.requireSame(settings.get("site"), settings.get("device-id"), kinds);
      settings.put("site", device.identity().site());
      settings.put("device-id", device.identity().id());
    });
  }

  public DeviceRuntime.Settings settings(String site, String deviceId, Path data) {
    Optional<EnrolledDevice> device = enrolled();
    DeviceRuntime.Settings settings;
    if (device.isPresent()) {
      device.get().requireSame(site, deviceId, Set.of(DeviceKind.values()));
      settings = DeviceRuntime.Settings.of(device.get().session(Optional.ofNullable(broker)), data)
          .withRenewal(device.get().renewal());
    } else {
      settings = DeviceRuntime.Settings.of(SessionSettings.of(broker(), site, deviceId), data);
    }
    return healthPort == null ? settings
        : settings.withHealthEndpoint(new InetSocketAddress("127.0.0.1", healthPort));
  }
}
