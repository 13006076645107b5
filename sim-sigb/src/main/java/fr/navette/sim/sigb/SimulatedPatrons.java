package fr.navette.sim.sigb;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the simulated patrons are made of: their names ({@code "LAST, First"}, from these lists) and their card
 * numbers ({@link #cardNumber}). Public so that a test can look for them where they must never appear: the logs of
 * the whole test suite are scanned for them (bench: TestLogsPrivacyTest).
 */
public final class SimulatedPatrons {
  public static final List<String> FIRST_NAMES = List.of("Anne", "Benoît", "Chloé", "Damien", "Élodie",
      "François", "Gaëlle", "Hélène", "Inès", "Jérôme", "Karim", "Léa", "Mathéo", "Noémie", "Océane", "Pierre",
      "Rémi", "Sophie", "Théo", "Zoé");
  public static final List<String> LAST_NAMES = List.of("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau",
      "Girard", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier",
      "Perrin", "Robin", "Clément", "Morin", "Nicolas");
  /**
   * A simulated card number as it appears in text: {@code 2} then nine digits, the patron's number zero-padded — for
   * the simulator's networks (up to ten million patrons) it starts {@code 200}, which {@code 2147483647} does not.
   */
  public static final Pattern CARD_NUMBER = Pattern.compile("(?<![0-9])200[0-9]{7}(?![0-9])");

  private SimulatedPatrons() {}

  /** The card number of the {@code n}-th patron (from 1). */
  public static String cardNumber(int n) {
    return String.format("2%09d", n);
  }
}
