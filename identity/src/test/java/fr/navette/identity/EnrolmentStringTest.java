package fr.navette.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EnrolmentStringTest {
  private static final CaFingerprint FINGERPRINT = CaFingerprint.parse(
      "0123456789abcdefghjkmnpqrstvwxyz0123456789abcdefghjk".substring(0, 51) + "0");
  private static final String GOOD = "NAV1-k3v9qa.7w2m4rb8x0cd5n6p-" + FINGERPRINT.text();

  @Test
  void isShortEnoughToTypeAndReadsBack() {
    EnrolmentString parsed = EnrolmentString.parse(GOOD);
    assertThat(GOOD).hasSize(81);
    assertThat(parsed.tokenId()).isEqualTo("k3v9qa");
    assertThat(parsed.secret()).isEqualTo("7w2m4rb8x0cd5n6p");
    assertThat(parsed.caFingerprint()).isEqualTo(FINGERPRINT);
    assertThat(parsed.text()).isEqualTo(GOOD);
    assertThat(parsed.token()).isEqualTo("k3v9qa.7w2m4rb8x0cd5n6p");
  }

  @Test
  void forgivesCaseWhiteSpaceAndLookAlikes() {
    String typed = "nav1-K3V9QA.7W2M4RB8XOCD5N6P-\n  " + FINGERPRINT.text().toUpperCase().replace('1', 'L');
    assertThat(EnrolmentString.parse(typed)).isEqualTo(EnrolmentString.parse(GOOD));
  }

  @Test
  void neverShowsTheSecretInToString() {
    assertThat(EnrolmentString.parse(GOOD).toString()).doesNotContain("7w2m4rb8x0cd5n6p").contains("k3v9qa");
  }

  @Test
  void errorsNameThePartThatIsWrong() {
    assertThatThrownBy(() -> EnrolmentString.parse("  ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> EnrolmentString.parse(GOOD.replace("NAV1-", "NAV2-")))
        .isInstanceOf(EnrolmentStringException.class).hasMessageContaining("must start with NAV1-")
        .hasMessageContaining("'NAV2-'");
    assertThatThrownBy(() -> EnrolmentString.parse(GOOD.replace("k3v9qa.", "k3v9qa")))
        .hasMessageContaining("'.' after the token id");
    assertThatThrownBy(() -> EnrolmentString.parse(GOOD.replace("k3v9qa", "k3v9q")))
        .hasMessage("token id: expected 6 characters, got 5");
    assertThatThrownBy(() -> EnrolmentString.parse(GOOD.replace("7w2m4rb8", "7w2u4rb8")))
        .hasMessageContaining("secret: character 'u' at position 4");
    assertThatThrownBy(() -> EnrolmentString.parse(GOOD.substring(0, GOOD.length() - 2)))
        .hasMessageContaining("CA fingerprint: expected 52 characters, got 50 (some missing?)");
    assertThatThrownBy(() -> EnrolmentString.parse(GOOD + "x"))
        .hasMessageContaining("CA fingerprint: expected 52 characters, got 53 (some extra?)");
  }

  @Test
  void aFingerprintWhoseLastCharacterCarriesStrayBitsIsATypo() {
    String text = FINGERPRINT.text();
    // 52 characters hold 260 bits; the last character's 4 low bits are always 0, so '1' there is a typo.
    assertThatThrownBy(() -> CaFingerprint.parse(text.substring(0, 51) + "1"))
        .hasMessageContaining("last character '1' cannot end this value");
  }

  @Property
  void everyFingerprintReadsBackFromItsText(@ForAll @Size(32) byte[] hash) {
    CaFingerprint fingerprint = CaFingerprint.parse(Base32.encode(hash));
    assertThat(fingerprint.text()).isEqualTo(Base32.encode(hash)).hasSize(52);
    assertThat(fingerprint.hex()).isEqualTo(java.util.HexFormat.of().formatHex(hash));
  }

  @Test
  void generatedStringsParseBack() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 200; i++) {
      EnrolmentString made = EnrolmentString.generate(random, FINGERPRINT);
      assertThat(EnrolmentString.parse(made.text())).isEqualTo(made);
    }
  }
}
