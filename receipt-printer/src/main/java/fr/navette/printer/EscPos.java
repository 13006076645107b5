package fr.navette.printer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * ESC/POS bytes for a {@link Receipt}: {@code ESC @} (reset), {@code ESC t n} (code page), then each line with
 * {@code ESC a} (alignment) and {@code ESC E} (bold) around its text and LF, a feed past the cutter and
 * {@code GS V 66 0} (feed and partial cut). French text goes out in a DOS code page the printer has built in:
 * CP858 (CP850 with the euro sign; ESC t 19 on Epson TM printers) or CP850 (ESC t 2) where the printer lacks
 * CP858. What the code page cannot hold is spelt another way (Œ → OE, € → EUR on CP850, ’ → ') and never dropped.
 */
public final class EscPos {
  public static final byte ESC = 0x1B;
  public static final byte GS = 0x1D;
  public static final byte DLE = 0x10;
  public static final byte EOT = 0x04;
  public static final byte LF = 0x0A;
  /** Lines fed before the cut so that the last printed line clears the cutter. */
  static final int FEED_BEFORE_CUT = 4;

  /** The code pages a French receipt can use, with their ESC t number and the JDK's name for them. */
  public enum CodePage {
    CP858(19, "IBM00858"),
    CP850(2, "IBM850");

    private final int escT;
    private final Charset charset;

    CodePage(int escT, String charsetName) {
      this.escT = escT;
      this.charset = Charset.forName(charsetName);
    }

    public int escT() {
      return escT;
    }

    public Charset charset() {
      return charset;
    }

    /** The code page that ESC t {@code n} selects, among ours. */
    public static java.util.Optional<CodePage> ofEscT(int n) {
      for (CodePage c : values()) {
        if (c.escT == n) {
          return java.util.Optional.of(c);
        }
      }
      return java.util.Optional.empty();
    }
  }

  private EscPos() {}

  /** The bytes that print {@code receipt} on paper {@code columns} characters wide, then cut. */
  public static byte[] encode(Receipt receipt, CodePage codePage, int columns) {
    if (columns < 16) {
      throw new IllegalArgumentException("a receipt needs at least 16 columns, not " + columns);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {ESC, '@', ESC, 't', (byte) codePage.escT()});
    for (Receipt.Line line : receipt.lines()) {
      out.writeBytes(new byte[] {ESC, 'a', (byte) (line.align() == Receipt.Align.CENTER ? 1 : 0)});
      if (line.bold()) {
        out.writeBytes(new byte[] {ESC, 'E', 1});
      }
      for (String part : wrap(spell(line.text(), codePage), columns)) {
        out.writeBytes(bytes(part, codePage));
        out.write(LF);
      }
      if (line.bold()) {
        out.writeBytes(new byte[] {ESC, 'E', 0});
      }
    }
    out.writeBytes(new byte[] {ESC, 'a', 0, ESC, 'd', (byte) FEED_BEFORE_CUT, GS, 'V', 66, 0});
    return out.toByteArray();
  }

  /** {@code DLE EOT n}: a real-time status query, answered with one byte even while printing. */
  public static byte[] statusQuery(int n) {
    if (n < 1 || n > 4) {
      throw new IllegalArgumentException("DLE EOT takes 1 to 4, not " + n);
    }
    return new byte[] {DLE, EOT, (byte) n};
  }

  /**
   * Text the code page can hold: ligatures and typographic marks spelt plainly, other letters without accents,
   * control characters as spaces.
   */
  static String spell(String text, CodePage codePage) {
    String s = text.replace("Œ", "OE").replace("œ", "oe").replace("’", "'").replace("‘", "'")
        .replace("“", "\"").replace("”", "\"").replace("…", "...").replace("–", "-").replace("—", "-")
        .replace('\u00A0', ' ').replace('\u202F', ' ');
    if (codePage == CodePage.CP850) {
      s = s.replace("€", "EUR");
    }
    CharsetEncoder encoder = codePage.charset().newEncoder();
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      String c = new String(Character.toChars(cp));
      if (Character.isISOControl(cp)) {
        b.append(' '); // a title from the SIGB must never carry a printer command
      } else if (encoder.canEncode(c)) {
        b.append(c);
      } else {
        String bare = Normalizer.normalize(c, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        b.append(!bare.isEmpty() && encoder.canEncode(bare) ? bare : "?");
      }
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  /** Splits at spaces to fit {@code columns}; a word longer than a line is cut. */
  static List<String> wrap(String text, int columns) {
    List<String> lines = new ArrayList<>();
    String rest = text.stripTrailing();
    while (rest.length() > columns) {
      int cut = rest.lastIndexOf(' ', columns);
      if (cut <= 0) {
        lines.add(rest.substring(0, columns));
        rest = rest.substring(columns);
      } else {
        lines.add(rest.substring(0, cut));
        rest = rest.substring(cut + 1);
      }
    }
    lines.add(rest);
    return lines;
  }

  private static byte[] bytes(String text, CodePage codePage) {
    CharsetEncoder encoder = codePage.charset().newEncoder().onUnmappableCharacter(CodingErrorAction.REPLACE)
        .onMalformedInput(CodingErrorAction.REPLACE);
    try {
      ByteBuffer buffer = encoder.encode(CharBuffer.wrap(text));
      byte[] out = new byte[buffer.remaining()];
      buffer.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("REPLACE never throws", e);
    }
  }
}
