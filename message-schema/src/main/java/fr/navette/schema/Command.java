package fr.navette.schema;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One command addressed to one device on its {@code command} topic (QoS 1, not retained: a command is done
 * once, not replayed at each connect). A command past {@code expiresAt} is acknowledged {@code expired}, not
 * run (a "silence the alarm" from last night must not silence this morning's).
 */
public record Command(String schemaVersion, UUID commandId, String deviceId, String name,
                      Map<String, String> args, Instant issuedAt, Optional<Instant> expiresAt) {
  public Command {
    SchemaVersion.requireReadable(Objects.requireNonNull(schemaVersion, "schemaVersion"));
    Objects.requireNonNull(commandId, "commandId");
    Fields.requireName("deviceId", deviceId);
    Fields.requireText("name", name, Limits.IDENTIFIER);
    args = Fields.requireScalars("args", args);
    Fields.requireInstant("issuedAt", issuedAt);
    Fields.requireInstant("expiresAt", expiresAt);
  }
}
