package fr.navette.agent;

import fr.navette.identity.DeviceEnrolment;
import fr.navette.identity.DeviceFiles;
import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.DeviceKind;
import fr.navette.mqtt.TlsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A device run from its identity folder ({@code --identity DIR}, as {@code navette enrol} wrote it): who it is comes
 * from its certificate, where the broker and the hub are from {@code enrolment.json}; TLS presents
 * {@code device.key}/{@code device.crt} and trusts {@code ca.crt} alone.
 */
public record EnrolledDevice(Path dir, DeviceIdentity identity, URI hub, String brokerUri) {
  /** Reads and checks the folder (key matches certificate, certificate is the CA's); errors name the file. */
  public static EnrolledDevice load(Path dir) {
    DeviceIdentity identity = DeviceFiles.load(dir).identity();
    DeviceEnrolment enrolment = DeviceEnrolment.read(dir);
    if (!enrolment.identity().equals(identity)) {
      throw new IllegalArgumentException(dir.resolve(DeviceEnrolment.FILE) + " speaks for " + enrolment.identity()
          + " but the certificate for " + identity);
    }
    return new EnrolledDevice(dir, identity, enrolment.hub(), brokerUri(enrolment.broker().toString()));
  }

  /**
   * Paho's form of a TLS broker address: {@code mqtts://} and {@code ssl://} become {@code ssl://}. A plain address
   * is refused: a device with an identity presents it over TLS only.
   */
  public static String brokerUri(String broker) {
    String lower = broker.toLowerCase(Locale.ROOT);
    if (lower.startsWith("mqtts://")) {
      return "ssl://" + broker.substring("mqtts://".length());
    }
    if (lower.startsWith("ssl://")) {
      return broker;
    }
    throw new IllegalArgumentException("the broker " + broker + " is not a TLS address (mqtts:// or ssl://): an"
        + " enrolled device connects over TLS with its certificate only");
  }

  /** Refuses settings that contradict the certificate (a copied config file on the wrong device, say). */
  public void requireSame(String site, String deviceId, Set<DeviceKind> kinds) {
    if (site != null && !site.isEmpty() && !site.equals(identity.site())) {
      throw new IllegalArgumentException("site " + site + " contradicts the certificate in " + dir + " (site "
          + identity.site() + ")");
    }
    if (deviceId != null && !deviceId.isEmpty() && !deviceId.equals(identity.id())) {
      throw new IllegalArgumentException("device-id " + deviceId + " contradicts the certificate in " + dir
          + " (device " + identity.id() + ")");
    }
    if (!kinds.contains(identity.kind())) {
      throw new IllegalArgumentException("the certificate in " + dir + " is a " + identity.kind().wireName()
          + "'s, not a " + kinds.stream().map(DeviceKind::wireName).sorted().toList() + "'s");
    }
  }

  /** TLS as this device: its PEM key and certificate (read at each connection attempt), the network CA alone. */
  public TlsSettings tls() {
    return TlsSettings.trusting(dir.resolve(DeviceFiles.CA_FILE))
        .withClientPem(dir.resolve(DeviceFiles.KEY_FILE), dir.resolve(DeviceFiles.CERTIFICATE_FILE));
  }

  /** The session of this device: its id and site, its broker (or {@code broker} given instead), its TLS. */
  public SessionSettings session(Optional<String> broker) {
    String uri = brokerUri(broker.orElse(brokerUri));
    // of() makes plain settings (an ssl:// URI without TLS settings is refused there); withTls() sets both at once
    return SessionSettings.of("tcp://unused", identity.site(), identity.id()).withTls(uri, tls());
  }

  /** Renewal of this folder's certificate at the hub it enrolled with. */
  public DeviceRuntime.Renewal renewal() {
    return new DeviceRuntime.Renewal(hub, dir);
  }
}
