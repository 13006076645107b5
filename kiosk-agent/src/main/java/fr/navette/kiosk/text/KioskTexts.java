package fr.navette.kiosk.text;

import fr.navette.schema.text.Catalogue;
import java.util.Locale;

/**
 * The kiosk agent's catalogue ({@code kiosk_fr.properties}, {@code kiosk_en.properties} beside this class): what
 * the self-check's patron reads in the language they chose, what the receipts print. The self-check page's own
 * labels live in its script ({@code kiosk.js}), which switches them without asking the kiosk.
 */
public final class KioskTexts {
  public static final Catalogue CATALOGUE = new Catalogue("fr.navette.kiosk.text.kiosk");

  private KioskTexts() {}

  public static String say(Locale language, String key, Object... arguments) {
    return CATALOGUE.say(language, key, arguments);
  }

  /** An amount of money as the language writes it, without its currency sign: 14,50 in French, 14.50 in English. */
  public static String amount(Locale language, String amount) {
    try {
      return String.format(language, "%.2f", new java.math.BigDecimal(amount.strip()));
    } catch (NumberFormatException e) {
      return amount; // the SIGB's own writing, kept as it is rather than lost
    }
  }
}
