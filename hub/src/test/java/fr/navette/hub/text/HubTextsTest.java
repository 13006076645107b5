package fr.navette.hub.text;

import fr.navette.schema.testkit.CatalogueSources;
import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.transits.TransitStatus;
import fr.navette.schema.ReturnProblemEvent;
import fr.navette.schema.text.Catalogue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hub's catalogue holds together: both languages complete, the same arguments, no text left unused. */
class HubTextsTest {
  private static final Catalogue CATALOGUE = HubTexts.CATALOGUE;

  @Test
  void bothLanguagesHaveEveryKeyWithTheSameArguments() {
    assertThat(CATALOGUE.inconsistencies()).isEmpty();
  }

  @Test
  void everyKeyIsUsedByTheCode() throws IOException {
    String code = CatalogueSources.javaCode(Path.of("src/main/java"));
    // Keys looked up by a machine value: each value has its text, and those are all.
    assertThat(family("status.transit.")).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(TransitStatus.values()).map(TransitStatus::wireName).toList());
    assertThat(family("problem.")).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ReturnProblemEvent.Problem.values()).map(Enum::name).toList());
    // printer.<state> and reader.<state>: the state is named in the code that picks the text.
    Map<String, String> dynamic = Map.of("status.transit.", "\"status.transit.\"", "problem.", "\"problem.\"",
        "printer.", "\"printer.\"", "reader.", "\"reader.\"");
    assertThat(CATALOGUE.keys(Catalogue.FRENCH)).allSatisfy(key -> {
      Optional<String> prefix = dynamic.keySet().stream().filter(key::startsWith).findFirst();
      if (prefix.isPresent()) {
        assertThat(code).as(key).contains(dynamic.get(prefix.get()));
        String rest = key.substring(prefix.get().length());
        if (prefix.get().equals("printer.") || prefix.get().equals("reader.")) {
          assertThat(code).as(key).containsAnyOf("\"" + rest + "\"", "\"" + key + "\"");
        }
      } else {
        assertThat(code).as(key).contains("\"" + key + "\"");
      }
    });
  }

  @Test
  void aStoredTextIsSaidAgainInEitherLanguage() {
    Said gap = Said.of("alert.transit-overdue", "3000000001", "BR01", "BR02", Said.of("status.transit.packed"),
        Instant.parse("2026-12-03T09:15:00Z"));

    Said again = Said.stored(gap.key(), gap.argumentsJson());

    assertThat(again).isEqualTo(gap);
    assertThat(again.in(Catalogue.FRENCH)).startsWith("Document en transit depuis trop longtemps : 3000000001 BR01 → BR02"
        + " (emballé depuis ").contains("2026").doesNotContain("Transit overdue");
    assertThat(again.in(Catalogue.ENGLISH)).startsWith("Transit overdue: 3000000001 BR01 → BR02 (packed since ")
        .contains("2026").doesNotContain("emballé");
  }

  @Test
  void theLanguageComesFromTheQueryThenTheCookieThenTheBrowser() {
    assertThat(HubTexts.languageOf(Optional.of("en"), Optional.of("fr"), Optional.empty())).isEqualTo(Locale.ENGLISH);
    assertThat(HubTexts.languageOf(Optional.empty(), Optional.of("en"), Optional.of("fr-FR"))).isEqualTo(Locale.ENGLISH);
    assertThat(HubTexts.languageOf(Optional.empty(), Optional.empty(), Optional.of("en-GB,fr;q=0.8")))
        .isEqualTo(Locale.ENGLISH);
    assertThat(HubTexts.languageOf(Optional.empty(), Optional.empty(), Optional.of("de-DE,en;q=0.5")))
        .as("a language the hub does not speak: French, the network's").isEqualTo(Locale.FRENCH);
    assertThat(HubTexts.languageOf(Optional.empty(), Optional.empty(), Optional.empty())).isEqualTo(Locale.FRENCH);
  }

  private static java.util.List<String> family(String prefix) {
    return CATALOGUE.keys(Catalogue.FRENCH).stream().filter(k -> k.startsWith(prefix))
        .map(k -> k.substring(prefix.length())).toList();
  }
}
