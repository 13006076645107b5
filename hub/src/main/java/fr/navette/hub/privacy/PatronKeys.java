package fr.navette.hub.privacy;

import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.store.Database;
import fr.navette.schema.PatronPseudonym;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network's patron keyring (DESIGN §9), in the store so that hubs sharing the load share it: the current key
 * makes new pseudonyms; retired keys only read old ones ({@link #pseudonymsOf}) until the retention has passed,
 * then {@link #destroyRetired destroyed} — their material cleared, so that the pseudonyms made under them link
 * nobody any more.
 *
 * <p>Each key is kept wrapped (AES-256-GCM, the key id as associated data) under a wrapping key derived from the
 * hub's <em>keyring secret</em>: the configured patron key ({@code NAVETTE_PATRON_KEY}, shared by the hubs sharing
 * the load) or {@code <data>/patron.key}. That secret is never in the store: a copy of the store cannot hash card
 * numbers. The first time, the secret's own key is put in the keyring as its first key (under its id), so that
 * pseudonyms made before the keyring stay the same; see FOOTGUNS: that first key lives on in the secret.
 *
 * <p>Hubs read the keyring again at most {@link #REFRESH} after they last did: after a rotation on one hub, the
 * others make pseudonyms under the old key for at most that long — pseudonyms they and everybody still read.
 */
public final class PatronKeys {
  private static final Logger LOG = LoggerFactory.getLogger(PatronKeys.class);
  /** How long a hub trusts its copy of the keyring. */
  public static final Duration REFRESH = Duration.ofSeconds(30);
  private static final byte[] WRAP_LABEL = "navette patron keyring v1".getBytes(StandardCharsets.US_ASCII);
  private static final DateTimeFormatter KEY_ID = DateTimeFormatter.ofPattern("'k'yyMMddHHmmss")
      .withZone(ZoneOffset.UTC);
  private static final int GCM_NONCE = 12;
  /** The current key, then the others by retirement, latest first (two keys may share a creation time). */
  private static final String NEWEST_FIRST =
      " ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END, retired_at DESC, created_at DESC";

  private final Database db;
  private final Clock clock;
  private final AuditLog audit;
  private final SecretKeySpec wrapping;
  private final SecureRandom random = new SecureRandom();
  private volatile Ring ring;

  /** The keys held, current first, and when they were read. */
  private record Ring(PatronPseudonym current, Instant currentSince, List<PatronPseudonym> all, Instant readAt) {}

  /** A key as an administrator may see it: never its material. */
  public record KeyInfo(String keyId, Instant createdAt, Instant retiredAt, Instant destroyedAt) {}

  /**
   * Opens the keyring in {@code db}, making it from {@code secret} if there is none yet.
   *
   * @param secret the keyring secret (configured patron key or {@code patron.key})
   */
  public PatronKeys(Database db, PatronPseudonym secret, Clock clock, AuditLog audit) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    byte[] material = secret.exportKey();
    try {
      this.wrapping = new SecretKeySpec(hmac(material, WRAP_LABEL), "AES");
      importFirst(secret.keyId(), material);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
    this.ring = read();
  }

  /** The pseudonym of a card under the current key: what kiosks' events carry from now on. */
  public String of(String card) {
    return ring().current().of(card);
  }

  /** The current key (makes new pseudonyms). */
  public PatronPseudonym current() {
    return ring().current();
  }

  /**
   * The pseudonyms of a card under every key still held, the current key's first: what the store may hold of this
   * card (a subject access request looks for each). Keys destroyed give none — their pseudonyms link nobody.
   *
   * @throws fr.navette.schema.SchemaException when {@code card} is not a card number (empty, too long)
   */
  public List<String> pseudonymsOf(String card) {
    return ring().all().stream().map(key -> key.of(card)).toList();
  }

  /** The ids of the keys held (current first). */
  public List<String> heldKeyIds() {
    return ring().all().stream().map(PatronPseudonym::keyId).toList();
  }

  /** Every key the keyring ever had, newest first, without material. */
  public List<KeyInfo> keys() {
    return db.inTransaction(c -> {
      List<KeyInfo> keys = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT key_id, created_at, retired_at, destroyed_at FROM patron_keys" + NEWEST_FIRST);
           ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          keys.add(new KeyInfo(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), instant(rs, 3), instant(rs, 4)));
        }
      }
      return keys;
    });
  }

  /** Reads the keyring again now (another hub may have rotated). */
  public void refresh() {
    ring = read();
  }

  /**
   * Makes a new random key current and retires the current one (kept to read its pseudonyms until the retention
   * has passed). Audited as {@code actor}.
   *
   * @return the new key's id
   * @throws IllegalStateException when another hub rotated at the same moment (nothing changed here)
   */
  public String rotate(String actor) {
    Instant now = clock.instant();
    String newId = KEY_ID.format(now);
    byte[] material = new byte[32];
    random.nextBytes(material);
    try {
      String retired = db.inTransaction(c -> {
        String old = currentId(c);
        // Only if it is still current: two hubs rotating at once make one new key, not two current ones.
        try (PreparedStatement st = c.prepareStatement(
            "UPDATE patron_keys SET retired_at = ? WHERE key_id = ? AND retired_at IS NULL")) {
          st.setLong(1, now.toEpochMilli());
          st.setString(2, old);
          if (st.executeUpdate() != 1) {
            throw new IllegalStateException("the patron key was rotated by another hub at the same moment");
          }
        }
        insert(c, newId, material, now);
        audit.recordAs(c, actor, "patron-key-rotated", newId, "new key " + newId + " makes pseudonyms; " + old
            + " kept to read old ones until the retention has passed");
        return old;
      });
      LOG.info("patron key rotated by {}: {} now makes pseudonyms, {} kept to read old ones", actor, newId, retired);
    } catch (RuntimeException e) {
      if (e instanceof IllegalStateException) {
        throw e;
      }
      throw new IllegalStateException("cannot rotate the patron key (" + e.getMessage() + ")", e);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
    refresh();
    return newId;
  }

  /** When the current key was made: the scheduled rotation's clock. */
  public Instant currentSince() {
    return ring().currentSince();
  }

  /**
   * Destroys the retired keys retired before {@code retiredBefore}: their material cleared in the store (SQLite
   * overwrites the freed bytes, secure_delete), one audit line each, logged by id.
   *
   * @return the ids destroyed
   */
  public List<String> destroyRetired(Instant retiredBefore, String actor) {
    Instant now = clock.instant();
    List<String> destroyed = db.inTransaction(c -> {
      secureDelete(c);
      List<String> ids = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT key_id FROM patron_keys WHERE retired_at IS NOT NULL"
          + " AND retired_at < ? AND destroyed_at IS NULL ORDER BY retired_at")) {
        st.setLong(1, retiredBefore.toEpochMilli());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      for (String id : ids) {
        try (PreparedStatement st = c.prepareStatement(
            "UPDATE patron_keys SET key_material = NULL, destroyed_at = ? WHERE key_id = ? AND destroyed_at IS NULL")) {
          st.setLong(1, now.toEpochMilli());
          st.setString(2, id);
          st.executeUpdate();
        }
        audit.recordAs(c, actor, "patron-key-destroyed", id, "retention passed: pseudonyms under " + id
            + " can no longer be linked to a card by this hub");
      }
      return ids;
    });
    for (String id : destroyed) {
      LOG.info("patron key {} destroyed: the retention of the pseudonyms it made has passed", id);
    }
    if (!destroyed.isEmpty()) {
      refresh();
    }
    return destroyed;
  }

  private Ring ring() {
    Ring held = ring;
    if (clock.instant().isAfter(held.readAt().plus(REFRESH)) || clock.instant().isBefore(held.readAt())) {
      held = read();
      ring = held;
    }
    return held;
  }

  private Ring read() {
    return db.inTransaction(c -> {
      Map<String, PatronPseudonym> keys = new LinkedHashMap<>();
      PatronPseudonym current = null;
      Instant since = null;
      try (PreparedStatement st = c.prepareStatement("SELECT key_id, key_material, created_at, retired_at"
          + " FROM patron_keys WHERE destroyed_at IS NULL" + NEWEST_FIRST);
           ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          byte[] material = unwrap(id, rs.getString(2));
          PatronPseudonym key = new PatronPseudonym(id, material);
          Arrays.fill(material, (byte) 0);
          rs.getLong(4);
          if (rs.wasNull() && current == null) {
            current = key;
            since = Instant.ofEpochMilli(rs.getLong(3));
          }
          keys.put(id, key);
        }
      }
      if (current == null) {
        throw new IllegalStateException("the patron keyring in the store has no current key (patron_keys)");
      }
      List<PatronPseudonym> all = new ArrayList<>();
      all.add(current);
      String currentId = current.keyId();
      keys.values().stream().filter(k -> !k.keyId().equals(currentId)).forEach(all::add);
      return new Ring(current, since, List.copyOf(all), clock.instant());
    });
  }

  /** The first start on this store: the secret's key becomes the first key (pseudonyms made before stay). */
  private void importFirst(String keyId, byte[] material) {
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM patron_keys");
           ResultSet rs = st.executeQuery()) {
        rs.next();
        if (rs.getLong(1) > 0) {
          return null;
        }
      }
      // Two hubs starting at once on an empty store both get here and write the same key (same id, same secret):
      // the second waits for the first's commit, then writes nothing instead of failing on the unique id.
      insert(c, keyId, material, clock.instant(), " ON CONFLICT (key_id) DO NOTHING");
      return null;
    });
  }

  private void insert(Connection c, String keyId, byte[] material, Instant at) throws SQLException {
    insert(c, keyId, material, at, "");
  }

  private void insert(Connection c, String keyId, byte[] material, Instant at, String onConflict) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO patron_keys (key_id, key_material, created_at) VALUES (?, ?, ?)" + onConflict)) {
      st.setString(1, keyId);
      st.setString(2, wrap(keyId, material));
      st.setLong(3, at.toEpochMilli());
      st.executeUpdate();
    }
  }

  private static String currentId(Connection c) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT key_id FROM patron_keys WHERE retired_at IS NULL AND destroyed_at IS NULL");
         ResultSet rs = st.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("the patron keyring has no current key");
      }
      return rs.getString(1);
    }
  }

  /** SQLite: freed bytes overwritten with zeros (this connection's setting), not left in the file's free pages. */
  static void secureDelete(Connection c) throws SQLException {
    if (c.getMetaData().getURL().startsWith("jdbc:sqlite:")) {
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA secure_delete = ON");
      }
    }
  }

  private String wrap(String keyId, byte[] material) {
    try {
      byte[] nonce = new byte[GCM_NONCE];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, wrapping, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(material);
      byte[] out = Arrays.copyOf(nonce, GCM_NONCE + sealed.length);
      System.arraycopy(sealed, 0, out, GCM_NONCE, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has AES-GCM", e);
    }
  }

  private byte[] unwrap(String keyId, String stored) {
    try {
      byte[] in = Base64.getDecoder().decode(stored);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, wrapping, new GCMParameterSpec(128, in, 0, GCM_NONCE));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
      return cipher.doFinal(in, GCM_NONCE, in.length - GCM_NONCE);
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
      throw new IllegalStateException("patron key " + keyId + " in the store cannot be opened with this hub's"
          + " keyring secret: every hub sharing the store must be given the same patron key (NAVETTE_PATRON_KEY,"
          + " or the same patron.key)", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  /** Never the keys. */
  @Override
  public String toString() {
    return "PatronKeys" + Optional.ofNullable(ring).map(r -> r.all().stream().map(PatronPseudonym::keyId).toList())
        .map(Object::toString).orElse("[]");
  }
}
