package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.messages.Frames.PLAIN;
import static fr.navette.sip2.codec.messages.Frames.T;
import static fr.navette.sip2.codec.messages.Frames.decode;
import static fr.navette.sip2.codec.messages.Frames.decodeChecked;
import static fr.navette.sip2.codec.messages.Frames.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.Sip2ChecksumException;
import fr.navette.sip2.codec.Sip2ParseException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Malformed and odd frames of the session family (93/94, 99/98). An error is a {@link Sip2ParseException}
 * naming the message and the field; what real servers get wrong but we can still read is read.
 */
class MalformedSessionFramesTest {
  private static final LoginRequest LOGIN =
      new LoginRequest("0", "0", "kiosk-br01", "s3cret", Optional.of("BR01"), List.of());

  @Test
  void aFixedFieldTooShortShiftsTheRestAndTheFieldThatNoLongerFitsIsNamed() {
    // max print width written "80" instead of "080": the version loses a character
    assertThatThrownBy(() -> decode("99" + "0" + "80" + "2.00"))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("SIP2 message 99")
        .hasMessageContaining("field protocolVersion").hasMessageContaining("ends before");
    // timeout period "60" instead of "060": the date/time sync starts one character early
    assertThatThrownBy(() -> decode("98YYYYNN" + "60" + "003" + T + "2.00AOBM|BXYYYYYYYYYYYYYYYY|"))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("98")
        .hasMessageContaining("field dateTimeSync");
  }

  @Test
  void aMissingFixedFieldIsNamed() {
    assertThatThrownBy(() -> decode("94")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("94").hasMessageContaining("field ok").hasMessageContaining("ends before");
    assertThatThrownBy(() -> decode("94AFLogin refused|")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("field ok").hasMessageContaining("'A'");
    // 98 without its date/time sync
    assertThatThrownBy(() -> decode("98YYYYNN600003" + "2.00AOBM|BXY|")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("98").hasMessageContaining("field dateTimeSync");
    // a flag that is not Y/N
    assertThatThrownBy(() -> decode("98YYYYN1600003" + T + "2.00AOBM|")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("field offlineOk").hasMessageContaining("'1'");
  }

  @Test
  void aBadDateIsRefusedByTheTypedLayerNamingTheField() {
    for (String bad : List.of("20261315    101500", "20260230    101500", "20260115    256000")) {
      assertThatThrownBy(() -> AcsStatusResponse.from(decode("98YYYYNN600003" + bad + "2.00AOBM|BXY|")))
          .as(bad).isInstanceOf(Sip2ParseException.class).hasMessageContaining("98")
          .hasMessageContaining("field dateTimeSync").hasMessageContaining(bad);
    }
    assertThatThrownBy(() -> decode("98YYYYNN600003" + "2026O115    101500" + "2.00AOBM|"))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("field dateTimeSync");
  }

  @Test
  void aBadChecksumIsAChecksumErrorNamingAz() {
    assertThatThrownBy(() -> decodeChecked("941AY1AZFDFD\r")).isInstanceOf(Sip2ChecksumException.class)
        .hasMessageContaining("94").hasMessageContaining("field AZ").hasMessageContaining("expected FDFC");
    assertThatThrownBy(() -> decodeChecked("941AY1AZFDFG\r")).isInstanceOf(Sip2ChecksumException.class)
        .hasMessageContaining("field AZ").hasMessageContaining("four hex digits");
    // one changed byte (ok 1 → 0) with the old checksum
    assertThatThrownBy(() -> decodeChecked("940AY1AZFDFC\r")).isInstanceOf(Sip2ChecksumException.class);
  }

  @Test
  void aFrameCutInsideItsTrailerIsRefusedWhenErrorDetectionIsOn() {
    // "941AY1AZFD": the connection dropped two bytes before the end. Read as a field "AY" = "1AZFD", it
    // would pass as a frame without error detection; it is a broken trailer.
    for (String cut : List.of("941AY1AZFD", "941AY1AZ", "941AY1A", "941AY", "9300CNkiosk|COs3cret|AY2AZF5")) {
      assertThatThrownBy(() -> decodeChecked(cut + "\r")).as(cut).isInstanceOf(Sip2ChecksumException.class)
          .hasMessageContaining("field AZ");
    }
  }

  @Test
  void aFrameCutInsideAVariableFieldCannotBeToldFromAShorterValue() throws Exception {
    // Without a trailer the codec cannot know: the last field, without its bar, is kept as it came.
    assertThat(LoginRequest.from(decode("9300CNkiosk-br01|COs3"))).isEqualTo(
        new LoginRequest("0", "0", "kiosk-br01", "s3", Optional.empty(), List.of()));
  }

  @Test
  void unknownFieldsAreKeptAndSentBackLast() throws Exception {
    ScStatusRequest s = ScStatusRequest.from(decode("9900802.00ZZvendor|"));
    assertThat(s.otherFields()).containsExactly(new Field("ZZ", "vendor"));
    assertThat(encode(PLAIN, s)).isEqualTo("9900802.00ZZvendor|\r");
    LoginRequest l = LoginRequest.from(decode("9300CNkiosk-br01|Q1x|COs3cret|CPBR01|"));
    assertThat(l.otherFields()).containsExactly(new Field("Q1", "x"));
    assertThat(encode(PLAIN, l)).isEqualTo("9300CNkiosk-br01|COs3cret|CPBR01|Q1x|\r");
  }

  @Test
  void fieldsOutOfOrderAreAcceptedAndSentInTheSpecOrder() throws Exception {
    LoginRequest l = LoginRequest.from(decode("9300CPBR01|COs3cret|CNkiosk-br01|"));
    assertThat(l).isEqualTo(LOGIN);
    assertThat(encode(PLAIN, l)).isEqualTo("9300CNkiosk-br01|COs3cret|CPBR01|\r");
  }

  @Test
  void aMissingBar() throws Exception {
    // at the end: tolerated
    assertThat(LoginRequest.from(decode("9300CNkiosk-br01|COs3cret|CPBR01"))).isEqualTo(LOGIN);
    // between two fields the next tag is swallowed into the value: nothing can tell "COs3cret" from text,
    // so the mandatory CO reads as absent ("") and the client's own checks (login refused) take over
    assertThat(LoginRequest.from(decode("9300CNkiosk-br01COs3cret|CPBR01|"))).isEqualTo(
        new LoginRequest("0", "0", "kiosk-br01COs3cret", "", Optional.of("BR01"), List.of()));
  }

  @Test
  void anUnknownOrMissingMessageCodeIsNamed() {
    assertThatThrownBy(() -> decode("42" + T)).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("SIP2 message 42").hasMessageContaining("unknown message code");
    assertThatThrownBy(() -> decode("9")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("two-digit message code");
    assertThatThrownBy(() -> decode("\r")).isInstanceOf(Sip2ParseException.class);
    assertThatThrownBy(() -> decode("A4 1")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("two-digit message code");
  }

  @Test
  void aReplyOfAnotherTypeIsRefusedByTheTypedReader() {
    assertThatThrownBy(() -> LoginResponse.from(decode("9900802.00"))).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("SIP2 message 99").hasMessageContaining("expected a message 94");
  }
}
