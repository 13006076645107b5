package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.messages.Frames.T;
import static fr.navette.sip2.codec.messages.Frames.T_VALUE;
import static fr.navette.sip2.codec.messages.Frames.checksumOf;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.sip2.codec.FrameSplitter;
import fr.navette.sip2.codec.PatronStatus;
import fr.navette.sip2.codec.Received;
import fr.navette.sip2.codec.Sip2Encoding;
import fr.navette.sip2.codec.Sip2Format;
import fr.navette.sip2.codec.Terminator;
import java.io.ByteArrayOutputStream;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One frame per family through every terminator, and an accented name through every 8-bit encoding. */
class FrameDialectsTest {
  private static final String LOGIN_94 = "941";
  private static final String STATUS_24_BEFORE_NAME = "24" + " ".repeat(14) + "002" + T + "AOBM|AA2000012345|AE";
  private static final PatronStatusResponse ELISE = new PatronStatusResponse(PatronStatus.CLEAR, "002",
      Optional.of(T_VALUE), "BM", "2000012345", "Durand, Élise", Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), List.of(), List.of(), List.of());
  private static final String CHECKIN_10 = "101YNN" + T + "AOBM|AB3000000042|AQBR02|";

  @ParameterizedTest
  @EnumSource(Terminator.class)
  void everyTerminatorIsReadAndTheConfiguredOneIsSent(Terminator t) throws Exception {
    String end = new String(t.bytes(), US_ASCII);
    Sip2Format format = new Sip2Format(Sip2Encoding.UTF_8, t, false);
    for (String frame : List.of(LOGIN_94, STATUS_24_BEFORE_NAME + "Durand, Élise|", CHECKIN_10)) {
      Received r = format.decode((frame + end).getBytes(UTF_8));
      assertThat(new String(format.encode(r.message()), UTF_8)).isEqualTo(frame + end);
      for (String other : List.of("\r", "\r\n", "\n")) {
        assertThat(format.decode((frame + other).getBytes(UTF_8)).message()).isEqualTo(r.message());
      }
    }
  }

  @Test
  void aStreamMixingTerminatorsIsCutIntoItsFrames() throws Exception {
    byte[] stream = (LOGIN_94 + "\r" + CHECKIN_10 + "\r\n" + STATUS_24_BEFORE_NAME + "Durand, Élise|\n")
        .getBytes(UTF_8);
    List<byte[]> frames = new FrameSplitter(4096).feed(stream, 0, stream.length);
    assertThat(frames).extracting(f -> new String(f, UTF_8))
        .containsExactly(LOGIN_94, CHECKIN_10, STATUS_24_BEFORE_NAME + "Durand, Élise|");
  }

  @Test
  void anAccentedNameInCp850() throws Exception {
    // É is 0x90 in CP850 (0xC9 in ISO-8859-1, C3 89 in UTF-8)
    byte[] frame = bytes(STATUS_24_BEFORE_NAME, new byte[] {'D', 'u', 'r', 'a', 'n', 'd', ',', ' ', (byte) 0x90,
        'l', 'i', 's', 'e', '|'});
    assertBothWays(Sip2Encoding.CP850, frame);
  }

  @Test
  void anAccentedNameInIso88591() throws Exception {
    byte[] frame = bytes(STATUS_24_BEFORE_NAME, new byte[] {'D', 'u', 'r', 'a', 'n', 'd', ',', ' ', (byte) 0xC9,
        'l', 'i', 's', 'e', '|'});
    assertBothWays(Sip2Encoding.ISO_8859_1, frame);
    // read with the wrong code page, the name is not Élise: the encoding is a per-SIGB setting, not a guess
    Received misread = new Sip2Format(Sip2Encoding.CP850, Terminator.CR, false).decode(frame);
    assertThat(PatronStatusResponse.from(misread.message()).personalName()).isNotEqualTo("Durand, Élise");
  }

  @Test
  void anAccentedNameInUtf8Nfd() throws Exception {
    // some servers send "E" + U+0301 (combining acute): read as the one character É
    String nfd = Normalizer.normalize("Durand, Élise", Normalizer.Form.NFD);
    Sip2Format utf8 = new Sip2Format(Sip2Encoding.UTF_8, Terminator.CR, false);
    Received r = utf8.decode((STATUS_24_BEFORE_NAME + nfd + "|\r").getBytes(UTF_8));
    assertThat(PatronStatusResponse.from(r.message())).isEqualTo(ELISE);
  }

  @Test
  void anAccentedNameInAsciiIsFolded() throws Exception {
    Sip2Format ascii = new Sip2Format(Sip2Encoding.ASCII, Terminator.CR, false);
    assertThat(new String(ascii.encode(ELISE.toMessage()), US_ASCII))
        .isEqualTo(STATUS_24_BEFORE_NAME + "Durand, Elise|\r");
  }

  /** Decodes the bytes to Élise, encodes Élise to the same bytes; with error detection, over the encoded bytes. */
  private static void assertBothWays(Sip2Encoding encoding, byte[] frame) throws Exception {
    Sip2Format plain = new Sip2Format(encoding, Terminator.CR, false);
    assertThat(PatronStatusResponse.from(plain.decode(bytes(frame, "\r")).message())).isEqualTo(ELISE);
    assertThat(plain.encode(ELISE.toMessage())).isEqualTo(bytes(frame, "\r"));

    byte[] upToAz = bytes(frame, "AY5AZ");
    byte[] checked = bytes(upToAz, checksumOf(upToAz) + "\r");
    Sip2Format withErrorDetection = plain.withErrorDetection(true);
    assertThat(withErrorDetection.encode(ELISE.toMessage(), 5)).isEqualTo(checked);
    Received r = withErrorDetection.decode(checked);
    assertThat(r.sequence()).hasValue(5);
    assertThat(PatronStatusResponse.from(r.message())).isEqualTo(ELISE);
  }

  private static byte[] bytes(String ascii, byte[] rest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii.getBytes(US_ASCII));
    out.writeBytes(rest);
    return out.toByteArray();
  }

  private static byte[] bytes(byte[] head, String ascii) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head);
    out.writeBytes(ascii.getBytes(US_ASCII));
    return out.toByteArray();
  }
}
