package fr.navette.sip2.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingTest {

  @ParameterizedTest
  @EnumSource(value = Sip2Encoding.class, names = {"UTF_8", "ISO_8859_1", "CP850"})
  void frenchTitlesSurviveEveryEightBitEncoding(Sip2Encoding e) {
    for (String title : new String[] {"Les Misérables", "Ça ira", "À la recherche du temps perdu", "Noël"}) {
      byte[] b = e.encode(title);
      assertThat(e.decode(b, 0, b.length)).isEqualTo(title);
    }
  }

  @Test
  void cp850IsNotLatin1() {
    // é is 0x82 in CP850 and 0xE9 in ISO-8859-1
    assertThat(Sip2Encoding.CP850.encode("é")).containsExactly(0x82);
    assertThat(Sip2Encoding.ISO_8859_1.encode("é")).containsExactly(0xE9);
  }

  @Test
  void asciiStripsDiacriticsAndSpellsLigatures() {
    byte[] b = Sip2Encoding.ASCII.encode("Œuvres complètes — Ça ira");
    assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("OEuvres completes - Ca ira");
  }

  @Test
  void latin1FoldsWhatItCannotCarry() {
    byte[] b = Sip2Encoding.ISO_8859_1.encode("Œuvres complètes");
    assertThat(Sip2Encoding.ISO_8859_1.decode(b, 0, b.length)).isEqualTo("OEuvres complètes");
  }

  @Test
  void utf8InNfdArrivesAsNfc() {
    String nfd = Normalizer.normalize("Les Misérables", Normalizer.Form.NFD);
    byte[] b = nfd.getBytes(StandardCharsets.UTF_8);
    String decoded = Sip2Encoding.UTF_8.decode(b, 0, b.length);
    assertThat(decoded).isEqualTo("Les Misérables").hasSize(14);
  }

  @Test
  void utf8SendsNfc() {
    String nfd = Normalizer.normalize("é", Normalizer.Form.NFD);
    assertThat(Sip2Encoding.UTF_8.encode(nfd)).hasSize(2); // one code point, C3 A9
  }

  @ParameterizedTest
  @ValueSource(strings = {"utf-8", "UTF8", "cp850", "IBM850", "latin1", "iso-8859-1", "ascii"})
  void usualSpellingsAreUnderstood(String name) {
    assertThat(Sip2Encoding.parse(name)).isNotNull();
  }
}
