package fr.navette.tag;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** encode -> decode gives back what was encoded, for both parts, also inside zero-filled tag memory. */
class TagRoundTripTest {

  @Property(tries = 500)
  void part3RoundTrips(@ForAll("part3Data") TagData data, @ForAll boolean thirtyFour, @ForAll("memorySize") int memory) throws Exception {
    Iso28560Part3.Layout layout = thirtyFour ? Iso28560Part3.Layout.BYTES_34 : Iso28560Part3.Layout.BYTES_32;
    if (!thirtyFour && data.ownerIsil().map(s -> s.length() > 12).orElse(false)) {
      return; // 32-byte tags hold 9 library characters
    }
    byte[] bytes = Iso28560Part3.encode(data, layout);
    assertThat(TagDecoder.decode(bytes)).isEqualTo(data);
    assertThat(TagDecoder.decode(inMemory(bytes, memory))).isEqualTo(data);
  }

  @Property(tries = 1000)
  void part2RoundTrips(@ForAll("part2Data") TagData data, @ForAll("memorySize") int memory) throws Exception {
    byte[] bytes = Iso28560Part2.encode(data);
    TagData back = TagDecoder.decode(inMemory(bytes, memory));
    assertThat(withoutContentParameter(back)).isEqualTo(data);
  }

  @Property(tries = 1000)
  void everyCompactionRoundTrips(@ForAll("anyText") String text) throws Exception {
    Compaction best = Compaction.best(text);
    assertThat(best.decode(best.encode(text))).isEqualTo(text);
    assertThat(Compaction.UTF8.decode(Compaction.UTF8.encode(text))).isEqualTo(text);
  }

  @Property(tries = 1000)
  void isilCompactionRoundTrips(@ForAll("isil") String isil) throws Exception {
    assertThat(IsilCompaction.decode(IsilCompaction.encode(isil))).isEqualTo(isil);
  }

  static byte[] inMemory(byte[] bytes, int size) {
    return java.util.Arrays.copyOf(bytes, Math.max(bytes.length, size));
  }

  static TagData withoutContentParameter(TagData d) {
    var other = new java.util.TreeMap<>(d.otherElements());
    other.remove(DataElement.CONTENT_PARAMETER);
    return new TagData(d.format(), d.primaryItemIdentifier(), d.ownerIsil(), d.set(), d.typeOfUsage(), d.shelfLocation(), d.title(), other);
  }

  @Provide
  Arbitrary<Integer> memorySize() {
    return Arbitraries.of(0, 32, 36, 112, 256);
  }

  @Provide
  Arbitrary<TagData> part3Data() {
    Arbitrary<String> pii = Arbitraries.strings().withCharRange((char) 0x20, (char) 0x7E).withCharRange((char) 0xA0, (char) 0xFF).ofMinLength(0).ofMaxLength(16);
    Arbitrary<String> country = Arbitraries.strings().withCharRange('A', 'Z').ofLength(2);
    Arbitrary<String> library = Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'z').withCharRange('A', 'Z').withChars('-').ofMinLength(1).ofMaxLength(11);
    Arbitrary<String> isil = Combinators.combine(country, library).as((c, l) -> c + "-" + l).injectNull(0.2);
    Arbitrary<Integer> usage = Arbitraries.integers().between(0, 15);
    Arbitrary<SetInfo> set = Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255)).as(SetInfo::new);
    return Combinators.combine(pii, isil, usage, set)
        .as((p, i, u, s) -> TagData.builder(TagFormat.ISO28560_3, p).ownerIsil(i).typeOfUsage(TypeOfUsage.of(u)).set(s).build());
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withCharRange((char) 0x41, (char) 0x5F).ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withCharRange((char) 0x20, (char) 0x5F).ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withCharRange((char) 0x00, (char) 0xFF).ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20).filter(s -> s.codePoints().allMatch(Character::isDefined) && !hasLoneSurrogate(s)));
  }

  static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  @Provide
  Arbitrary<String> isil() {
    return Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').withCharRange('0', '9').withChars('-', ':', '/').ofMinLength(1).ofMaxLength(16);
  }

  @Provide
  Arbitrary<TagData> part2Data() {
    Arbitrary<String> pii = anyText().filter(s -> s.length() <= 32);
    Arbitrary<String> isil = isil().injectNull(0.3);
    Arbitrary<SetInfo> set =
        Combinators.combine(Arbitraries.integers().between(1, 999), Arbitraries.integers().between(1, 999)).as(SetInfo::new).injectNull(0.4);
    Arbitrary<TypeOfUsage> usage = Arbitraries.integers().between(0, 255).map(TypeOfUsage::fromByte).injectNull(0.4);
    Arbitrary<String> shelf = anyText().injectNull(0.5);
    Arbitrary<String> title = anyText().injectNull(0.5);
    Arbitrary<java.util.Map<Integer, String>> other =
        Arbitraries.maps(Arbitraries.integers().between(7, 40).filter(o -> o != 11 && o != 17), anyText()).ofMaxSize(3);
    return Combinators.combine(pii, isil, set, usage, shelf, title, other)
        .as(
            (p, i, s, u, sh, t, o) ->
                TagData.builder(TagFormat.ISO28560_2, p).ownerIsil(i).set(s).typeOfUsage(u).shelfLocation(sh).title(t).otherElements(o).build());
  }
}
