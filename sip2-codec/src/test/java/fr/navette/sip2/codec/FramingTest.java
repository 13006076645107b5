package fr.navette.sip2.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FramingTest {

  private static List<String> split(FrameSplitter s, String chunk) throws Sip2ParseException {
    byte[] b = chunk.getBytes(US_ASCII);
    List<String> out = new ArrayList<>();
    for (byte[] f : s.feed(b, 0, b.length)) {
      out.add(new String(f, US_ASCII));
    }
    return out;
  }

  @Test
  void crCrlfAndLfAllEndAFrame() throws Exception {
    FrameSplitter s = new FrameSplitter(1000);
    assertThat(split(s, "941\r940\r\n941\n")).containsExactly("941", "940", "941");
    assertThat(s.pendingLength()).isZero();
  }

  @Test
  void aFrameSplitAcrossReadsIsJoined() throws Exception {
    FrameSplitter s = new FrameSplitter(1000);
    assertThat(split(s, "98YYYY")).isEmpty();
    assertThat(split(s, "NN\r")).containsExactly("98YYYYNN");
    assertThat(split(s, "\n")).isEmpty(); // the LF of a CRLF cut between two reads
  }

  @Test
  void aFrameWithoutTerminatorCannotGrowForever() {
    FrameSplitter s = new FrameSplitter(10);
    assertThatThrownBy(() -> split(s, "12345678901")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("no terminator within 10 bytes");
  }

  @ParameterizedTest
  @EnumSource(Terminator.class)
  void theTerminatorWeSendIsConfigurable(Terminator t) {
    Sip2Message m = Sip2Message.builder(MessageType.LOGIN_RESPONSE).zeroOne(true).build();
    byte[] frame = new Sip2Format(Sip2Encoding.ASCII, t, false).encode(m);
    String expected = switch (t) {
      case CR -> "941\r";
      case CRLF -> "941\r\n";
      case LF -> "941\n";
    };
    assertThat(new String(frame, US_ASCII)).isEqualTo(expected);
  }

  @Test
  void terminatorNamesParse() {
    assertThat(Terminator.parse("CRLF")).isEqualTo(Terminator.CRLF);
    assertThatThrownBy(() -> Terminator.parse("nl")).hasMessageContaining("cr, crlf or lf");
  }
}
