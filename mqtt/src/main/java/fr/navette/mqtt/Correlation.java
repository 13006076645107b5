package fr.navette.mqtt;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/** MQTT 5 Correlation Data as we use it: a request's (or event's) UUID as 16 bytes, big-endian. */
public final class Correlation {
  private Correlation() {}

  public static byte[] of(UUID id) {
    return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
  }

  /** The UUID in {@code data}, or empty when it is not 16 bytes long. */
  public static Optional<UUID> uuid(byte[] data) {
    if (data == null || data.length != 16) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.wrap(data);
    return Optional.of(new UUID(buffer.getLong(), buffer.getLong()));
  }
}
