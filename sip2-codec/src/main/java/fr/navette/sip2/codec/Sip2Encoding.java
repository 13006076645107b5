package fr.navette.sip2.codec;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The character encodings SIGBs use on the wire, chosen per SIGB. Text is NFC-normalised after
 * decoding (some servers send UTF-8 in NFD: "e" + combining acute) and before encoding. A
 * character the encoding cannot carry is folded to ASCII ("Œ" → "OE", "é" → "e") rather than
 * turned into "?", so a patron still reads a title.
 */
public enum Sip2Encoding {
  /** 7-bit ASCII, diacritics stripped. Bytes above 127 from a server are read as ISO-8859-1. */
  ASCII(StandardCharsets.US_ASCII),
  UTF_8(StandardCharsets.UTF_8),
  /** IBM code page 850 (DOS Latin-1), FOLIO's default and others'. */
  CP850(Charset.forName("IBM850")),
  ISO_8859_1(StandardCharsets.ISO_8859_1);

  private final Charset charset;

  Sip2Encoding(Charset charset) {
    this.charset = charset;
  }

  public Charset charset() {
    return charset;
  }

  /** Accepts the usual spellings: ascii, utf-8, utf8, cp850, ibm850, iso-8859-1, latin1. */
  public static Sip2Encoding parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace("_", "-");
    return switch (n) {
      case "ascii", "us-ascii" -> ASCII;
      case "utf-8", "utf8" -> UTF_8;
      case "cp850", "ibm850", "ibm-850", "cp-850" -> CP850;
      case "iso-8859-1", "iso8859-1", "latin1", "latin-1" -> ISO_8859_1;
      default -> throw new IllegalArgumentException(
          "unknown SIP2 encoding '" + name + "' (expected ascii, utf-8, cp850 or iso-8859-1)");
    };
  }

  public byte[] encode(String text) {
    String nfc = nfc(text);
    if (this == UTF_8) {
      return nfc.getBytes(charset);
    }
    CharsetEncoder encoder = charset.newEncoder();
    if (encoder.canEncode(nfc)) {
      return nfc.getBytes(charset);
    }
    StringBuilder sb = new StringBuilder(nfc.length() + 8);
    for (int i = 0; i < nfc.length(); ) {
      int cp = nfc.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      sb.append(encoder.canEncode(ch) ? ch : AsciiFolding.fold(ch));
      i += Character.charCount(cp);
    }
    return sb.toString().getBytes(charset);
  }

  public String decode(byte[] bytes, int offset, int length) {
    Charset read = this == ASCII ? StandardCharsets.ISO_8859_1 : charset;
    return nfc(new String(bytes, offset, length, read));
  }

  /**
   * NFC, cheaply: below U+0300 (where combining marks start) every character is its own NFC
   * form, which covers nearly every SIP2 message; only the rest goes through the Normalizer.
   */
  static String nfc(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x300) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
      }
    }
    return s;
  }
}
