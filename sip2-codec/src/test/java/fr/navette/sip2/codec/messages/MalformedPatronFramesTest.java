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

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.PatronStatus;
import fr.navette.sip2.codec.Sip2ChecksumException;
import fr.navette.sip2.codec.Sip2ParseException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Malformed and odd frames of the patron family (23/24, 25, 63/64, 35/36, 37/38, 15/16). */
class MalformedPatronFramesTest {
  private static final String STATUS_24 = "24" + "          Y   " + "002" + T
      + "AOBM|AA2000012345|AEDurand, Élise|BLY|AFAmendes impayées|";
  private static final PatronStatusResponse STATUS = new PatronStatusResponse(
      PatronStatus.of(PatronStatus.Flag.EXCESSIVE_OUTSTANDING_FINES), "002", Optional.of(T_VALUE), "BM", "2000012345",
      "Durand, Élise", Optional.of("Y"), Optional.empty(), Optional.empty(), Optional.empty(),
      List.of("Amendes impayées"), List.of(), List.of());

  @Test
  void theFixtureOfThisClassIsRight() throws Exception {
    assertThat(PatronStatusResponse.from(decode(STATUS_24))).isEqualTo(STATUS);
  }

  @Test
  void thirteenPatronStatusFlagsShiftTheRestAndTheDateIsNamed() {
    // Flags are text: a missing flag is only seen where the shifted bytes stop making sense.
    assertThatThrownBy(() -> decode("24" + " ".repeat(13) + "002" + T + "AOBM|AA1|AE|"))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("SIP2 message 24")
        .hasMessageContaining("field transactionDate");
  }

  @Test
  void aThreeDigitCountIsNamed() {
    // hold items count "001" instead of "0001": the last count swallows the "A" of AO
    assertThatThrownBy(() -> decode("64" + " ".repeat(14) + "002" + T + "001" + "0002" + "0003" + "0000" + "0000"
        + "0001" + "AOBM|AA2000012345|AEDurand|"))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("64")
        .hasMessageContaining("field unavailableHoldsCount").hasMessageContaining("'001A'");
  }

  @Test
  void aMissingFixedFieldIsNamed() {
    // 36 without its end-session flag: the date's first digit is read as the flag
    assertThatThrownBy(() -> decode("36" + T + "AOBM|AA2000012345|")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("36").hasMessageContaining("field endSession").hasMessageContaining("'2'");
    // 37 without its currency
    assertThatThrownBy(() -> decode("37" + T + "0102")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("37").hasMessageContaining("field currencyType");
    // 64 cut in the counts
    assertThatThrownBy(() -> decode("64" + " ".repeat(14) + "002" + T + "00010002"))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("field chargedItemsCount")
        .hasMessageContaining("ends before");
  }

  @Test
  void aBadDateIsNamed() {
    assertThatThrownBy(() -> PatronStatusRequest.from(decode("23002" + "20260230    101500" + "AOBM|AA1|")))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("23").hasMessageContaining("field transactionDate")
        .hasMessageContaining("20260230    101500");
    assertThatThrownBy(() -> PatronInformationResponse.from(decode("64" + " ".repeat(14) + "002"
        + "20260115    256000" + "0".repeat(24) + "AOBM|AA1|AEx|")))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("64").hasMessageContaining("field transactionDate");
    // a request needs its date; 18 spaces are only for replies and optional dates
    assertThatThrownBy(() -> EndPatronSessionRequest.from(decode("35" + " ".repeat(18) + "AOBM|AA1|")))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("field transactionDate")
        .hasMessageContaining("18 spaces");
  }

  @Test
  void aBadChecksumIsNamed() throws Exception {
    String good = withTrailer(STATUS_24, 3);
    assertThat(PatronStatusResponse.from(decodeChecked(good + "\r").message())).isEqualTo(STATUS);
    // a fine flag cleared on the way ('Y' → ' ') with the checksum left as it was
    String flipped = good.replace("          Y   ", "              ");
    assertThatThrownBy(() -> decodeChecked(flipped + "\r")).isInstanceOf(Sip2ChecksumException.class)
        .hasMessageContaining("24").hasMessageContaining("field AZ");
  }

  @Test
  void unknownFieldsAreKeptWhereverTheyCome() throws Exception {
    // PB (birth date) and PC (category) are Koha extensions; they come before the spec's own fields here
    PatronStatusResponse r = PatronStatusResponse.from(decode("24" + "          Y   " + "002" + T
        + "AOBM|PB19800101|AA2000012345|AEDurand, Élise|PCADULTE|BLY|AFAmendes impayées|"));
    assertThat(r.otherFields()).containsExactly(new Field("PB", "19800101"), new Field("PC", "ADULTE"));
    assertThat(encode(PLAIN, r)).isEqualTo(STATUS_24 + "PB19800101|PCADULTE|\r");
  }

  @Test
  void fieldsOutOfOrderAreAccepted() throws Exception {
    assertThat(PatronStatusResponse.from(decode("24" + "          Y   " + "002" + T
        + "AFAmendes impayées|BLY|AEDurand, Élise|AA2000012345|AOBM|"))).isEqualTo(STATUS);
  }

  @Test
  void aRepeatedSingleFieldKeepsTheFirstAndPassesTheSecondOn() throws Exception {
    PatronStatusResponse r = PatronStatusResponse.from(decode(STATUS_24 + "AA2000099999|"));
    assertThat(r.patronId()).isEqualTo("2000012345");
    assertThat(r.otherFields()).containsExactly(new Field("AA", "2000099999"));
  }

  @Test
  void aMissingLastBarAndMissingMandatoryFieldsAreTolerated() throws Exception {
    assertThat(PatronStatusResponse.from(decode(STATUS_24.substring(0, STATUS_24.length() - 1)))).isEqualTo(STATUS);
    // a 24 without AO/AA/AE (seen from servers that found no patron): read as empty, not refused
    PatronStatusResponse bare = PatronStatusResponse.from(decode("24" + "Y".repeat(14) + "002" + T));
    assertThat(bare.institutionId()).isEmpty();
    assertThat(bare.patronId()).isEmpty();
    assertThat(bare.personalName()).isEmpty();
    assertThat(bare.patronStatus().has(PatronStatus.Flag.CARD_REPORTED_LOST)).isTrue();
  }
}
