package fr.navette.sip2.client;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sip2.codec.Sip2Encoding;
import fr.navette.sip2.codec.Terminator;
import fr.navette.sip2.codec.messages.CheckinResponse;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every encoding, terminator and error-detection setting, over real TCP, with French titles. */
class DialectTest {
  private static final Map<String, String> ASCII_FOLDED = Map.of(
      "Les Misérables", "Les Miserables", "Œuvres complètes", "OEuvres completes", "Ça ira", "Ca ira");

  static Stream<Arguments> dialects() {
    List<Arguments> all = new ArrayList<>();
    for (Sip2Encoding e : Sip2Encoding.values()) {
      for (Terminator t : Terminator.values()) {
        all.add(Arguments.of(e, t, t == Terminator.CRLF));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} errorDetection={2}")
  @MethodSource("dialects")
  void frenchTitlesArriveIntact(Sip2Encoding encoding, Terminator serverTerminator, boolean errorDetection) {
    try (SigbSimulator sim = SigbSimulator.start(SimulatorFixture.config().encoding(encoding)
            .terminator(serverTerminator).errorDetection(errorDetection).build());
        // the client sends CR whatever the server uses: each side accepts all three
        Sip2SessionPool pool = new Sip2SessionPool(SimulatorFixture.client(sim).encoding(encoding)
            .terminator(Terminator.CR).errorDetection(errorDetection).build())) {
      for (String title : ASCII_FOLDED.keySet()) {
        Item item = SimulatorFixture.item(sim.network(), i -> i.title().equals(title));
        String expected = switch (encoding) {
          case ASCII -> ASCII_FOLDED.get(title);
          // neither code page has the Œ ligature: it is spelled out, the accents stay
          case CP850, ISO_8859_1 -> title.replace("Œ", "OE");
          case UTF_8 -> title;
        };
        ItemInformationResponse info = pool.itemInformation(item.id());
        assertThat(info.titleId()).isEqualTo(expected);
        CheckinResponse r = pool.checkin(item.id(), item.homeBranch(), Instant.now());
        assertThat(r.titleId()).hasValue(expected);
        assertThat(r.ok()).isTrue();
      }
      assertThat(pool.metrics().errors()).isZero();
    }
  }
}
