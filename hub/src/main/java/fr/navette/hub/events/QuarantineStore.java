package fr.navette.hub.events;

import fr.navette.hub.store.Database;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Poison messages, set aside with the reason: kept byte for byte (base64) so that nothing is lost — except on the
 * channels that may carry personal data ({@link PersonalChannels}), whose messages are kept as topic, size, time
 * and reason only, whoever sets them aside.
 */
public final class QuarantineStore {
  /** What a reason says of the bytes not kept, after their count. */
  public static final String NOT_KEPT = " bytes not kept: this channel may carry personal data)";

  private final Database db;
  private final Clock clock;

  public QuarantineStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A message set aside: its topic, its exact bytes, and why. */
  public record SetAside(String topic, byte[] payload, String reason) {}

  /** Stores messages set aside, in the caller's transaction. */
  public void add(Connection c, List<SetAside> messages) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO quarantine (quarantine_id, topic, payload_base64, reason, received_at) VALUES (?, ?, ?, ?, ?)")) {
      for (SetAside message : messages) {
        boolean keep = PersonalChannels.keepsBytes(message.topic()) || message.payload().length == 0;
        st.setString(1, UUID.randomUUID().toString());
        st.setString(2, message.topic());
        st.setString(3, keep ? Base64.getEncoder().encodeToString(message.payload()) : "");
        st.setString(4, keep ? message.reason() : message.reason() + " (" + message.payload().length
            + NOT_KEPT);
        st.setLong(5, clock.millis());
        st.executeUpdate();
      }
    }
  }

  public List<QuarantinedMessage> recent(int limit) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          SELECT quarantine_id, topic, payload_base64, reason, received_at FROM quarantine
          ORDER BY received_at DESC, quarantine_id LIMIT ?""")) {
        st.setInt(1, limit);
        List<QuarantinedMessage> list = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            byte[] payload = Base64.getDecoder().decode(rs.getString(3));
            list.add(new QuarantinedMessage(rs.getString(1), rs.getString(2), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getString(3), textOrNull(payload)));
          }
        }
        return list;
      }
    });
  }

  private static String textOrNull(byte[] payload) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      return null; // not text: the base64 form is the message
    }
  }

  /** {@code payloadText} is the payload when it is UTF-8 text, else null; the base64 form is always exact. */
  public record QuarantinedMessage(String id, String topic, String reason, Instant receivedAt,
                                   String payloadBase64, String payloadText) {}
}
