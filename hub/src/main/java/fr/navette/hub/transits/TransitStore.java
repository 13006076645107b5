package fr.navette.hub.transits;

import fr.navette.hub.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Transits in the store. One per source event (a unique key), so an event applied twice opens one. */
public final class TransitStore {
  public static final String OPEN = "open";
  private final Database db;

  public TransitStore(Database db) {
    this.db = db;
  }

  /** Opens a transit in the caller's transaction, unless this event already opened one. */
  public void open(Connection c, Transit transit) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("""
        INSERT INTO transits (transit_id, item_id, from_branch, to_branch, reason, status, call_number, title,
                              created_at, source_event_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_event_id) DO NOTHING""")) {
      st.setString(1, transit.transitId());
      st.setString(2, transit.itemId());
      st.setString(3, transit.fromBranch());
      st.setString(4, transit.toBranch());
      st.setString(5, transit.reason());
      st.setString(6, transit.status());
      st.setString(7, transit.callNumber());
      st.setString(8, transit.title());
      st.setLong(9, transit.createdAt().toEpochMilli());
      st.setString(10, transit.sourceEventId());
      st.executeUpdate();
    }
  }

  /** Transits with the given status (all when null), newest first. */
  public List<Transit> list(String status, int limit) {
    return db.inTransaction(c -> {
      String where = status == null ? "" : " WHERE status = ?";
      try (PreparedStatement st = c.prepareStatement("""
          SELECT transit_id, item_id, from_branch, to_branch, reason, status, call_number, title, created_at,
                 source_event_id FROM transits""" + where + " ORDER BY created_at DESC, transit_id LIMIT ?")) {
        int i = 1;
        if (status != null) {
          st.setString(i++, status);
        }
        st.setInt(i, limit);
        List<Transit> transits = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            transits.add(new Transit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                java.time.Instant.ofEpochMilli(rs.getLong(9)), rs.getString(10)));
          }
        }
        return transits;
      }
    });
  }
}
