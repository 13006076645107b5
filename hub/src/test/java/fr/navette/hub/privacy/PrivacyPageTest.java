package fr.navette.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** The page says the durations it is given, the contact escaped and linked; NS-009's four months are a ceiling. */
class PrivacyPageTest {
  @Test
  void thePageSaysTheConfiguredDurationsAndTheContact() {
    PrivacySettings settings = new PrivacySettings(new RetentionPolicy(Period.ofMonths(2), Period.ofDays(45),
        Period.ofYears(1), Period.ofMonths(18), Period.ofDays(90), Period.ofMonths(6)),
        "DPO du réseau <script>alert(1)</script> : dpo@reseau-lecture.fr");
    String fr = PrivacyPage.render(settings, Duration.ofMinutes(30), Duration.ofMinutes(10), false);
    assertThat(fr).contains("2 mois après le retour du document").contains(">45 jours<").contains(">1 an<")
        .contains(">1 an et 6 mois<").contains(">90 jours<").contains("audit 6 mois")
        .contains("Essais 10 min, blocage 30 min")
        .contains("<a href=\"mailto:dpo@reseau-lecture.fr\">dpo@reseau-lecture.fr</a>")
        .contains("&lt;script&gt;").doesNotContain("<script>").doesNotContain("--privacy-contact");
    String en = PrivacyPage.render(settings, Duration.ofHours(2), Duration.ofMinutes(10), true);
    assertThat(en).contains("2 months after the document's return").contains(">45 days<")
        .contains(">1 year and 6 months<").contains("a lock 2 hours");
  }

  @Test
  void loansAreNeverKeptLongerThanNs009AndEveryPeriodIsPositive() {
    RetentionPolicy d = RetentionPolicy.defaults();
    assertThatThrownBy(() -> new RetentionPolicy(Period.ofMonths(5), d.alarms(), d.deviceEvents(), d.transits(),
        d.quarantine(), d.audit())).hasMessageContaining("at most 4 months (CNIL NS-009), got P5M");
    assertThatThrownBy(() -> new RetentionPolicy(Period.ofMonths(4).plusDays(1), d.alarms(), d.deviceEvents(),
        d.transits(), d.quarantine(), d.audit())).hasMessageContaining("NS-009");
    assertThatThrownBy(() -> new RetentionPolicy(d.loansAfterReturn(), Period.ZERO, d.deviceEvents(), d.transits(),
        d.quarantine(), d.audit())).hasMessageContaining("retention of alarms must be positive");
    assertThatThrownBy(() -> PrivacySettings.defaults().withContact("a\nb")).hasMessageContaining("one line");
  }
}
