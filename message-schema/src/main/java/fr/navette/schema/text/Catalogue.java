package fr.navette.schema.text;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application's words for people, one {@code .properties} file per language ({@code <base>_fr.properties},
 * {@code <base>_en.properties}, UTF-8 as Java 9+ reads them), each text a {@link MessageFormat} pattern: a
 * single quote is written {@code ''} (l''accueil), arguments are {@code {0}}, {@code {1}}. French is the default:
 * any language other than English is answered in French, never in the JVM's own locale.
 */
public final class Catalogue {
  public static final Locale FRENCH = Locale.FRENCH;
  public static final Locale ENGLISH = Locale.ENGLISH;
  /** The languages every catalogue has, French first. */
  public static final List<Locale> LANGUAGES = List.of(FRENCH, ENGLISH);
  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[,}]");
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final String baseName;
  private final Map<Locale, ResourceBundle> bundles = new ConcurrentHashMap<>();

  /** @param baseName the bundle's name, e.g. {@code fr.navette.hub.text.hub} */
  public Catalogue(String baseName) {
    this.baseName = baseName;
  }

  /** The language asked for: English when the tag says so ({@code en}, {@code en-GB}), else French. */
  public static Locale language(String tag) {
    return tag != null && tag.strip().toLowerCase(Locale.ROOT).startsWith("en") ? ENGLISH : FRENCH;
  }

  /** The text of {@code key} in {@code language}, its arguments put in. */
  public String say(Locale language, String key, Object... arguments) {
    String pattern = pattern(language, key);
    return new MessageFormat(pattern, language).format(arguments);
  }

  /** The raw pattern of {@code key}, as the file has it. */
  public String pattern(Locale language, String key) {
    try {
      return bundle(language).getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalArgumentException("no text " + key + " in " + baseName + " (" + language + ")", e);
    }
  }

  /** Every key of a language, sorted: for the tests that hold the languages together. */
  public Set<String> keys(Locale language) {
    return new TreeSet<>(bundle(language).keySet());
  }

  /** The argument numbers a pattern uses, to check both languages take the same ones. */
  public static Set<Integer> arguments(String pattern) {
    Set<Integer> out = new TreeSet<>();
    Matcher m = ARGUMENT.matcher(pattern);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  /**
   * What does not hold together, for a catalogue's test: no text at all, a key one language lacks, arguments that
   * differ between the languages, a lone single quote (MessageFormat would swallow it and the text after it).
   */
  public List<String> inconsistencies() {
    java.util.List<String> out = new java.util.ArrayList<>();
    Set<String> all = new TreeSet<>();
    LANGUAGES.forEach(l -> all.addAll(keys(l)));
    if (all.isEmpty()) {
      out.add(baseName + ": no text at all");
    }
    for (String key : all) {
      Set<Integer> first = null;
      for (Locale l : LANGUAGES) {
        if (!bundle(l).containsKey(key)) {
          out.add(key + ": missing in " + l);
          continue;
        }
        String pattern = bundle(l).getString(key);
        if (pattern.replace("''", "").contains("'")) {
          out.add(key + " (" + l + "): a single quote must be written '' in a MessageFormat pattern");
        }
        Set<Integer> args = arguments(pattern);
        if (first == null) {
          first = args;
        } else if (!first.equals(args)) {
          out.add(key + ": arguments " + first + " in French, " + args + " in " + l);
        }
      }
    }
    return out;
  }

  private ResourceBundle bundle(Locale language) {
    Locale lang = language(language.getLanguage());
    return bundles.computeIfAbsent(lang, l -> ResourceBundle.getBundle(baseName, l, NO_FALLBACK));
  }
}
