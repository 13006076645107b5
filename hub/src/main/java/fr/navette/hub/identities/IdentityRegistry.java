package fr.navette.hub.identities;

import fr.navette.hub.store.Database;
import fr.navette.identity.AuditEvent;
import fr.navette.identity.Revocation;
import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.DeviceKind;
import fr.navette.identity.EnrolmentTokens.StoredToken;
import fr.navette.identity.TokenStore;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The registry of device identities in the hub's database: the identities the administrator made and their state
 * ({@code pending} until the device enrols, {@code enrolled}, {@code revoked}), the enrolment tokens (only their
 * secret's SHA-256: the {@link TokenStore} behind {@code EnrolmentTokens}), the revoked serials and the audit log.
 */
public final class IdentityRegistry implements TokenStore {
  /** An identity as the administrator sees it at {@code GET /api/admin/devices}. */
  public record Identity(String deviceId, String site, String kind, String state, String serial, Instant notAfter,
                         Instant createdAt, Instant enrolledAt, Instant renewedAt, Instant revokedAt) {}

  /** One line of the audit log, as stored. */
  public record AuditLine(Instant at, String actor, String action, String deviceId, String serial, String detail) {}

  private static final HexFormat HEX = HexFormat.of();
  private final Database db;

  public IdentityRegistry(Database db) {
    this.db = db;
  }

  /** A new pending identity; false (nothing changed) when the id is already someone's. */
  public boolean create(DeviceIdentity identity, Instant at) {
    return db.inTransaction(c -> {
      if (identity(c, identity.id()).isPresent()) {
        return false;
      }
      try (PreparedStatement st = c.prepareStatement("INSERT INTO device_identities (device_id, site, kind, state,"
          + " created_at) VALUES (?, ?, ?, 'pending', ?)")) {
        st.setString(1, identity.id());
        st.setString(2, identity.site());
        st.setString(3, identity.kind().wireName());
        st.setLong(4, at.toEpochMilli());
        st.executeUpdate();
      }
      return true;
    });
  }

  public Optional<Identity> identity(String deviceId) {
    return db.inTransaction(c -> identity(c, deviceId));
  }

  public List<Identity> list() {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT * FROM device_identities ORDER BY site, device_id")) {
        return identities(st);
      }
    });
  }

  /** The device holds a new certificate (first enrolment or renewal). */
  public void issued(String deviceId, String serial, Instant notAfter, Instant at, boolean renewal) {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE device_identities SET state = 'enrolled', serial = ?,"
          + " not_after = ?, " + (renewal ? "renewed_at" : "enrolled_at") + " = ? WHERE device_id = ?")) {
        st.setString(1, serial);
        st.setLong(2, notAfter.toEpochMilli());
        st.setLong(3, at.toEpochMilli());
        st.setString(4, deviceId);
        return st.executeUpdate();
      }
    });
  }

  /**
   * Revokes the device: its current certificate's serial joins the revocations, its unused tokens are dropped (a
   * revoked device must not come back through a string still lying around). Empty when there is no such device.
   */
  public Optional<Identity> revoke(String deviceId, Instant at) {
    return db.inTransaction(c -> {
      Optional<Identity> found = identity(c, deviceId);
      if (found.isEmpty()) {
        return found;
      }
      if (found.get().serial() != null) {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO revocations (serial, device_id, revoked_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (serial) DO NOTHING")) {
          st.setString(1, found.get().serial());
          st.setString(2, deviceId);
          st.setLong(3, at.toEpochMilli());
          st.executeUpdate();
        }
      }
      try (PreparedStatement st = c.prepareStatement(
          "DELETE FROM enrolment_tokens WHERE device_id = ? AND used_at IS NULL")) {
        st.setString(1, deviceId);
        st.executeUpdate();
      }
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE device_identities SET state = 'revoked', revoked_at = ? WHERE device_id = ?")) {
        st.setLong(1, at.toEpochMilli());
        st.setString(2, deviceId);
        st.executeUpdate();
      }
      return identity(c, deviceId);
    });
  }

  /** Every revoked serial, oldest first: what the CRL lists (an external broker's {@code crlfile}). */
  public List<Revocation> revocations() {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT serial, device_id, revoked_at FROM revocations ORDER BY revoked_at, serial");
           ResultSet rs = st.executeQuery()) {
        List<Revocation> all = new ArrayList<>();
        while (rs.next()) {
          all.add(new Revocation(new BigInteger(rs.getString("serial"), 16),
              Instant.ofEpochMilli(rs.getLong("revoked_at")), rs.getString("device_id")));
        }
        return all;
      }
    });
  }

  public boolean revoked(BigInteger serial) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM revocations WHERE serial = ?")) {
        st.setString(1, serial.toString(16));
        try (ResultSet rs = st.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  public void audit(AuditEvent event) {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO identity_audit (audit_id, at, actor, action,"
          + " device_id, serial, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        st.setString(1, UUID.randomUUID().toString());
        st.setLong(2, event.at().toEpochMilli());
        st.setString(3, event.actor());
        st.setString(4, event.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        st.setString(5, event.deviceId());
        st.setString(6, event.serial());
        st.setString(7, event.detail());
        return st.executeUpdate();
      }
    });
  }

  /** The audit log, oldest first. */
  public List<AuditLine> auditLog() {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT * FROM identity_audit ORDER BY at, audit_id");
           ResultSet rs = st.executeQuery()) {
        List<AuditLine> lines = new ArrayList<>();
        while (rs.next()) {
          lines.add(new AuditLine(Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor"),
              rs.getString("action"), rs.getString("device_id"), rs.getString("serial"), rs.getString("detail")));
        }
        return lines;
      }
    });
  }

  @Override
  public boolean add(StoredToken token) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO enrolment_tokens (token_id, secret_sha256,"
          + " device_id, site, kind, expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (token_id) DO NOTHING")) {
        st.setString(1, token.tokenId());
        st.setString(2, HEX.formatHex(token.secretSha256()));
        st.setString(3, token.identity().id());
        st.setString(4, token.identity().site());
        st.setString(5, token.identity().kind().wireName());
        st.setLong(6, token.expiresAt().toEpochMilli());
        return st.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<StoredToken> find(String tokenId) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT * FROM enrolment_tokens WHERE token_id = ?")) {
        st.setString(1, tokenId);
        return tokens(st).stream().findFirst();
      }
    });
  }

  /** One UPDATE guarded by {@code used_at IS NULL}: of two requests at once, the database lets one through. */
  @Override
  public boolean markUsed(String tokenId, Instant at) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE enrolment_tokens SET used_at = ? WHERE token_id = ? AND used_at IS NULL")) {
        st.setLong(1, at.toEpochMilli());
        st.setString(2, tokenId);
        return st.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<StoredToken> all() {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT * FROM enrolment_tokens ORDER BY token_id")) {
        return tokens(st);
      }
    });
  }

  private static Optional<Identity> identity(Connection c, String deviceId) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT * FROM device_identities WHERE device_id = ?")) {
      st.setString(1, deviceId);
      return identities(st).stream().findFirst();
    }
  }

  private static List<Identity> identities(PreparedStatement st) throws SQLException {
    List<Identity> found = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        found.add(new Identity(rs.getString("device_id"), rs.getString("site"), rs.getString("kind"),
            rs.getString("state"), rs.getString("serial"), instant(rs, "not_after"), instant(rs, "created_at"),
            instant(rs, "enrolled_at"), instant(rs, "renewed_at"), instant(rs, "revoked_at")));
      }
    }
    return found;
  }

  private static List<StoredToken> tokens(PreparedStatement st) throws SQLException {
    List<StoredToken> found = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        DeviceIdentity identity = new DeviceIdentity(rs.getString("device_id"), rs.getString("site"),
            DeviceKind.fromWireName(rs.getString("kind")));
        found.add(new StoredToken(rs.getString("token_id"), HEX.parseHex(rs.getString("secret_sha256")), identity,
            Instant.ofEpochMilli(rs.getLong("expires_at")), Optional.ofNullable(instant(rs, "used_at"))));
      }
    }
    return found;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
