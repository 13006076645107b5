package fr.navette.schema;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The outcome of one {@link Command}. */
public record CommandAck(String deviceId, UUID commandId, Status status, Optional<String> message, Instant at) {
  public enum Status { DONE, REFUSED, UNKNOWN_COMMAND, EXPIRED }

  public CommandAck {
    Fields.requireName("deviceId", deviceId);
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(status, "status");
    message = Fields.cut(message, Limits.FREE_TEXT);
    Fields.requireInstant("at", at);
  }
}
