package fr.navette.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PatronPseudonymTest {
  private final byte[] key = new byte[32];
  private final PatronPseudonym network = new PatronPseudonym("k2026", key);

  @Test
  void samePatronSamePseudonymUnderOneKeyAndNothingOfTheBarcodeShows() {
    String ref = network.of("29000123456789");
    assertThat(ref).isEqualTo(network.of(" 29000123456789 ")).startsWith("pp1.k2026.").hasSize(10 + 22)
        .doesNotContain("29000123456789").doesNotContain("6789");
    assertThat(PatronPseudonym.requireWellFormed("patronRef", ref)).isEqualTo(ref);
    assertThat(network.of("ab123")).isEqualTo(network.of("AB123"));
    assertThat(network.of("29000123456780")).isNotEqualTo(ref);
  }

  @Test
  void anotherNetworkKeyGivesAnotherPseudonym() {
    byte[] other = Arrays.copyOf(key, 32);
    other[0] = 1;
    String ours = network.of("29000123456789");
    String theirs = new PatronPseudonym("k2026", other).of("29000123456789");
    assertThat(theirs).isNotEqualTo(ours);
  }

  @Test
  void theKeyIsNeverShownAndMustBeLongEnough() {
    assertThat(network.toString()).contains("k2026").contains("hidden");
    assertThatThrownBy(() -> new PatronPseudonym("k1", new byte[16])).hasMessageStartingWith("key:");
    assertThatThrownBy(() -> new PatronPseudonym("k 1", key)).hasMessageStartingWith("keyId:");
  }

  @Test
  void masksKeepOnlyTheLastCharacters() {
    assertThat(PatronPseudonym.mask("29000123456789")).isEqualTo("************89");
    assertThat(PatronPseudonym.mask("123")).isEqualTo("***");
  }
}
