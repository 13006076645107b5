package fr.navette.kiosk.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code library.name}: the library patrons know, on the page's header and heading the receipt. */
class SelfCheckSettingsTest {
  private static Map<String, String> minimal() {
    Map<String, String> s = new HashMap<>();
    s.put("mode", SelfCheckSettings.MODE);
    s.put("site", "BR01");
    s.put("device-id", "kiosk-BR01-1");
    return s;
  }

  private static Receipt receipt(KioskConfig config) {
    return new Receipt(config.site(), config.libraryName(), config.deviceId(), LocalDateTime.of(2026, 12, 3, 18, 40),
        "********01", List.of(new Receipt.Line("3000000001", Optional.of("Les Misérables"),
        Optional.of(LocalDate.of(2026, 12, 24)), false)), Optional.empty());
  }

  @Test
  void unsetTheSiteCodeStandsForTheLibrarysName() {
    KioskConfig config = SelfCheckSettings.parse(minimal()).kiosk();

    assertThat(config.libraryName()).isEmpty();
    assertThat(config.shownName()).isEqualTo("BR01");
    assertThat(receipt(config).textLines(Locale.FRENCH).getFirst()).isEqualTo("Bibliothèque BR01");
  }

  @Test
  void setItIsShownAndHeadsTheReceiptInBothLanguages() {
    Map<String, String> s = minimal();
    s.put("library.name", "  Médiathèque de Lyon ");

    KioskConfig config = SelfCheckSettings.parse(s).kiosk();

    assertThat(config.libraryName()).contains("Médiathèque de Lyon");
    assertThat(config.shownName()).isEqualTo("Médiathèque de Lyon");
    assertThat(receipt(config).textLines(Locale.FRENCH).getFirst()).isEqualTo("Médiathèque de Lyon");
    assertThat(receipt(config).textLines(Locale.ENGLISH).getFirst()).isEqualTo("Médiathèque de Lyon");
    assertThat(receipt(config).textLines(Locale.FRENCH)).contains("  À rendre le 24/12/2026");
  }

  @Test
  void aBlankNameIsNoName() {
    Map<String, String> s = minimal();
    s.put("library.name", "   ");

    assertThat(SelfCheckSettings.parse(s).kiosk().shownName()).isEqualTo("BR01");
  }
}
