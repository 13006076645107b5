package fr.navette.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code DIR/enrolment.json}, beside the key and certificates: what the device learnt when it enrolled and needs
 * to run and renew from {@code DIR} alone — the hub's HTTPS address (renewal), the broker's, who it is, and the
 * first configuration the hub handed it. Nothing secret (the key is {@code device.key}), so 0644.
 *
 * @param hub the hub's HTTPS address, e.g. {@code https://hub.example:8443}
 * @param broker the broker's address as the hub gave it, e.g. {@code mqtts://hub.example:8883}
 */
public record DeviceEnrolment(URI hub, URI broker, String deviceId, String site, String kind,
    Map<String, Object> configuration) {
  public static final String FILE = "enrolment.json";

  public DeviceEnrolment {
    configuration = configuration == null ? Map.of() : Map.copyOf(configuration);
  }

  static DeviceEnrolment of(URI hub, EnrolmentClient.Enrolled enrolled) {
    DeviceIdentity identity = enrolled.identity();
    return new DeviceEnrolment(hub, enrolled.broker(), identity.id(), identity.site(), identity.kind().wireName(),
        enrolled.configuration());
  }

  public DeviceIdentity identity() {
    return new DeviceIdentity(deviceId, site, DeviceKind.fromWireName(kind));
  }

  /** Writes {@code dir/enrolment.json} whole or not at all. */
  public void write(Path dir) {
    try {
      SecureFiles.writePublic(dir.resolve(FILE), EnrolmentProtocol.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsString(this) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + FILE, e);
    }
  }

  /** Reads {@code dir/enrolment.json}; the error names the file and what is wrong with it. */
  public static DeviceEnrolment read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      throw new IdentityException(dir + " has no " + FILE + ": enrol this device first (navette enrol --dir "
          + dir + ")");
    }
    DeviceEnrolment read;
    try {
      read = EnrolmentProtocol.MAPPER.readValue(Files.readString(file), DeviceEnrolment.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IdentityException(file + " is unreadable: " + e.getMessage(), e);
    }
    if (read.hub() == null || read.broker() == null || read.deviceId() == null || read.site() == null
        || read.kind() == null) {
      throw new IdentityException(file + " lacks one of hub, broker, deviceId, site, kind");
    }
    return read;
  }
}
