package fr.navette.launcher.demo;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.EnrolledDevice;
import fr.navette.hub.Hub;
import fr.navette.hub.identities.Identities;
import fr.navette.hub.identities.IdentityRegistry;
import fr.navette.identity.DeviceEnrolment;
import fr.navette.identity.DeviceFiles;
import fr.navette.identity.DeviceKind;
import fr.navette.identity.EnrolmentClient;
import fr.navette.identity.EnrolmentString;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's devices enrolled as the administrator and a technician would enrol real ones: the device is added to
 * the registry (its one-time enrolment string), then enrols over the hub's HTTPS with that string — CA checked by
 * its fingerprint, key made on the "device", CSR — and connects with its certificate over mutual TLS, renewing it
 * before its end. A demo started again on its folder reuses each identity that is still enrolled.
 */
public final class DemoIdentities implements DemoDevices, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoIdentities.class);
  private final Hub hub;
  private final Path folder;
  private final EnrolmentClient client = new EnrolmentClient(Duration.ofSeconds(10));

  /** @param folder where each device's identity folder goes ({@code <folder>/<device id>}, key 0600) */
  public DemoIdentities(Hub hub, Path folder) {
    this.hub = hub;
    this.folder = folder;
  }

  private URI hubAddress() {
    return URI.create("https://127.0.0.1:" + hub.httpsPort());
  }

  @Override
  public DeviceRuntime.Settings settings(String site, String deviceId, DeviceKind kind, Path dataDir) {
    EnrolledDevice device = EnrolledDevice.load(enrolled(site, deviceId, kind));
    return DeviceRuntime.Settings.of(device.session(Optional.empty()), dataDir).withRenewal(device.renewal());
  }

  /** Nothing to let go: a resource only so that the demo enrols its devices before it starts them (DemoCommand). */
  @Override
  public void close() {}

  /** A device to enrol. */
  public record Device(String site, String deviceId, DeviceKind kind) {}

  /**
   * Enrols {@code devices} a few at a time, before the agents start: each enrolment waits mostly on its TLS
   * handshakes and key (45 one after the other took 14 s of the seeds' network's start).
   */
  public void enrolAll(java.util.List<Device> devices) {
    try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      java.util.List<java.util.concurrent.Future<Path>> done = new java.util.ArrayList<>();
      for (Device d : devices) {
        done.add(pool.submit(() -> enrolled(d.site(), d.deviceId(), d.kind())));
      }
      for (java.util.concurrent.Future<Path> f : done) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while enrolling the demo's devices", e);
    }
  }

  /** The device's identity folder, enrolled now unless it already holds an identity the hub still knows. */
  public Path enrolled(String site, String deviceId, DeviceKind kind) {
    Path dir = folder.resolve(deviceId);
    Identities identities = hub.identities();
    Optional<IdentityRegistry.Identity> known = identities.list().stream()
        .filter(i -> i.deviceId().equals(deviceId)).findFirst();
    if (known.isPresent() && "enrolled".equals(known.get().state())
        && Files.exists(dir.resolve(DeviceFiles.CERTIFICATE_FILE)) && Files.exists(dir.resolve(DeviceEnrolment.FILE))) {
      // The same identity; the hub may listen on other ports this time (--mqtt-port 0): point the device at it, as
      // an administrator would re-point a device whose hub moved.
      DeviceEnrolment saved = DeviceEnrolment.read(dir);
      URI broker = URI.create(hub.mqttsUri());
      if (!saved.hub().equals(hubAddress()) || !saved.broker().equals(broker)) {
        new DeviceEnrolment(hubAddress(), broker, saved.deviceId(), saved.site(), saved.kind(), saved.configuration())
            .write(dir);
      }
      return dir;
    }
    Identities.Enrolment enrolment = known.isPresent() ? identities.renew(deviceId, "demo")
        : identities.add(deviceId, site, kind.wireName(), "demo");
    client.enrol(hubAddress(), EnrolmentString.parse(enrolment.enrolment()), dir);
    LOG.info("{} enrolled ({} at {}), identity in {}", deviceId, kind.wireName(), site, dir);
    return dir;
  }
}
