package fr.navette.hub.kiosks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the desk reads out of free-form SIP2 fields. */
class KioskDeskTest {

  @Test
  void theGreetingTakesTheFirstGivenNameOnlyAndOnlyWhenTheFormIsClear() {
    assertThat(KioskDesk.firstName("DUPONT, Marie-Hélène Louise")).hasValue("Marie-Hélène");
    assertThat(KioskDesk.firstName("Le Goff,  Zoé")).hasValue("Zoé");
    assertThat(KioskDesk.firstName("Marie Dupont")).isEmpty(); // which one is the surname? say nothing
    assertThat(KioskDesk.firstName("DUPONT,")).isEmpty();
    assertThat(KioskDesk.firstName("")).isEmpty();
  }

  @Test
  void feesAreWrittenAsTheSchemaWantsAndOnlyWhenSomethingIsOwed() {
    assertThat(KioskDesk.feesDue(Optional.of("12.4"))).hasValue("12.40");
    assertThat(KioskDesk.feesDue(Optional.of(" 3,05 "))).hasValue("3.05");
    assertThat(KioskDesk.feesDue(Optional.of("0.00"))).isEmpty();
    assertThat(KioskDesk.feesDue(Optional.of("-1.00"))).isEmpty(); // a credit is not a debt
    assertThat(KioskDesk.feesDue(Optional.of("EUR 2"))).isEmpty();
    assertThat(KioskDesk.feesDue(Optional.empty())).isEmpty();
  }

  @Test
  void dueDatesAreReadFromSip2DatesOrIsoDatesAndOtherwiseLeftOut() {
    assertThat(KioskDesk.date("20261215    235900")).hasValue(LocalDate.of(2026, 12, 15));
    assertThat(KioskDesk.date("2026-12-15")).hasValue(LocalDate.of(2026, 12, 15));
    assertThat(KioskDesk.date("15/12/2026")).isEmpty();
    assertThat(KioskDesk.date(" ".repeat(18))).isEmpty();
  }
}
