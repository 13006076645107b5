package fr.navette.kiosk.text;

import fr.navette.schema.testkit.CatalogueSources;
import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.printer.PrinterException;
import fr.navette.schema.text.Catalogue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The kiosk's catalogue holds together: both languages complete, the same arguments, no text left unused. */
class KioskTextsTest {
  private static final Catalogue CATALOGUE = KioskTexts.CATALOGUE;

  @Test
  void bothLanguagesHaveEveryKeyWithTheSameArguments() {
    assertThat(CATALOGUE.inconsistencies()).isEmpty();
  }

  @Test
  void everyKeyIsUsedByTheCode() throws IOException {
    String code = CatalogueSources.javaCode(Path.of("src/main/java"));
    // The printer's faults are looked up by their kind's name: each kind has its text, and those are all.
    assertThat(CATALOGUE.keys(Catalogue.FRENCH).stream().filter(k -> k.startsWith("printer.")))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(PrinterException.Kind.values())
            .map(k -> "printer." + k.name()).toList());
    assertThat(CATALOGUE.keys(Catalogue.FRENCH).stream().filter(k -> !k.startsWith("printer.")))
        .allSatisfy(key -> assertThat(code).as(key).contains("\"" + key + "\""));
  }

  @Test
  void oneLanguageAtATimeWithItsOwnWritingOfNumbers() {
    assertThat(KioskTexts.say(Catalogue.FRENCH, "receipt.fees-due", KioskTexts.amount(Catalogue.FRENCH, "14.5")))
        .isEqualTo("Montant dû : 14,50 €");
    assertThat(KioskTexts.say(Catalogue.ENGLISH, "receipt.fees-due", KioskTexts.amount(Catalogue.ENGLISH, "14.5")))
        .isEqualTo("Amount due: €14.50");
    assertThat(KioskTexts.say(Catalogue.FRENCH, "return.count", 1)).isEqualTo("1 document rendu");
    assertThat(KioskTexts.say(Catalogue.FRENCH, "return.count", 5)).isEqualTo("5 documents rendus");
    assertThat(KioskTexts.say(Catalogue.ENGLISH, "return.count", 5)).isEqualTo("5 documents returned");
    // A quote written '' comes out as one: the French elision survives MessageFormat.
    assertThat(KioskTexts.say(Catalogue.FRENCH, "print.no-printer")).startsWith("Cet automate n'a pas d'imprimante");
    // Any language but English is answered in French, whatever the JVM's own locale.
    assertThat(KioskTexts.say(Catalogue.language("de"), "receipt.thanks")).isEqualTo("Merci !");
    assertThat(KioskTexts.say(Catalogue.language("en-GB"), "receipt.thanks")).isEqualTo("Thank you!");
  }
}
