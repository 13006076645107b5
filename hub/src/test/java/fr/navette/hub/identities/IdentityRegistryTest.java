package fr.navette.hub.identities;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.DeviceKind;
import fr.navette.identity.EnrolmentTokens.StoredToken;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The registry on both stores: tokens taken once, revocations found by serial, unused tokens dropped on revoke. */
class IdentityRegistryTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final DeviceIdentity GATE = new DeviceIdentity("gate-01", "BR01", DeviceKind.GATE);

  @TempDir Path dir;
  private Database db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @AfterAll
  static void dropSchemas() {
    TestDatabases.dropCreatedSchemas();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aTokenIsTakenOnceAndRevocationDropsTheUnusedOnes(String kind) {
    db = TestDatabases.open(kind, dir);
    IdentityRegistry registry = new IdentityRegistry(db);
    assertThat(registry.create(GATE, NOW)).isTrue();
    assertThat(registry.create(GATE, NOW)).isFalse();
    byte[] hash = new byte[32];
    hash[0] = 7;
    assertThat(registry.add(new StoredToken("k3v9qa", hash, GATE, NOW.plusSeconds(60), Optional.empty()))).isTrue();
    assertThat(registry.add(new StoredToken("k3v9qa", hash, GATE, NOW, Optional.empty()))).isFalse();
    assertThat(registry.find("k3v9qa").orElseThrow().secretSha256()).isEqualTo(hash);

    assertThat(registry.markUsed("k3v9qa", NOW)).isTrue();
    assertThat(registry.markUsed("k3v9qa", NOW)).isFalse();
    assertThat(registry.find("k3v9qa").orElseThrow().usedAt()).contains(NOW);

    registry.issued("gate-01", "c76f", NOW.plusSeconds(3600), NOW, false);
    registry.add(new StoredToken("m4n5p6", hash, GATE, NOW.plusSeconds(60), Optional.empty()));
    assertThat(registry.revoke("gate-01", NOW).orElseThrow().state()).isEqualTo("revoked");
    assertThat(registry.revoked(new BigInteger("c76f", 16))).isTrue();
    assertThat(registry.revoked(BigInteger.TEN)).isFalse();
    assertThat(registry.find("m4n5p6")).isEmpty();
    assertThat(registry.find("k3v9qa")).isPresent();
  }
}
