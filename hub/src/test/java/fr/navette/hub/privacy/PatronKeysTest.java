package fr.navette.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import fr.navette.schema.PatronPseudonym;
import fr.navette.sim.devices.SteppedClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import static org.awaitility.Awaitility.await;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The keyring two hubs share through their store (two connection pools on one SQLite file or one PostgreSQL
 * schema, as two hubs sharing the load have): a rotation on one is the other's after {@link PatronKeys#REFRESH};
 * retired keys read old pseudonyms until the retention, then are destroyed for both.
 */
class PatronKeysTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final byte[] MATERIAL = filled((byte) 7);
  private static final PatronPseudonym SECRET = new PatronPseudonym("k1", MATERIAL);
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-03-10T09:00:00Z"));
  @TempDir Path dir;
  private final List<Database> stores = new ArrayList<>();

  @AfterEach
  void close() {
    stores.forEach(Database::close);
    TestDatabases.dropCreatedSchemas();
  }

  private static byte[] filled(byte b) {
    byte[] key = new byte[32];
    Arrays.fill(key, b);
    return key;
  }

  /** Two stores on one database, as two hubs see it. */
  private Database[] twoHubsStores(String kind) {
    String url = kind.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("hub.db")
        : TestDatabases.PG_URL + "?currentSchema=" + TestDatabases.freshPostgresSchema();
    String user = kind.equals("sqlite") ? null : TestDatabases.PG_USER;
    Database a = Database.open(url, user, null);
    stores.add(a);
    Database b = Database.open(url, user, null);
    stores.add(b);
    return new Database[] {a, b};
  }

  /**
   * Two hubs starting at once on an empty PostgreSQL store (the scale-out's first start): both see no key and
   * both write the secret's key as the first. Made certain here: "the first hub" holds its INSERT uncommitted until
   * the second hub's INSERT waits on it, then commits; the second must then open the keyring, not fail on the key's
   * unique id.
   */
  @Test
  void twoHubsStartingAtOnceOnAnEmptyStoreBothOpenTheSameFirstKey() throws Exception {
    // The first key's row as a hub with SECRET writes it (wrapped under SECRET), made in a store of its own.
    Database elsewhere = TestDatabases.open("postgresql", dir);
    stores.add(elsewhere);
    new PatronKeys(elsewhere, SECRET, clock, new AuditLog(elsewhere, clock));
    String[] row = elsewhere.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT key_id, key_material, created_at FROM patron_keys");
           ResultSet rs = st.executeQuery()) {
        rs.next();
        return new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))};
      }
    });
    Database[] db = twoHubsStores("postgresql");
    try (Connection first = db[0].dataSource().getConnection()) {
      first.setAutoCommit(false);
      try (PreparedStatement st = first.prepareStatement(
          "INSERT INTO patron_keys (key_id, key_material, created_at) VALUES (?, ?, ?)")) {
        st.setString(1, row[0]);
        st.setString(2, row[1]);
        st.setLong(3, Long.parseLong(row[2]));
        st.executeUpdate();
      }
      CompletableFuture<PatronKeys> second = CompletableFuture.supplyAsync(
          () -> new PatronKeys(db[1], SECRET, clock, new AuditLog(db[1], clock)));
      await("the second hub's first key waits for the first hub's").atMost(Duration.ofSeconds(10))
          .until(() -> second.isDone() || insertWaitsOnALock(db[0]));
      first.commit();
      PatronKeys keys = second.get(10, TimeUnit.SECONDS);
      assertThat(keys.of("A0001")).isEqualTo(SECRET.of("A0001"));
      assertThat(keys.heldKeyIds()).containsExactly("k1");
    }
  }

  private static boolean insertWaitsOnALock(Database db) {
    return db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
          + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%patron_keys%'");
           ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void twoHubsAgreeAfterARotationAndForgetTheOldKeyTogether(String kind) {
    Database[] db = twoHubsStores(kind);
    AuditLog audit = new AuditLog(db[0], clock);
    PatronKeys first = new PatronKeys(db[0], SECRET, clock, audit);
    PatronKeys second = new PatronKeys(db[1], SECRET, clock, new AuditLog(db[1], clock));
    String before = SECRET.of("A0001");
    assertThat(first.of("A0001")).as("the configured key is the keyring's first: pseudonyms unchanged")
        .isEqualTo(before).isEqualTo(second.of("A0001"));

    String newId = first.rotate("admin");

    assertThat(first.of("A0001")).startsWith("pp1." + newId + ".").isNotEqualTo(before);
    assertThat(first.pseudonymsOf("A0001")).containsExactly(first.of("A0001"), before);
    clock.advance(PatronKeys.REFRESH.plusSeconds(1));
    assertThat(second.of("A0001")).as("the other hub, after its refresh").isEqualTo(first.of("A0001"));
    assertThat(second.pseudonymsOf("a0001 ")).isEqualTo(first.pseudonymsOf("A0001"));
    assertThat(second.heldKeyIds()).containsExactly(newId, "k1");
    assertThat(audit.list(AuditLog.Filter.latest(5)).audit()).anySatisfy(line -> {
      assertThat(line.action()).isEqualTo("patron-key-rotated");
      assertThat(line.actor()).isEqualTo("admin");
    });
    assertThat(storedMaterial(db[0])).as("never in clear in the store")
        .noneMatch(m -> m != null && m.contains(Base64.getEncoder().encodeToString(MATERIAL)));

    RetentionPurge purge = new RetentionPurge(db[0], first, audit, Retention.cnil(), clock, PARIS);
    clock.advance(Duration.between(clock.instant(), Instant.parse("2026-07-31T21:59:59Z")));
    assertThat(purge.purge().keysDestroyed()).as("retired in March: read until 31 July").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(purge.purge().keysDestroyed()).containsExactly("k1");

    clock.advance(PatronKeys.REFRESH.plusSeconds(1));
    assertThat(second.pseudonymsOf("A0001")).containsExactly(first.of("A0001"));
    assertThat(first.keys()).extracting(PatronKeys.KeyInfo::keyId).containsExactly(newId, "k1");
    List<String> material = storedMaterial(db[1]);
    assertThat(material.get(0)).as("the new key").isNotNull();
    assertThat(material.get(1)).as("k1, destroyed").isNull();
    assertThat(purge.purge().keysDestroyed()).as("idempotent").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aHubGivenAnotherSecretRefusesToStartRatherThanMakeOtherPseudonyms(String kind) {
    Database[] db = twoHubsStores(kind);
    new PatronKeys(db[0], SECRET, clock, new AuditLog(db[0], clock));

    assertThatThrownBy(() -> new PatronKeys(db[1], new PatronPseudonym("k1", filled((byte) 8)), clock,
        new AuditLog(db[1], clock)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NAVETTE_PATRON_KEY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite"})
  void theScheduledRotationComesWhenTheKeyIsOld(String kind) {
    Database[] db = twoHubsStores(kind);
    AuditLog audit = new AuditLog(db[0], clock);
    PatronKeys keys = new PatronKeys(db[0], SECRET, clock, audit);
    RetentionPurge purge = new RetentionPurge(db[0], keys, audit, Retention.cnil().withKeyRotationEvery(30), clock,
        PARIS);

    assertThat(purge.purge().rotatedTo()).isEmpty();
    clock.advance(Duration.ofDays(30));
    assertThat(purge.purge().rotatedTo()).isPresent();
    assertThat(keys.heldKeyIds()).hasSize(2);
  }

  /** key_material of every key, newest first. */
  private static List<String> storedMaterial(Database db) {
    return db.inTransaction(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT key_material FROM patron_keys ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END"); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }
}
