package fr.navette.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The admin token carries the CA's fingerprint, is sent exactly as issued, and never shows its secret. */
class AdminTokenTest {
  private static final CaFingerprint FINGERPRINT = CaFingerprint.parse("0".repeat(51) + "0");

  @Test
  void aTokenCarriesItsCaFingerprintAndHidesItsSecret() {
    AdminToken token = AdminToken.generate(new SecureRandom(), FINGERPRINT);
    assertThat(token.text()).startsWith("NAVA1-").endsWith("-" + FINGERPRINT.text())
        .hasSize(AdminToken.PREFIX.length() + AdminToken.SECRET_LENGTH + 1 + 52);
    AdminToken read = AdminToken.parse("  " + token.text() + "\n").orElseThrow();
    assertThat(read.text()).isEqualTo(token.text());
    assertThat(read.caFingerprint()).isEqualTo(FINGERPRINT);
    String secret = token.text().substring(6, 6 + AdminToken.SECRET_LENGTH);
    assertThat(token.toString()).doesNotContain(secret).contains(FINGERPRINT.text());
  }

  @Test
  void otherTokensAreOpaqueAndADamagedOneIsNamed() {
    assertThat(AdminToken.parse("admin-token-0123456789abcdef")).isEmpty();
    assertThat(AdminToken.parse(null)).isEmpty();
    assertThatThrownBy(() -> AdminToken.parse("NAVA1-abcdefghjkmnpqrstvwxyz0123456")).hasMessageContaining("'-'");
    assertThatThrownBy(() -> AdminToken.parse("NAVA1-" + "a".repeat(32) + "-tooshort"))
        .hasMessageContaining("CA fingerprint");
  }

  @Test
  void aFingerprintIsReadInHexAsSha256sumPrintsIt() {
    assertThat(CaFingerprint.parseHex(FINGERPRINT.hex().toUpperCase())).isEqualTo(FINGERPRINT);
    assertThatThrownBy(() -> CaFingerprint.parseHex("abc")).hasMessageContaining("64 hexadecimal digits");
  }
}
