package fr.navette.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.hub.HubFixture;
import fr.navette.hub.audit.AuditLog;
import fr.navette.schema.PatronPseudonym;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/admin/privacy/rotate-key} on a running hub: its kiosks' pseudonyms change at once, audited. */
class PatronKeyRotationApiTest {
  private static final PatronPseudonym NETWORK = new PatronPseudonym("k2026", new byte[32]);
  @TempDir Path dir;

  @Test
  void anAdminRotatesTheKeyAndTheKeysAreListedWithoutTheirMaterial() throws Exception {
    try (HubFixture fixture = HubFixture.onSmallSigb(dir, c -> c.withPatronKey(NETWORK), Clock.systemUTC())) {
      PatronKeys keys = fixture.hub.patronKeys();
      assertThat(keys.of("A0001")).isEqualTo(NETWORK.of("A0001"));

      JsonNode rotated = fixture.post("/api/admin/privacy/rotate-key", "{}", 200);

      String newId = rotated.path("keyId").asText();
      assertThat(keys.of("A0001")).startsWith("pp1." + newId + ".");
      assertThat(keys.pseudonymsOf("A0001")).containsExactly(keys.of("A0001"), NETWORK.of("A0001"));
      JsonNode listed = fixture.get("/api/admin/privacy/keys");
      assertThat(listed.path("keys")).hasSize(2);
      assertThat(listed.toString()).doesNotContain("material").doesNotContain("AAAAAAAAAAAAAAAAAAAAAAAA");
      assertThat(fixture.hub.auditLog().list(AuditLog.Filter.latest(5)).audit())
          .anySatisfy(line -> assertThat(line.action()).isEqualTo("patron-key-rotated"));
    }
  }
}
