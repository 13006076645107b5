package fr.navette.kiosk.selfcheck;

import fr.navette.kiosk.text.KioskTexts;
import fr.navette.schema.text.Catalogue;
import java.util.Objects;

/**
 * A sentence the patron reads, in both languages: the page shows the one the patron chose. Ours come from the
 * kiosk's catalogue ({@link #of}); the SIGB's and the hub's come as they said them.
 */
public record Text(String fr, String en) {
  public Text {
    Objects.requireNonNull(fr, "fr");
    Objects.requireNonNull(en, "en");
  }

  /** The catalogue's text of {@code key}, in French and in English. */
  static Text of(String key, Object... arguments) {
    return new Text(KioskTexts.say(Catalogue.FRENCH, key, arguments), KioskTexts.say(Catalogue.ENGLISH, key, arguments));
  }

  static final Text NO_ANSWER = of("text.no-answer");
  static final Text NO_ANSWER_LOGIN = of("text.no-answer-login");
  static final Text REFUSED = of("text.refused");
  static final Text LOAN_UNDONE = of("text.loan-undone");
  static final Text SEE_DESK = of("text.see-desk");
  static final Text RENEWAL_OFFERED = of("text.renewal-offered");
  static final Text NOTHING_ON_PAD = of("text.nothing-on-pad");
  static final Text VIEW_ONLY = of("text.view-only");
  static final Text LIBRARIAN = of("text.librarian");
  static final Text NOT_LOGGED_IN = of("text.not-logged-in");
  static final Text NOT_RECOGNISED = of("text.not-recognised");
  static final Text TOO_MANY_ATTEMPTS = of("text.too-many-attempts");
  static final Text PIN_REQUIRED = of("text.pin-required");

  static Text incompleteSet(int parts, java.util.List<Integer> missing) {
    return of("text.incomplete-set", String.valueOf(parts),
        String.join(", ", missing.stream().map(String::valueOf).toList()));
  }

  /** French first: what a log line shows. */
  @Override
  public String toString() {
    return fr;
  }
}
