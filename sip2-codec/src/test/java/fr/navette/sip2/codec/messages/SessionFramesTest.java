package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.messages.Frames.T;
import static fr.navette.sip2.codec.messages.Frames.T_VALUE;
import static fr.navette.sip2.codec.messages.Frames.assertFrame;
import static fr.navette.sip2.codec.messages.Frames.assertPlainFrame;
import static fr.navette.sip2.codec.messages.Frames.decode;
import static fr.navette.sip2.codec.messages.Frames.decodeChecked;
import static fr.navette.sip2.codec.messages.Frames.encode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.Received;
import fr.navette.sip2.codec.Sip2ChecksumException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Literal frames of the session family: 93/94 login, 99/98 status, 97/96 resend. Shapes from the 3M SIP2
 * 2.00 guide and from published server test suites (SIPServer's t/*.t, the base of Koha's and Evergreen's
 * SIP servers; FOLIO edge-sip2); values are ours.
 */
class SessionFramesTest {

  @Test
  void login93() throws Exception {
    String frame = "93"            // login
        + "0"                      // [2] UID algorithm: 0 = not encrypted
        + "0"                      // [3] PWD algorithm: 0 = not encrypted
        + "CNkiosk-br01|"          // CN login user id
        + "COs3cret|"              // CO login password
        + "CPBR01|";               // CP location code
    assertFrame(frame, new LoginRequest("0", "0", "kiosk-br01", "s3cret", Optional.of("BR01"), List.of()),
        LoginRequest::from);
  }

  @Test
  void loginResponse94AcceptedWithTheChecksumWorkedByHand() throws Exception {
    // "941AY1AZ": '9' 0x39 + '4' 0x34 + '1' 0x31 + 'A' 0x41 + 'Y' 0x59 + '1' 0x31 + 'A' 0x41 + 'Z' 0x5A = 0x204;
    // 0x10000 - 0x204 = 0xFDFC (and 941AY0AZ → FDFD, DESIGN §4).
    String frame = "94"            // login response
        + "1";                     // [2] ok: 1 = accepted
    LoginResponse accepted = new LoginResponse(true, List.of());
    assertFrame(frame, accepted, LoginResponse::from);
    assertThat(new String(Frames.CHECKED.encode(accepted.toMessage(), 1), UTF_8))
        .isEqualTo("941AY1AZFDFC\r");
    Received r = decodeChecked("941AY1AZFDFC\r");
    assertThat(r.sequence()).hasValue(1);
    assertThat(LoginResponse.from(r.message())).isEqualTo(accepted);
  }

  @Test
  void loginResponse94Refused() throws Exception {
    String frame = "94"            // login response
        + "0"                      // [2] ok: 0 = refused (wrong CN/CO)
        + "AFLogin refused|";      // AF screen message, which some servers add: kept as an other field
    assertFrame(frame, new LoginResponse(false, List.of(new Field("AF", "Login refused"))), LoginResponse::from);
  }

  @Test
  void scStatus99WithTheChecksumWorkedByHand() throws Exception {
    String frame = "99"            // SC status
        + "0"                      // [2] status code: 0 = SC ok (1 out of paper, 2 shutting down)
        + "080"                    // [3..5] max print width, 3 digits
        + "2.00";                  // [6..9] protocol version
    ScStatusRequest status = new ScStatusRequest("0", 80, "2.00", List.of());
    assertFrame(frame, status, ScStatusRequest::from);
    // "9900802.00AY1AZ": 0x39+0x39+0x30+0x30+0x38+0x30+0x32+0x2E+0x30+0x30 (= 0x1E8) + 'A' 0x41 + 'Y' 0x59
    // + '1' 0x31 + 'A' 0x41 + 'Z' 0x5A = 0x360; 0x10000 - 0x360 = 0xFCA0.
    assertThat(new String(Frames.CHECKED.encode(status.toMessage(), 1), UTF_8))
        .isEqualTo("9900802.00AY1AZFCA0\r");
  }

  @Test
  void scStatus99WithASpacePaddedWidthAsThe3mGuidePrintsItIsReadButSentZeroPadded() throws Exception {
    // The 3M guide's example pads the width with a space ("990 402.00"); we read it, and send "040".
    ScStatusRequest read = ScStatusRequest.from(decode("990 402.00"));
    assertThat(read).isEqualTo(new ScStatusRequest("0", 40, "2.00", List.of()));
    assertThat(encode(Frames.PLAIN, read)).isEqualTo("9900402.00\r");
  }

  @Test
  void acsStatus98() throws Exception {
    String frame = "98"            // ACS status
        + "Y"                      // [2] on-line status
        + "Y"                      // [3] checkin ok
        + "Y"                      // [4] checkout ok
        + "Y"                      // [5] ACS renewal policy
        + "N"                      // [6] status update ok
        + "N"                      // [7] off-line ok
        + "600"                    // [8..10] timeout period, tenths of a second (60 s)
        + "003"                    // [11..13] retries allowed
        + T                        // [14..31] date/time sync
        + "2.00"                   // [32..35] protocol version
        + "AOBM|"                  // AO institution id
        + "AMMédiathèque de Quimper|" // AM library name
        + "BXYYYYYYYYYYYNNYYY|"    // BX supported messages: 16 flags in the spec's order (Koha's usual answer)
        + "ANBR01|"                // AN terminal location
        + "AFBienvenue|"           // AF screen message
        + "AGligne 1|";            // AG print line
    assertFrame(frame, new AcsStatusResponse(true, true, true, true, false, false, 600, 3, Optional.of(T_VALUE),
        "2.00", "BM", Optional.of("Médiathèque de Quimper"), "YYYYYYYYYYYNNYYY", Optional.of("BR01"),
        List.of("Bienvenue"), List.of("ligne 1"), List.of()), AcsStatusResponse::from);
  }

  @Test
  void acsStatus98WithoutADateSync() throws Exception {
    String frame = "98" + "YYNYNN" // on-line, checkin ok, checkout refused, renewal policy, no update, no offline
        + "030"                    // [8..10] timeout period
        + "999"                    // [11..13] retries allowed: 999 = unknown
        + " ".repeat(18)           // [14..31] date/time sync: 18 spaces, no date given
        + "2.00"                   // [32..35] protocol version
        + "AOBM|"                  // AO institution id
        + "BXYYYYYYYYYYYYYYYY|";   // BX supported messages
    assertFrame(frame, new AcsStatusResponse(true, true, false, true, false, false, 30, 999, Optional.empty(),
        "2.00", "BM", Optional.empty(), "YYYYYYYYYYYYYYYY", Optional.empty(), List.of(), List.of(), List.of()),
        AcsStatusResponse::from);
  }

  @Test
  void requestAcsResend97() throws Exception {
    String frame = "97";           // request ACS resend: no fixed field, no variable field
    assertPlainFrame(frame, new RequestAcsResend(List.of()), RequestAcsResend::from);
  }

  @Test
  void requestScResend96() throws Exception {
    String frame = "96";           // request SC resend: no fixed field, no variable field
    assertPlainFrame(frame, new RequestScResend(List.of()), RequestScResend::from);
  }

  @Test
  void resendRequestsCarryAChecksumWithoutSequenceAsTheSpecSays() throws Exception {
    // 3M guide, 96 and 97: "should never include a sequence number field, even when error detection is
    // enabled, but would include a checksum field". "96AZ" = 0x39+0x36+0x41+0x5A = 0x10A → FEF6;
    // "97AZ" = 0x10B → FEF5.
    Received scResend = decodeChecked("96AZFEF6\r");
    assertThat(scResend.sequence()).isEmpty();
    assertThat(RequestScResend.from(scResend.message())).isEqualTo(new RequestScResend(List.of()));
    Received acsResend = decodeChecked("97AZFEF5\r");
    assertThat(RequestAcsResend.from(acsResend.message())).isEqualTo(new RequestAcsResend(List.of()));
    assertThatThrownBy(() -> decodeChecked("96AZFEF7\r")).isInstanceOf(Sip2ChecksumException.class)
        .hasMessageContaining("96").hasMessageContaining("AZ").hasMessageContaining("FEF6");
  }
}
