package fr.navette.identity.mosquitto;

import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.DeviceKind;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Mosquitto 2.0 as the network's broker (the scale-out path): the text of its configuration and of its ACL file,
 * from the identities allowed now. Pure: it returns text, {@link MosquittoFiles} writes it.
 *
 * <p>Who is who: the listener requires a certificate of the network CA and takes its CN as the user name
 * ({@code use_identity_as_username}): the device id for a device, {@value #HUB_USER} for the hub. The ACL file then
 * gives each user exactly the embedded broker's permissions: a device publishes its own device-to-hub channels and
 * subscribes to its own {@code config}, {@code command}, {@code response}; a monitor subscribes to every device's
 * events, {@code state} and {@code health} and publishes nothing; the hub does anything under {@code navette/#}.
 * A user the file does not name may connect (its certificate is valid) but may do nothing. Mosquitto 2.0 checks
 * the ACL file at each publish and each delivery, not at SUBSCRIBE: a SUBACK grants any filter, and what the
 * client may not read never reaches it.
 *
 * <p>Revocation: the revoked device is left out of the ACL and its serial is in the CRL; a reload (SIGHUP,
 * {@code systemctl reload mosquitto}) reads both again. Measured on Mosquitto 2.0.11 (identity/README.md
 * "Mosquitto"): its open connection stays up but may neither publish nor receive from the reload on, and it cannot
 * connect again. Why not the dynamic-security plugin: with certificate identities it does not stop a disabled
 * client (eclipse-mosquitto/mosquitto#2999), and its JSON is the plugin's own state, not something to generate.
 */
public final class MosquittoConfig {
  /** The hub certificate's CN, hence its Mosquitto user name; no device may be called so. */
  public static final String HUB_USER = "hub";
  /** The topic tree's root. */
  public static final String ROOT = "navette/v1";

  private MosquittoConfig() {}

  /** Where Mosquitto listens for devices and the hub (MQTT over TLS). */
  public record Listener(String bindAddress, int port) {
    public Listener {
      Objects.requireNonNull(bindAddress, "bindAddress");
      if (bindAddress.isBlank() || bindAddress.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("listener address must be one word, got '" + bindAddress + "'");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("listener port must be 1..65535, got " + port);
      }
    }

    /** MQTT over TLS on every interface, port 8883 (IANA's secure MQTT). */
    public static Listener standard() {
      return new Listener("0.0.0.0", 8883);
    }
  }

  /**
   * The files the configuration names, as Mosquitto will read them (absolute paths: Mosquitto resolves relative
   * ones against its working directory, not the configuration's folder).
   */
  public record Files(Path caFile, Path certFile, Path keyFile, Path crlFile, Path aclFile) {
    public Files {
      for (Path path : new Path[] {caFile, certFile, keyFile, crlFile, aclFile}) {
        Objects.requireNonNull(path, "a file path is missing");
        if (!path.isAbsolute()) {
          throw new IllegalArgumentException("Mosquitto needs absolute paths, got " + path);
        }
        if (path.toString().chars().anyMatch(Character::isWhitespace)) {
          throw new IllegalArgumentException("Mosquitto's configuration cannot name a path with a space: " + path);
        }
      }
    }

    /** The usual names in one folder: ca.crt, hub.crt, hub.key, navette.crl, navette.acl. */
    public static Files in(Path dir) {
      Path abs = dir.toAbsolutePath().normalize();
      return new Files(abs.resolve("ca.crt"), abs.resolve("hub.crt"), abs.resolve("hub.key"),
          abs.resolve("navette.crl"), abs.resolve("navette.acl"));
    }
  }

  /**
   * The configuration: global security settings, then the TLS listener. Meant to be included (Debian:
   * {@code /etc/mosquitto/conf.d/navette.conf}); it says nothing about persistence, logging or the user to run as.
   */
  public static String conf(Listener listener, Files files) {
    return String.join("\n",
        "# Navette's broker settings, generated (fr.navette.identity.mosquitto.MosquittoConfig): do not edit, generate",
        "# again. A reload (SIGHUP, systemctl reload mosquitto) reads the ACL file and the CRL again.",
        "per_listener_settings false",
        "# Nobody without a certificate of the network CA; the certificate's CN is the user name the ACL names.",
        "allow_anonymous false",
        "acl_file " + files.aclFile(),
        "",
        "listener " + listener.port() + " " + listener.bindAddress(),
        "cafile " + files.caFile(),
        "certfile " + files.certFile(),
        "keyfile " + files.keyFile(),
        "# Refused at the TLS handshake: revoked serials. An expired CRL refuses EVERY client: generate it again",
        "# (and reload) before its next update.",
        "crlfile " + files.crlFile(),
        "require_certificate true",
        "use_identity_as_username true",
        "");
  }

  /**
   * The ACL file for these identities (the enrolled, not revoked ones: a revoked device is simply left out). The
   * hub first, then the devices by site and id, so that the same registry gives the same file.
   *
   * @throws IllegalArgumentException when a device is called {@value #HUB_USER} (it would get the hub's rights) or
   *     two identities share an id (Mosquitto's user name is the id alone)
   */
  public static String acl(Collection<DeviceIdentity> allowed) {
    Set<String> ids = new HashSet<>();
    for (DeviceIdentity identity : allowed) {
      if (identity.id().equals(HUB_USER)) {
        throw new IllegalArgumentException("a device may not be called '" + HUB_USER + "': its certificate's CN "
            + "would be the hub's user name in Mosquitto, with the hub's rights (" + identity.uri() + ")");
      }
      if (!ids.add(identity.id())) {
        throw new IllegalArgumentException("two identities share the device id '" + identity.id()
            + "': Mosquitto knows a client by its CN alone, so each could use the other's topics");
      }
    }
    StringBuilder text = new StringBuilder();
    text.append("# Navette's topic permissions, generated (fr.navette.identity.mosquitto.MosquittoConfig): ")
        .append("do not edit.\n");
    text.append("# A user not named here may connect with a valid certificate but may do nothing.\n\n");
    text.append("user ").append(HUB_USER).append('\n');
    text.append("topic readwrite navette/#\n");
    List<DeviceIdentity> sorted = allowed.stream()
        .sorted(Comparator.comparing(DeviceIdentity::site).thenComparing(DeviceIdentity::id)).toList();
    for (DeviceIdentity identity : sorted) {
      text.append('\n').append("# ").append(identity.uri()).append('\n');
      text.append("user ").append(identity.id()).append('\n');
      for (String line : permissions(identity)) {
        text.append(line).append('\n');
      }
    }
    return text.toString();
  }

  /** One identity's {@code topic} lines. */
  static List<String> permissions(DeviceIdentity identity) {
    if (identity.kind() == DeviceKind.MONITOR) {
      // Events, state and health of every device; never requests or responses (patrons' questions and answers).
      return watchedChannels().stream().map(c -> "topic read " + ROOT + "/+/+/" + c.wireName()).toList();
    }
    String own = ROOT + "/" + identity.site() + "/" + identity.id() + "/";
    return Arrays.stream(Channel.values())
        .map(c -> (c.direction() == Channel.Direction.DEVICE_TO_HUB ? "topic write " : "topic read ")
            + own + c.wireName())
        .toList();
  }

  /** What a monitor may watch: the channels that carry events, state and health. */
  public static List<Channel> watchedChannels() {
    // The schema's own list, so that a new event channel is watched without touching this class.
    return Arrays.stream(Channel.values()).filter(EventCodec::isEventChannel).toList();
  }
}
