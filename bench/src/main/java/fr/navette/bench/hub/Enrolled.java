package fr.navette.bench.hub;

import fr.navette.hub.Hub;
import fr.navette.identity.DeviceFiles;
import fr.navette.identity.EnrolmentClient;
import fr.navette.identity.EnrolmentString;
import fr.navette.identity.KeyAndCertificate;
import fr.navette.mqtt.TlsSettings;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Device identities made the real way, as a library's technician does it: the administrator adds the device on the
 * hub ({@code hub.identities().add}, the admin API's call), the device enrols over HTTPS with the one-time enrolment string (its EC key made on
 * the device, a CSR, the network CA signs), and its key and certificate go into one PKCS#12 store per device, which
 * its MQTT sessions present ({@link TlsSettings#withClientCertificate}). No certificate comes from anywhere else.
 *
 * <p>Enrolments run on a small pool: each is a key pair, two HTTPS connections (the CA, then the CSR) and a
 * signature on the hub, all on the same two cores.
 */
final class Enrolled {
  static final char[] PASSWORD = "bench-device".toCharArray();

  /** One device to enrol: its id, site and kind (wire name: gate, return-box…). */
  record Device(String id, String site, String kind) {}

  private final Map<String, TlsSettings> tls;
  private final Duration took;

  private Enrolled(Map<String, TlsSettings> tls, Duration took) {
    this.tls = tls;
    this.took = took;
  }

  /** Adds and enrols every device, {@code threads} at a time; their files go under {@code dir/<id>}. */
  static Enrolled enrol(Hub hub, List<Device> devices, Path dir, int threads) throws Exception {
    URI https = URI.create("https://127.0.0.1:" + hub.httpsPort());
    long start = System.nanoTime();
    // The administrator's adds one after the other, as an administrator makes them: concurrent adds on SQLite
    // failed with SQLITE_BUSY after the store's three attempts (a read-then-write transaction; see the README).
    Map<Device, String> strings = new java.util.LinkedHashMap<>();
    for (Device device : devices) {
      strings.put(device, hub.identities().add(device.id(), device.site(), device.kind(), "bench").enrolment());
    }
    System.out.printf("  %d devices added by the administrator in %.1f s; enrolling %d at a time%n", devices.size(),
        (System.nanoTime() - start) / 1e9, threads);
    return enrol(https, strings, dir, threads, start);
  }

  /**
   * Enrols devices whose enrolment strings an administrator already made (e.g. through the admin API of a hub in
   * another process), {@code threads} at a time.
   */
  static Enrolled enrol(URI https, Map<Device, String> strings, Path dir, int threads) throws Exception {
    return enrol(https, strings, dir, threads, System.nanoTime());
  }

  private static Enrolled enrol(URI https, Map<Device, String> strings, Path dir, int threads, long start)
      throws Exception {
    EnrolmentClient client = new EnrolmentClient(Duration.ofSeconds(60));
    Map<String, TlsSettings> tls = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    List<Device> devices = List.copyOf(strings.keySet());
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> all = new ArrayList<>();
      for (Device device : devices) {
        all.add(pool.submit(() -> {
          Path folder = dir.resolve(device.id());
          client.enrol(https, EnrolmentString.parse(strings.get(device)), folder);
          tls.put(device.id(), TlsSettings.trusting(folder.resolve(DeviceFiles.CA_FILE))
              .withClientCertificate(pkcs12(folder), PASSWORD));
          int n = done.incrementAndGet();
          if (n % 250 == 0) {
            System.out.printf("  enrolled %d of %d (%.1f s)%n", n, devices.size(), (System.nanoTime() - start) / 1e9);
          }
          return null;
        }));
      }
      for (Future<?> f : all) {
        f.get(); // the first failure, named, ends the run
      }
    }
    return new Enrolled(Map.copyOf(tls), Duration.ofNanos(System.nanoTime() - start));
  }

  /** The device's key and certificate (as enrolment wrote them) in a PKCS#12 store, as BrokerSecurityTest does. */
  private static Path pkcs12(Path folder) throws Exception {
    KeyAndCertificate identity = DeviceFiles.load(folder).keyAndCertificate();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("device", identity.key(), PASSWORD, new Certificate[] {identity.certificate()});
    Path file = folder.resolve("device.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD);
    }
    return file;
  }

  /** The TLS settings of an enrolled device; an id that was not enrolled is named. */
  TlsSettings tls(String deviceId) {
    TlsSettings settings = tls.get(deviceId);
    if (settings == null) {
      throw new IllegalArgumentException("device " + deviceId + " was not enrolled");
    }
    return settings;
  }

  int count() {
    return tls.size();
  }

  Duration took() {
    return took;
  }
}
