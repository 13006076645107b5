package fr.navette.hub.alerts;

import fr.navette.hub.store.Database;
import fr.navette.hub.text.Said;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Alerts in the store. Raising an alert that is already open does nothing: one alert per cause. */
public final class AlertStore {
  private static final String COLUMNS =
      "alert_id, kind, subject, severity, message, raised_at, resolved_at, notified_at, message_key, message_args";
  private final Database db;
  private final Clock clock;

  public AlertStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Opens an alert unless one is open for the same cause; returns it when it is new. */
  public Optional<Alert> raise(String kind, String subject, Alert.Severity severity, Said message) {
    return raise(kind, subject, severity, message, false);
  }

  /**
   * Opens an alert unless one was ever raised for the same cause, even resolved since: for a fact that happened
   * once (a device's outbox set aside) and stays visible for a while in what the watchdog reads.
   */
  public Optional<Alert> raiseOnce(String kind, String subject, Alert.Severity severity, Said message) {
    return raise(kind, subject, severity, message, true);
  }

  private Optional<Alert> raise(String kind, String subject, Alert.Severity severity, Said text, boolean once) {
    String message = text.french();
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM alerts WHERE kind = ? AND subject = ?"
          + (once ? "" : " AND resolved_at IS NULL"))) {
        st.setString(1, kind);
        st.setString(2, subject);
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            return Optional.empty();
          }
        }
      }
      Alert alert = new Alert(UUID.randomUUID().toString(), kind, subject, severity, message, clock.instant(), null,
          null, text);
      try (PreparedStatement st = c.prepareStatement("INSERT INTO alerts (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)")) {
        st.setString(1, alert.alertId());
        st.setString(2, kind);
        st.setString(3, subject);
        st.setString(4, severity.name().toLowerCase(java.util.Locale.ROOT));
        st.setString(5, message);
        st.setLong(6, alert.raisedAt().toEpochMilli());
        st.setString(7, text.key());
        st.setString(8, text.argumentsJson());
        st.executeUpdate();
      }
      return Optional.of(alert);
    });
  }

  /**
   * Gives the open alert of this cause new words (a measure that moved: a clock's offset), without raising
   * anything; nothing when none is open or its words are the same.
   */
  public void reword(String kind, String subject, Said text) {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE alerts SET message = ?, message_key = ?, message_args = ?"
          + " WHERE kind = ? AND subject = ? AND resolved_at IS NULL AND message <> ?")) {
        String message = text.french();
        st.setString(1, message);
        st.setString(2, text.key());
        st.setString(3, text.argumentsJson());
        st.setString(4, kind);
        st.setString(5, subject);
        st.setString(6, message);
        return st.executeUpdate();
      }
    });
  }

  /** Resolves the open alert of this cause, if any; returns it when one was open. */
  public Optional<Alert> resolve(String kind, String subject) {
    List<Alert> open = query(" WHERE kind = ? AND subject = ? AND resolved_at IS NULL", kind, subject);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    long now = clock.millis();
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE alerts SET resolved_at = ? WHERE kind = ? AND subject = ? AND resolved_at IS NULL")) {
        st.setLong(1, now);
        st.setString(2, kind);
        st.setString(3, subject);
        return st.executeUpdate();
      }
    });
    Alert was = open.getFirst();
    return Optional.of(new Alert(was.alertId(), kind, subject, was.severity(), was.message(), was.raisedAt(),
        Instant.ofEpochMilli(now), was.notifiedAt(), was.text()));
  }

  public void notified(String alertId) {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE alerts SET notified_at = ? WHERE alert_id = ?")) {
        st.setLong(1, clock.millis());
        st.setString(2, alertId);
        return st.executeUpdate();
      }
    });
  }

  public Optional<Alert> find(String alertId) {
    return query(" WHERE alert_id = ?", alertId).stream().findFirst();
  }

  /** Open alerts of a kind, to see which causes went away. */
  public List<Alert> open(String kind) {
    return query(" WHERE kind = ? AND resolved_at IS NULL", kind);
  }

  /** Open alerts first, then the most recent; {@code openOnly} hides the resolved ones. */
  public List<Alert> list(boolean openOnly, int limit) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts"
          + (openOnly ? " WHERE resolved_at IS NULL" : "")
          + " ORDER BY CASE WHEN resolved_at IS NULL THEN 0 ELSE 1 END, raised_at DESC LIMIT ?")) {
        st.setInt(1, limit);
        return read(st);
      }
    });
  }

  private List<Alert> query(String where, String... parameters) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts" + where)) {
        for (int i = 0; i < parameters.length; i++) {
          st.setString(i + 1, parameters[i]);
        }
        return read(st);
      }
    });
  }

  private static List<Alert> read(PreparedStatement st) throws SQLException {
    List<Alert> alerts = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        alerts.add(new Alert(rs.getString(1), rs.getString(2), rs.getString(3),
            Alert.Severity.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)), rs.getString(5),
            Instant.ofEpochMilli(rs.getLong(6)), time(rs, 7), time(rs, 8),
            rs.getString(9) == null ? null : Said.stored(rs.getString(9), rs.getString(10))));
      }
    }
    return alerts;
  }

  private static Instant time(ResultSet rs, int index) throws SQLException {
    long millis = rs.getLong(index);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
