package fr.navette.sip2.codec;

import java.text.Normalizer;
import java.util.Map;

/** Folds text to printable ASCII the way a French reader expects: "Œuvres" → "OEuvres", "Ça" → "Ca". */
final class AsciiFolding {
  private static final Map<Integer, String> LIGATURES = Map.ofEntries(
      Map.entry((int) 'Œ', "OE"), Map.entry((int) 'œ', "oe"), Map.entry((int) 'Æ', "AE"),
      Map.entry((int) 'æ', "ae"), Map.entry((int) 'ß', "ss"), Map.entry((int) 'Ø', "O"),
      Map.entry((int) 'ø', "o"), Map.entry((int) 'Đ', "D"), Map.entry((int) 'đ', "d"),
      Map.entry((int) 'Ł', "L"), Map.entry((int) 'ł', "l"), Map.entry((int) '«', "\""),
      Map.entry((int) '»', "\""), Map.entry((int) '’', "'"), Map.entry((int) '‘', "'"),
      Map.entry((int) '“', "\""), Map.entry((int) '”', "\""), Map.entry((int) '–', "-"),
      Map.entry((int) '—', "-"), Map.entry((int) '…', "..."), Map.entry((int) '€', "EUR"),
      Map.entry(0xA0, " "), Map.entry(0x202F, " "));

  private AsciiFolding() {}

  static String fold(String text) {
    StringBuilder out = new StringBuilder(text.length());
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    for (int i = 0; i < decomposed.length(); ) {
      int cp = decomposed.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x80) {
        out.append((char) cp);
      } else if (Character.getType(cp) == Character.NON_SPACING_MARK) {
        // the accent of a decomposed letter: dropping it leaves the base letter
      } else {
        out.append(LIGATURES.getOrDefault(cp, "?"));
      }
    }
    return out.toString();
  }
}
