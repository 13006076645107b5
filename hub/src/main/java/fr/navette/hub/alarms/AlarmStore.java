package fr.navette.hub.alarms;

import fr.navette.hub.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Gate alarms as staff see them, with what the SIGB said of the document. */
public final class AlarmStore {
  private final Database db;

  public AlarmStore(Database db) {
    this.db = db;
  }

  /**
   * One gate alarm. {@code verdict}: {@code probably-borrowed} (the SIGB has it on loan: the kiosk's disarm
   * failed — a false alarm to fix, not a theft), {@code not-borrowed}, {@code unknown-item}, {@code unreadable-tag}
   * (only the tag UID is known), or {@code pending} (the SIGB has not answered yet).
   */
  public record Alarm(String eventId, String site, String deviceId, String tagUid, String itemId, String direction,
                      Instant detectedAt, String title, String callNumber, String ownerBranch,
                      String circulationStatus, String verdict, Instant enrichedAt) {}

  public void save(Connection c, Alarm a) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("""
        INSERT INTO alarms (event_id, site, device_id, tag_uid, item_id, direction, detected_at, title, call_number,
                            owner_branch, circulation_status, verdict, enriched_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (event_id) DO UPDATE SET title = excluded.title, call_number = excluded.call_number,
          owner_branch = excluded.owner_branch, circulation_status = excluded.circulation_status,
          verdict = excluded.verdict, enriched_at = excluded.enriched_at""")) {
      st.setString(1, a.eventId());
      st.setString(2, a.site());
      st.setString(3, a.deviceId());
      st.setString(4, a.tagUid());
      st.setString(5, a.itemId());
      st.setString(6, a.direction());
      st.setLong(7, a.detectedAt().toEpochMilli());
      st.setString(8, a.title());
      st.setString(9, a.callNumber());
      st.setString(10, a.ownerBranch());
      st.setString(11, a.circulationStatus());
      st.setString(12, a.verdict());
      if (a.enrichedAt() == null) {
        st.setNull(13, java.sql.Types.BIGINT);
      } else {
        st.setLong(13, a.enrichedAt().toEpochMilli());
      }
      st.executeUpdate();
    }
  }

  public List<Alarm> recent(int limit) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          SELECT event_id, site, device_id, tag_uid, item_id, direction, detected_at, title, call_number,
                 owner_branch, circulation_status, verdict, enriched_at FROM alarms
          ORDER BY detected_at DESC, event_id LIMIT ?""")) {
        st.setInt(1, limit);
        List<Alarm> alarms = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            long enriched = rs.getLong(13);
            alarms.add(new Alarm(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.wasNull() ? null : Instant.ofEpochMilli(enriched)));
          }
        }
        return alarms;
      }
    });
  }
}
