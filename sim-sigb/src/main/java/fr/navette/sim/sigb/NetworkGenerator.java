package fr.navette.sim.sigb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds a library network from a seed: the same seed gives the same branches, catalogue,
 * patrons, loans and holds, so a test or a demo can name "item 3000000042" and mean the same
 * document every run. Nothing here may iterate a hash-ordered collection.
 */
final class NetworkGenerator {
  static final List<String> TOWNS = List.of("Saint-Aubin", "Villeneuve-sur-Lot", "Montreuil-Bellay", "Châteaubourg",
      "Les Herbiers", "Pont-l'Abbé", "Beaumont", "Sainte-Foy", "Val-d'Arré", "Écouché", "La Roche-Morel",
      "Bourg-Fontaine", "Mauriac-les-Bains", "Ferrières", "Loudéac");

  /** Titles a French catalogue has, with the diacritics and ligatures encodings trip on. */
  static final List<String> CLASSICS = List.of("Les Misérables", "Œuvres complètes", "Ça ira",
      "À la recherche du temps perdu", "L'Étranger", "Le Père Goriot", "Madame Bovary", "Germinal",
      "La Bête humaine", "Les Fleurs du mal", "Le Comte de Monte-Cristo", "Bonjour tristesse",
      "Mémoires d'Hadrien", "L'Écume des jours", "Le Rouge et le Noir", "Notre-Dame de Paris",
      "Cyrano de Bergerac", "Les Liaisons dangereuses", "Thérèse Raquin", "Vingt mille lieues sous les mers",
      "Le Petit Prince", "Astérix le Gaulois", "Tintin au Tibet", "La Cantatrice chauve", "Noël à Écouché");

  private static final List<String> AUTHORS = List.of("Hugo", "Zola", "Balzac", "Flaubert", "Camus", "Proust",
      "Sagan", "Yourcenar", "Vian", "Stendhal", "Dumas", "Verne", "Colette", "Duras", "Ernaux", "Modiano",
      "Goscinny", "Hergé", "Ionesco", "Rostand", "Laclos", "Saint-Exupéry", "Némirovsky", "Süskind", "Kundera",
      "Pérec", "Condé", "Maalouf", "Djebar", "Ndiaye");
  private static final List<String> NOUNS = List.of("jardin", "voyage", "silence", "château", "été", "hiver",
      "forêt", "mémoire", "rivière", "île", "nuit", "cœur", "chemin", "fenêtre", "écho", "maison", "mer",
      "lumière", "secret", "âge");
  private static final List<String> ADJECTIVES = List.of("perdu", "oublié", "bleu", "éternel", "lointain",
      "caché", "doré", "ancien", "fragile", "dernier", "premier", "étrange", "ému", "sauvage");
  private static final String[][] COLLECTIONS = {
      {"ROMAN", "R"}, {"JEUNESSE", "J"}, {"BD", "BD"}, {"DOC", "8"}, {"DVD", "DVD"}, {"CD", "CD"}, {"PERIO", "P"}};

  /** Call-number letters per author: worked out once (a Normalizer and two regexes per item made 600,000 slow). */
  private final Map<String, String> callLetters = new java.util.HashMap<>();
  private final SplittableRandom random;
  private final SigbSimulatorConfig.NetworkSize size;
  private final Instant now;

  NetworkGenerator(long seed, SigbSimulatorConfig.NetworkSize size, Instant now) {
    this.random = new SplittableRandom(seed);
    this.size = size;
    this.now = now;
  }

  record Generated(List<Branch> branches, List<Item> items, List<Patron> patrons, List<Loan> loans,
      List<Hold> holds) {}

  Generated generate() {
    List<Branch> branches = new ArrayList<>();
    for (int i = 0; i < size.branches(); i++) {
      String town = TOWNS.get(i % TOWNS.size()) + (i >= TOWNS.size() ? " " + (i / TOWNS.size() + 1) : "");
      branches.add(new Branch(String.format("BR%02d", i + 1), "Médiathèque " + of(town)));
    }
    List<Item> items = items(branches);
    List<Patron> patrons = new ArrayList<>();
    for (int i = 0; i < size.patrons(); i++) {
      String name = pick(SimulatedPatrons.LAST_NAMES) + ", " + pick(SimulatedPatrons.FIRST_NAMES);
      String pin = String.format("%04d", random.nextInt(10_000));
      boolean expired = random.nextInt(100) < 3;
      boolean tooMany = random.nextInt(100) < 2;
      int fees = random.nextInt(100) < 10 ? random.nextInt(50) * 50 : 0;
      patrons.add(new Patron(SimulatedPatrons.cardNumber(i + 1), name, pin, pick(branches).code(), expired, tooMany,
          fees));
    }
    Map<String, Loan> loans = new LinkedHashMap<>();
    List<Hold> holds = new ArrayList<>();
    if (!patrons.isEmpty()) {
      for (Item item : items) {
        int roll = random.nextInt(1000);
        if (roll < 150) {
          Patron p = patrons.get(random.nextInt(patrons.size()));
          // a patron borrows at home four times in five, elsewhere otherwise (DESIGN §10)
          String branch = random.nextInt(5) == 0 ? pick(branches).code() : p.homeBranch();
          Instant out = now.minus(Duration.ofHours(1 + random.nextInt(35 * 24)));
          loans.put(item.id(), new Loan(item.id(), p.id(), branch, out, out.plus(Duration.ofDays(21))));
          if (random.nextInt(100) < 12) {
            holds.add(hold(item, patrons, branches));
          }
        } else if (roll < 160) {
          holds.add(hold(item, patrons, branches));
        }
      }
    }
    return new Generated(List.copyOf(branches), List.copyOf(items), List.copyOf(patrons),
        List.copyOf(loans.values()), List.copyOf(holds));
  }

  private Hold hold(Item item, List<Patron> patrons, List<Branch> branches) {
    Patron p = patrons.get(random.nextInt(patrons.size()));
    // half the holds are picked up away from the item's home: those make the shuttle run
    String pickup = random.nextBoolean() ? item.homeBranch() : pick(branches).code();
    return new Hold(item.id(), p.id(), p.name(), pickup, Hold.Status.PENDING);
  }

  private List<Item> items(List<Branch> branches) {
    List<Item> items = new ArrayList<>(size.items());
    int n = 0;
    while (items.size() < size.items()) {
      String[] collection = COLLECTIONS[random.nextInt(COLLECTIONS.length)];
      String author = pick(AUTHORS);
      String title = n < CLASSICS.size() ? CLASSICS.get(n) : generatedTitle();
      n++;
      MediaType media = switch (collection[0]) {
        case "DVD" -> MediaType.VIDEO;
        case "CD" -> MediaType.CD;
        case "PERIO" -> MediaType.MAGAZINE;
        default -> random.nextInt(40) == 0 ? MediaType.BOOK_WITH_CD : MediaType.BOOK;
      };
      String prefix = collection[1].equals("8") ? (800 + random.nextInt(100)) + "" : collection[1];
      String callNumber = prefix + " " + callLetters.computeIfAbsent(author, NetworkGenerator::stripToUpper);
      String home = pick(branches).code();
      int setSize = random.nextInt(30) == 0 ? 2 + random.nextInt(4) : 1;
      for (int part = 1; part <= setSize && items.size() < size.items(); part++) {
        String id = numbered('3', items.size() + 1);
        String t = setSize > 1 ? title + ", tome " + part : title;
        items.add(new Item(id, t, author, callNumber, collection[0], media, home, part, setSize));
      }
    }
    return items;
  }

  private String generatedTitle() {
    String noun = pick(NOUNS);
    String article = "aeiouéèêâîôœh".indexOf(noun.charAt(0)) >= 0 ? "L'" : (random.nextBoolean() ? "Le " : "La ");
    return article + noun + " " + pick(ADJECTIVES);
  }

  private static String stripToUpper(String author) {
    String plain = java.text.Normalizer.normalize(author, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String letters = plain.replaceAll("[^A-Za-z]", "").toUpperCase(java.util.Locale.ROOT);
    return letters.substring(0, Math.min(3, letters.length()));
  }

  /** "de Saint-Aubin", "des Herbiers", "du Mans": French contracts "de Les" and "de Le". */
  static String of(String town) {
    if (town.startsWith("Les ")) {
      return "des " + town.substring(4);
    }
    if (town.startsWith("Le ")) {
      return "du " + town.substring(3);
    }
    return "de " + town;
  }

  /** {@code first} then {@code n} on nine digits, as {@code String.format("3%09d", n)} writes it, 20 times faster. */
  private static String numbered(char first, int n) {
    char[] digits = {first, '0', '0', '0', '0', '0', '0', '0', '0', '0'};
    for (int i = digits.length - 1; n > 0 && i > 0; i--, n /= 10) {
      digits[i] = (char) ('0' + n % 10);
    }
    return new String(digits);
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
