package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.messages.Frames.PLAIN;
import static fr.navette.sip2.codec.messages.Frames.decode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.sip2.codec.AlertType;
import fr.navette.sip2.codec.CirculationStatus;
import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.YesNoUnknown;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypedMessagesTest {
  @Test
  void checkinReplyForAHoldAtAnotherBranch() throws Exception {
    String s = "10"            // checkin response
        + "1"                  // ok
        + "Y"                  // resensitize
        + "N"                  // magnetic media
        + "Y"                  // alert
        + "20260115    101500" // transaction date, ACS local time
        + "AOBM|"              // institution
        + "AB3000000042|"      // item
        + "AQBR03|"            // permanent location
        + "AJLes Misérables|"  // title
        + "CT BR07|"           // destination, with the leading space some servers send
        + "CV02|"              // hold for another branch
        + "CY2000000001|"      // hold patron
        + "DADupont, Anne|"    // hold patron name
        + "CL3|"               // sort bin
        + "CS843 HUG|"         // call number
        + "CRROMAN|"           // collection
        + "XXkept|"            // a field we do not know
        + "AFRéservation pour BR07|"; // screen message
    CheckinResponse r = CheckinResponse.from(decode(s));
    assertThat(r.ok()).isTrue();
    assertThat(r.resensitize()).isTrue();
    assertThat(r.magneticMedia()).isEqualTo(YesNoUnknown.NO);
    assertThat(r.alert()).isTrue();
    assertThat(r.transactionDate()).hasValue(
        new Sip2Timestamp(LocalDateTime.of(2026, 1, 15, 10, 15, 0), Sip2Timestamp.LOCAL));
    assertThat(r.itemId()).isEqualTo("3000000042");
    assertThat(r.permanentLocation()).hasValue("BR03");
    assertThat(r.titleId()).hasValue("Les Misérables");
    assertThat(r.destinationLocation()).hasValue(" BR07");
    assertThat(r.alertType()).hasValue(AlertType.HOLD_FOR_OTHER_BRANCH);
    assertThat(r.holdPatronId()).hasValue("2000000001");
    assertThat(r.holdPatronName()).hasValue("Dupont, Anne");
    assertThat(r.sortBin()).hasValue("3");
    assertThat(r.callNumber()).hasValue("843 HUG");
    assertThat(r.collectionCode()).hasValue("ROMAN");
    assertThat(r.screenMessages()).containsExactly("Réservation pour BR07");
    assertThat(r.otherFields()).containsExactly(new Field("XX", "kept"));
    assertThat(CheckinResponse.from(r.toMessage())).isEqualTo(r);
    assertThat(r.toString()).doesNotContain("2000000001").doesNotContain("Dupont");
  }

  @Test
  void unknownAlertTypesAreKept() throws Exception {
    CheckinResponse r = CheckinResponse.from(decode("101YNY20260115    101500AOBM|AB1|CV98|"));
    assertThat(r.alertType()).hasValue(new AlertType("98"));
    assertThat(r.alertType().orElseThrow().isKnown()).isFalse();
    assertThat(CheckinResponse.from(decode("100YNN20260115    101500AOBM|AB1|")).alertTypeOrNone())
        .isEqualTo(AlertType.NONE);
  }

  @Test
  void checkinRequestAlwaysCarriesLocationAndReturnDate() throws Exception {
    Sip2Timestamp t = new Sip2Timestamp(LocalDateTime.of(2026, 1, 15, 10, 15, 0), Sip2Timestamp.LOCAL);
    Sip2Timestamp ret = new Sip2Timestamp(LocalDateTime.of(2026, 1, 14, 18, 2, 3), Sip2Timestamp.LOCAL);
    CheckinRequest req = CheckinRequest.of(t, ret, "BR02", "BM", "3000000042");
    String w = new String(PLAIN.encode(req.toMessage()), UTF_8);
    assertThat(w).isEqualTo("09N20260115    10150020260114    180203APBR02|AOBM|AB3000000042|\r");
    assertThat(CheckinRequest.from(decode(w))).isEqualTo(req);
  }

  @Test
  void aBadDateNamesTheField() {
    assertThatThrownBy(() -> CheckinRequest.from(decode("09N20261315    10150020260114    180203APBR02|")))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("09").hasMessageContaining("transactionDate");
    assertThatThrownBy(() -> CheckinRequest.from(decode("09N" + " ".repeat(18) + "20260114    180203AB1|")))
        .hasMessageContaining("transactionDate");
  }

  @Test
  void theWrongMessageTypeIsRefused() {
    assertThatThrownBy(() -> CheckinResponse.from(decode("941")))
        .isInstanceOf(Sip2ParseException.class).hasMessageContaining("expected a message 10");
  }

  @Test
  void itemInformationReply() throws Exception {
    ItemInformationResponse r = ItemInformationResponse.from(decode(
        "1804000220260115    101500AH20260201    235959|AB3000000042|AJŒuvres complètes|AQBR01|APBR01|CK001|"));
    assertThat(r.circulationStatus()).isEqualTo(CirculationStatus.CHARGED);
    assertThat(r.circulationStatus().isCharged()).isTrue();
    assertThat(r.dueDate()).hasValue("20260201    235959");
    assertThat(r.titleId()).isEqualTo("Œuvres complètes");
    assertThat(r.mediaType()).hasValue("001");
    assertThat(ItemInformationResponse.from(r.toMessage())).isEqualTo(r);
  }

  @Test
  void loginNeverShowsItsPassword() throws Exception {
    LoginRequest l = LoginRequest.of("kiosk", "s3cret", Optional.of("BR01"));
    assertThat(l.toString()).doesNotContain("s3cret");
    assertThat(new String(PLAIN.encode(l.toMessage()), UTF_8)).isEqualTo("9300CNkiosk|COs3cret|CPBR01|\r");
    assertThat(LoginRequest.from(l.toMessage())).isEqualTo(l);
  }

  @Test
  void statusReply() throws Exception {
    AcsStatusResponse r = AcsStatusResponse.from(decode(
        "98YYYYNN60000320260115    1015002.00AOBM|AMMédiathèques|BXYYYYYYYYYYYYYYYY|AFBonjour|"));
    assertThat(r.online()).isTrue();
    assertThat(r.offlineOk()).isFalse();
    assertThat(r.timeoutPeriod()).isEqualTo(600);
    assertThat(r.retriesAllowed()).isEqualTo(3);
    assertThat(r.protocolVersion()).isEqualTo("2.00");
    assertThat(r.libraryName()).hasValue("Médiathèques");
    assertThat(r.screenMessages()).isEqualTo(List.of("Bonjour"));
    assertThat(AcsStatusResponse.from(r.toMessage())).isEqualTo(r);
  }
}
