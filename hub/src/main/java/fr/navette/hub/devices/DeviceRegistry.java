package fr.navette.hub.devices;

import fr.navette.hub.events.ClockOffset;
import fr.navette.hub.events.EventStore.NewEvent;
import fr.navette.hub.store.Database;
import fr.navette.schema.CommandAck;
import fr.navette.schema.ConfigAck;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.StateEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The device registry, kept from what devices say: every event marks its device seen; {@code state} says
 * online/offline (the broker publishes the will when a device vanishes); {@code health} brings outbox depth,
 * reader state and last error; acknowledgements say which configuration is in force and how commands went.
 */
public final class DeviceRegistry {
  private final Database db;
  private final Clock clock;

  public DeviceRegistry(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A device as staff and admins see it at {@code GET /api/devices}. */
  public record Device(String deviceId, String site, String state, String softwareVersion, Instant lastSeen,
                       Instant stateChangedAt, Long uptimeSeconds, Long outboxDepth, Long outboxOldestAgeSeconds,
                       String readerState, String lastError, Long configVersionSent, Long configVersionApplied,
                       String configRefusedReason, String lastCommandAck, String printerState,
                       Long clockOffsetMs) {
    /**
     * How far the device's clock was off the hub's at its latest message that said (ahead when positive), or
     * empty when none said (an agent of before {@code sent-at}).
     */
    public Optional<ClockOffset> clockOffset() {
      return Optional.ofNullable(clockOffsetMs).map(ms -> new ClockOffset(java.time.Duration.ofMillis(ms)));
    }

    /**
     * The name its corrupt outbox was kept under, when the device's health says it set one aside at start (its
     * {@code lastError} begins with {@link HealthEvent#OUTBOX_SET_ASIDE}, for a day).
     */
    public Optional<String> outboxSetAside() {
      if (lastError == null || !lastError.startsWith(HealthEvent.OUTBOX_SET_ASIDE)) {
        return Optional.empty();
      }
      String rest = lastError.substring(HealthEvent.OUTBOX_SET_ASIDE.length()).strip();
      int end = rest.indexOf(' ');
      return Optional.of(end < 0 ? rest : rest.substring(0, end)).filter(name -> !name.isEmpty());
    }
  }

  /** Records what a batch of new events says about their devices, in the ingest's transaction. */
  public void record(Connection c, List<NewEvent> fresh) throws SQLException {
    Map<String, String> seen = new LinkedHashMap<>();
    for (NewEvent event : fresh) {
      seen.put(event.topic().device(), event.topic().site());
    }
    long now = clock.millis();
    try (PreparedStatement st = c.prepareStatement("""
        INSERT INTO devices (device_id, site, last_seen) VALUES (?, ?, ?)
        ON CONFLICT (device_id) DO UPDATE SET site = excluded.site, last_seen = excluded.last_seen""")) {
      for (Map.Entry<String, String> device : seen.entrySet()) {
        st.setString(1, device.getKey());
        st.setString(2, device.getValue());
        st.setLong(3, now);
        st.executeUpdate();
      }
    }
    clockOffsets(c, fresh, Instant.ofEpochMilli(now));
    for (NewEvent event : fresh) {
      switch (event.event()) {
        case StateEvent state -> state(c, event.topic().device(), state, now);
        case HealthEvent health -> health(c, event.topic().device(), health);
        default -> { }
      }
    }
  }

  /** Keeps each device's clock offset as its latest message of the batch that said one showed it. */
  private static void clockOffsets(Connection c, List<NewEvent> fresh, Instant arrival) throws SQLException {
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (NewEvent event : fresh) {
      event.clock().measure(arrival).ifPresent(o -> offsets.put(event.topic().device(), o.measured().toMillis()));
    }
    try (PreparedStatement st = c.prepareStatement("UPDATE devices SET clock_offset_ms = ? WHERE device_id = ?")) {
      for (Map.Entry<String, Long> offset : offsets.entrySet()) {
        st.setLong(1, offset.getValue());
        st.setString(2, offset.getKey());
        st.executeUpdate();
      }
    }
  }

  private static void state(Connection c, String deviceId, StateEvent event, long now) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE devices SET state = ?, software_version = ?, state_changed_at = ? WHERE device_id = ?")) {
      st.setString(1, event.state().name().toLowerCase(java.util.Locale.ROOT));
      st.setString(2, event.softwareVersion());
      st.setLong(3, now);
      st.setString(4, deviceId);
      st.executeUpdate();
    }
  }

  private static void health(Connection c, String deviceId, HealthEvent event) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("""
        UPDATE devices SET uptime_seconds = ?, outbox_depth = ?, outbox_oldest_age_s = ?, reader_state = ?,
                           last_error = ?, printer_state = ? WHERE device_id = ?""")) {
      st.setLong(1, event.uptimeSeconds());
      st.setLong(2, event.outboxDepth());
      st.setLong(3, event.outboxOldestAgeSeconds());
      st.setString(4, String.valueOf(event.readerState()).toLowerCase(java.util.Locale.ROOT));
      st.setString(5, event.lastError().orElse(null));
      st.setString(6, event.printerState().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      st.setString(7, deviceId);
      st.executeUpdate();
    }
  }

  /**
   * A device acknowledged (or refused) a configuration version. Either way its ack says which version is in
   * force there, and that is what the registry keeps: {@link DeviceControl} sends above it.
   */
  public void configAck(Connection c, String site, ConfigAck ack) throws SQLException {
    ensure(c, ack.deviceId(), site);
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE devices SET config_version_applied = ?, config_refused_reason = ? WHERE device_id = ?")) {
      st.setLong(1, ack.versionInForce());
      st.setString(2, ack.accepted() ? null
          : "version " + ack.version() + ": " + ack.reason().orElse("refused"));
      st.setString(3, ack.deviceId());
      st.executeUpdate();
    }
  }

  public void commandAck(Connection c, String site, CommandAck ack) throws SQLException {
    ensure(c, ack.deviceId(), site);
    try (PreparedStatement st = c.prepareStatement("UPDATE devices SET last_command_ack = ? WHERE device_id = ?")) {
      st.setString(1, ack.commandId() + " " + ack.status().name().toLowerCase(java.util.Locale.ROOT)
          + ack.message().map(m -> ": " + m).orElse(""));
      st.setString(2, ack.deviceId());
      st.executeUpdate();
    }
  }

  /** The hub sent configuration {@code version} to a device (retained). */
  public void configSent(String deviceId, String site, long version) {
    db.inTransaction(c -> {
      ensure(c, deviceId, site);
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE devices SET config_version_sent = ? WHERE device_id = ?")) {
        st.setLong(1, version);
        st.setString(2, deviceId);
        return st.executeUpdate();
      }
    });
  }

  private void ensure(Connection c, String deviceId, String site) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO devices (device_id, site, last_seen) VALUES (?, ?, ?) ON CONFLICT (device_id) DO NOTHING")) {
      st.setString(1, deviceId);
      st.setString(2, site);
      st.setLong(3, clock.millis());
      st.executeUpdate();
    }
  }

  public List<Device> list() {
    return query("", null);
  }

  public Optional<Device> find(String deviceId) {
    return query(" WHERE device_id = ?", deviceId).stream().findFirst();
  }

  private List<Device> query(String where, String parameter) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          SELECT device_id, site, state, software_version, last_seen, state_changed_at, uptime_seconds,
                 outbox_depth, outbox_oldest_age_s, reader_state, last_error, config_version_sent,
                 config_version_applied, config_refused_reason, last_command_ack, printer_state, clock_offset_ms
          FROM devices""" + where
          + " ORDER BY site, device_id")) {
        if (parameter != null) {
          st.setString(1, parameter);
        }
        List<Device> devices = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            devices.add(new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), instant(rs, 6), number(rs, 7), number(rs, 8), number(rs, 9),
                rs.getString(10), rs.getString(11), number(rs, 12), number(rs, 13), rs.getString(14),
                rs.getString(15), rs.getString(16), number(rs, 17)));
          }
        }
        return devices;
      }
    });
  }

  private static Long number(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : value;
  }

  private static Instant instant(ResultSet rs, int index) throws SQLException {
    Long millis = number(rs, index);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
