package fr.navette.sip2.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.sip2.codec.messages.LoginResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksumTest {
  private final Sip2Format withErrorDetection = new Sip2Format(Sip2Encoding.ASCII, Terminator.CR, true);

  @Test
  void designWorkedExample() {
    byte[] b = "941AY0AZ".getBytes(US_ASCII);
    assertThat(Checksum.compute(b, 0, b.length)).isEqualTo(0xFDFD);
    assertThat(Checksum.toHex(0xFDFD)).isEqualTo("FDFD");
  }

  @Test
  void encodesLoginResponseWithSequenceAndChecksum() {
    byte[] frame = withErrorDetection.encode(new LoginResponse(true, List.of()).toMessage(), 0);
    assertThat(new String(frame, US_ASCII)).isEqualTo("941AY0AZFDFD\r");
  }

  @Test
  void verifiesAndStripsTheTrailer() throws Exception {
    Received r = withErrorDetection.decode("941AY0AZFDFD\r".getBytes(US_ASCII));
    assertThat(r.sequence()).hasValue(0);
    assertThat(r.message().fixed("ok")).isEqualTo("1");
    assertThat(r.message().fields()).isEmpty();
  }

  @Test
  void lowerCaseHexIsAccepted() throws Exception {
    assertThat(withErrorDetection.decode("941AY0AZfdfd".getBytes(US_ASCII)).sequence()).hasValue(0);
  }

  @Test
  void aWrongChecksumIsAChecksumError() {
    assertThatThrownBy(() -> withErrorDetection.decode("941AY0AZFDFE".getBytes(US_ASCII)))
        .isInstanceOf(Sip2ChecksumException.class)
        .hasMessageContaining("94").hasMessageContaining("AZ").hasMessageContaining("FDFD");
  }

  @Test
  void aChangedByteIsCaught() {
    assertThatThrownBy(() -> withErrorDetection.decode("940AY0AZFDFD".getBytes(US_ASCII)))
        .isInstanceOf(Sip2ChecksumException.class);
  }

  @Test
  void withoutErrorDetectionTheTrailerIsStrippedButNotChecked() throws Exception {
    Received r = Sip2Format.defaults().decode("941AY3AZ0000".getBytes(US_ASCII));
    assertThat(r.sequence()).hasValue(3);
    assertThat(r.message().fields()).isEmpty();
  }

  @Test
  void sequenceWrapsFromNineToZero() {
    assertThat(Checksum.nextSequence(9)).isZero();
    assertThat(Checksum.nextSequence(0)).isEqualTo(1);
  }

  @Test
  void checksumCoversEncodedBytesNotCharacters() throws Exception {
    Sip2Message m = Sip2Message.builder(MessageType.LOGIN_RESPONSE).zeroOne(true).field("AF", "Éric").build();
    Sip2Format utf8 = new Sip2Format(Sip2Encoding.UTF_8, Terminator.CR, true);
    Sip2Format latin1 = new Sip2Format(Sip2Encoding.ISO_8859_1, Terminator.CR, true);
    byte[] a = utf8.encode(m, 1);
    byte[] b = latin1.encode(m, 1);
    assertThat(new String(a, a.length - 5, 4, US_ASCII)).isNotEqualTo(new String(b, b.length - 5, 4, US_ASCII));
    assertThat(utf8.decode(a).message()).isEqualTo(m);
    assertThat(latin1.decode(b).message()).isEqualTo(m);
  }
}
