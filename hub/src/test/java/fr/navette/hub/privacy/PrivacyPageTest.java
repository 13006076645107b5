package fr.navette.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The page says the retention in force (the purge's own), the contact escaped and linked; what names no patron is
 * said to be kept, not given a deletion nobody does; NS-009's four months are a ceiling.
 */
class PrivacyPageTest {
  @Test
  void thePageSaysTheRetentionInForceAndTheContact() {
    PrivacySettings settings = new PrivacySettings(new RetentionPolicy(Retention.cnil().withLoanMonths(2, false)),
        "DPO du réseau <script>alert(1)</script> : dpo@reseau-lecture.fr");
    String fr = PrivacyPage.render(settings, Duration.ofMinutes(30), Duration.ofMinutes(10), false);
    assertThat(fr).contains("Jusqu'à la fin du deuxième mois suivant le retour du document")
        .contains("Contenu effacé 2 mois après la fin du mois de réception")
        .contains("Sans durée fixée : aucun usager n'y figure (statistiques du réseau)")
        .contains("journal d'audit conservé")
        .contains("Essais 10 min, blocage 30 min")
        .contains("<a href=\"mailto:dpo@reseau-lecture.fr\">dpo@reseau-lecture.fr</a>")
        .contains("&lt;script&gt;").doesNotContain("<script>").doesNotContain("--privacy-contact");
    String en = PrivacyPage.render(settings, Duration.ofHours(2), Duration.ofMinutes(10), true);
    assertThat(en).contains("To the end of the second month after the document's return")
        .contains("Bytes cleared 2 months after the end of the month received")
        .contains("a lock 2 hours");
    assertThat(PrivacyPage.render(PrivacySettings.defaults(), Duration.ofHours(1), Duration.ofMinutes(10), false))
        .contains("Jusqu'à la fin du quatrième mois suivant le retour du document");
  }

  @Test
  void loansAreNeverKeptLongerThanNs009UnlessAskedByName() {
    assertThatThrownBy(() -> Retention.cnil().withLoanMonths(5, false)).hasMessageContaining("NS-009")
        .hasMessageContaining("--retention-beyond-cnil");
    assertThat(new RetentionPolicy(Retention.cnil().withLoanMonths(6, true)).loansAfterReturn().toTotalMonths())
        .isEqualTo(6);
    assertThatThrownBy(() -> PrivacySettings.defaults().withContact("a\nb")).hasMessageContaining("one line");
  }
}
