package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.messages.Frames.PLAIN;
import static fr.navette.sip2.codec.messages.Frames.T;
import static fr.navette.sip2.codec.messages.Frames.T_VALUE;
import static fr.navette.sip2.codec.messages.Frames.decode;
import static fr.navette.sip2.codec.messages.Frames.decodeChecked;
import static fr.navette.sip2.codec.messages.Frames.encode;
import static fr.navette.sip2.codec.messages.Frames.withTrailer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.sip2.codec.AlertType;
import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.Sip2ChecksumException;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.YesNoUnknown;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Malformed and odd frames of the circulation family (11/12, 09/10, 29/30, 65/66, 17/18, 19/20). */
class MalformedCirculationFramesTest {
  /** A checkin reply sending the document home: the frame the shuttle depends on. */
  private static final String CHECKIN_10 = "101YNY" + T + "AOBM|AB3000000042|AQBR03|CTBR07|CV04|";
  private static final CheckinResponse CHECKIN = new CheckinResponse(true, true, YesNoUnknown.NO, true,
      Optional.of(T_VALUE), "BM", "3000000042", Optional.of("BR03"), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("BR07"),
      Optional.of(AlertType.SEND_TO_OTHER_BRANCH), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());

  @Test
  void theFixtureOfThisClassIsRight() throws Exception {
    assertThat(CheckinResponse.from(decode(CHECKIN_10))).isEqualTo(CHECKIN);
    assertThat(encode(PLAIN, CHECKIN)).isEqualTo(CHECKIN_10 + "\r");
  }

  @Test
  void aFixedFieldOfTheWrongLengthIsNamed() {
    // a 17-character transaction date ("2026011" for "20260115")
    assertThatThrownBy(() -> decode("09N" + "2026011    101500" + "20260114    180203" + "APBR02|AOBM|AB1|"))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("SIP2 message 09")
        .hasMessageContaining("field transactionDate");
    // a one-digit circulation status: status, marker and fee type swallow the next digits, the date breaks
    assertThatThrownBy(() -> decode("18" + "3" + "02" + "01" + T + "AB1|AJx|"))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("18").hasMessageContaining("field transactionDate");
    // a letter in a count
    assertThatThrownBy(() -> decode("661" + "00O2" + "0001" + T + "AOBM|"))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("66").hasMessageContaining("field renewedCount")
        .hasMessageContaining("'00O2'");
  }

  @Test
  void aMissingFixedFieldIsNamed() {
    // 10 without its alert flag: the date's first digit is read as the flag
    assertThatThrownBy(() -> decode("101YN" + T + "AOBM|AB1|")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("10").hasMessageContaining("field alert").hasMessageContaining("'2'");
    // 12 with "ok" written Y instead of 1
    assertThatThrownBy(() -> decode("12YNNY" + T + "AOBM|")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("12").hasMessageContaining("field ok").hasMessageContaining("0 or 1");
    // 09 without its return date
    assertThatThrownBy(() -> decode("09N" + T + "APBR02|AOBM|AB1|")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("09").hasMessageContaining("field returnDate");
    // 30 with a magnetic media flag outside Y/N/U
    assertThatThrownBy(() -> decode("301YXN" + T + "AOBM|")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("30").hasMessageContaining("field magneticMedia").hasMessageContaining("Y, N or U");
  }

  @Test
  void aBadDateIsNamed() {
    // the return date of an offline return, at 24:60: Koha would backdate with it
    assertThatThrownBy(() -> CheckinRequest.from(decode("09Y" + T + "20260114    246000" + "APBR02|AOBM|AB1|")))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("09").hasMessageContaining("field returnDate")
        .hasMessageContaining("20260114    246000");
    assertThatThrownBy(() -> CheckoutRequest.from(decode("11YY" + T + "20260015    101500" + "AOBM|AA1|AB1|")))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("11").hasMessageContaining("field nbDueDate");
    assertThatThrownBy(() -> RenewAllResponse.from(decode("66100010000" + "2026-01-15  101500" + "AOBM|")))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("66").hasMessageContaining("field transactionDate");
  }

  @Test
  void aCorruptedBarcodeIsCaughtByTheChecksum() throws Exception {
    String good = withTrailer(CHECKIN_10, 4);
    assertThat(CheckinResponse.from(decodeChecked(good + "\r").message())).isEqualTo(CHECKIN);
    String corrupted = good.replace("AB3000000042|", "AB3000000043|");
    assertThatThrownBy(() -> decodeChecked(corrupted + "\r")).isInstanceOf(Sip2ChecksumException.class)
        .hasMessageContaining("10").hasMessageContaining("field AZ");
    // and a destination changed on the way, with a checksum that is not even hex
    assertThatThrownBy(() -> decodeChecked(CHECKIN_10 + "AY4AZ12G4\r")).isInstanceOf(Sip2ChecksumException.class)
        .hasMessageContaining("field AZ");
  }

  @Test
  void aTruncatedFrame() throws Exception {
    // inside the fixed part: the field is named
    assertThatThrownBy(() -> decode("101YNY2026")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("field transactionDate").hasMessageContaining("ends before");
    // inside the trailer, with error detection on: a broken trailer, not a frame without one
    String good = withTrailer(CHECKIN_10, 4);
    assertThatThrownBy(() -> decodeChecked(good.substring(0, good.length() - 3) + "\r"))
        .isInstanceOf(Sip2ChecksumException.class).hasMessageContaining("field AZ");
    // inside a variable field: a shorter value, which only the checksum (or the client's AB check) can catch
    assertThat(CheckinResponse.from(decode("101YNY" + T + "AOBM|AB30000")).itemId()).isEqualTo("30000");
  }

  @Test
  void unknownFieldsAreKeptAndSentBackLast() throws Exception {
    CheckinResponse r = CheckinResponse.from(decode("101YNY" + T + "AOBM|ZZvendor|AB3000000042|AQBR03|CTBR07|CV04|"));
    assertThat(r.otherFields()).containsExactly(new Field("ZZ", "vendor"));
    assertThat(encode(PLAIN, r)).isEqualTo(CHECKIN_10 + "ZZvendor|\r");
  }

  @Test
  void fieldsOutOfOrderAreAccepted() throws Exception {
    // CV and CT first, AO last: the same reply
    assertThat(CheckinResponse.from(decode("101YNY" + T + "CV04|CTBR07|AB3000000042|AQBR03|AOBM|")))
        .isEqualTo(CHECKIN);
  }

  @Test
  void aRepeatedItemIdKeepsTheFirstAndPassesTheSecondOn() throws Exception {
    CheckinResponse r = CheckinResponse.from(decode(CHECKIN_10 + "AB3000000099|"));
    assertThat(r.itemId()).isEqualTo("3000000042");
    assertThat(r.otherFields()).containsExactly(new Field("AB", "3000000099"));
  }

  @Test
  void aMissingBar() throws Exception {
    assertThat(CheckinResponse.from(decode(CHECKIN_10.substring(0, CHECKIN_10.length() - 1)))).isEqualTo(CHECKIN);
    // an empty field between two bars ("||") is skipped
    assertThat(CheckinResponse.from(decode("101YNY" + T + "AOBM||AB3000000042|AQBR03|CTBR07|CV04|")))
        .isEqualTo(CHECKIN);
  }

  @Test
  void anUnknownCirculationStatusOrAlertTypeIsKept() throws Exception {
    ItemInformationResponse r = ItemInformationResponse.from(decode("18" + "14" + "00" + "01" + T + "AB1|AJx|"));
    assertThat(r.circulationStatus().code()).isEqualTo("14");
    assertThat(r.circulationStatus().description()).isEmpty();
    CheckinResponse c = CheckinResponse.from(decode("100YNY" + T + "AOBM|AB1|CV98|AFCode-barre inconnu|"));
    assertThat(c.alertType()).hasValue(new AlertType("98"));
    assertThat(encode(PLAIN, c)).isEqualTo("100YNY" + T + "AOBM|AB1|CV98|AFCode-barre inconnu|\r");
  }
}
