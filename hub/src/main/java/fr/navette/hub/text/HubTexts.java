package fr.navette.hub.text;

import fr.navette.schema.text.Catalogue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The hub's catalogue ({@code hub_fr.properties}, {@code hub_en.properties} beside this class): alerts, the API's
 * refusals that staff read, notifications. French is the network's language and the default; English on request.
 * The staff pages' own labels live in their scripts ({@code fr/navette/hub/web/*.html}).
 */
public final class HubTexts {
  public static final Catalogue CATALOGUE = new Catalogue("fr.navette.hub.text.hub");
  /** The cookie a staff page keeps its reader's language in (set by the page, sent with every API call). */
  public static final String LANGUAGE_COOKIE = "navette-lang";

  private HubTexts() {}

  public static String say(Locale language, String key, Object... arguments) {
    return CATALOGUE.say(language, key, arguments);
  }

  /**
   * The language a request asks for: {@code ?lang=}, else the staff page's cookie, else the browser's first
   * Accept-Language; French when none says English.
   */
  public static Locale languageOf(Optional<String> query, Optional<String> cookie, Optional<String> acceptLanguage) {
    return Catalogue.language(query.or(() -> cookie)
        .or(() -> acceptLanguage.map(a -> Arrays.stream(a.split(",")).findFirst().orElse("")))
        .orElse(null));
  }
}
