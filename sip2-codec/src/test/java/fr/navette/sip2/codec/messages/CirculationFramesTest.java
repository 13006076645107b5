package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.messages.Frames.T;
import static fr.navette.sip2.codec.messages.Frames.T_VALUE;
import static fr.navette.sip2.codec.messages.Frames.assertFrame;
import static fr.navette.sip2.codec.messages.Frames.local;

import fr.navette.sip2.codec.AlertType;
import fr.navette.sip2.codec.CirculationStatus;
import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.YesNoUnknown;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Literal frames of the circulation family: 11/12 checkout, 09/10 checkin, 29/30 renew, 65/66 renew all,
 * 17/18 item information, 19/20 item status update. Shapes from the 3M SIP2 2.00 guide and from SIPServer's
 * t/checkout.t, t/checkin.t, t/renew.t (the base of Koha's and Evergreen's SIP servers: "11YN<date><18
 * spaces>AO..|AA..|AB..|AC|", "09N<date><date>AP..|AO..|AB..|AC..|", "29NN<date><18 spaces>AO..|AA..|AB..|",
 * replies "121NNY", "101YNN", "301YNN"); values are ours.
 */
class CirculationFramesTest {

  @Test
  void checkout11() throws Exception {
    String frame = "11"            // checkout
        + "Y"                      // [2] SC renewal policy
        + "N"                      // [3] no block: N = on line, not an offline loan
        + T                        // [4..21] transaction date
        + " ".repeat(18)           // [22..39] nb due date: 18 spaces, none (only for no-block loans)
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AB3000000042|"          // AB item identifier
        + "AC|"                    // AC terminal password, empty (as SIPServer's tests send it)
        + "CHrfid|"                // CH item properties
        + "AD1234|"                // AD patron password
        + "BON|"                   // BO fee acknowledged
        + "BIN|";                  // BI cancel
    assertFrame(frame, new CheckoutRequest(true, false, T_VALUE, Optional.empty(), "BM", "2000012345", "3000000042",
        Optional.of(""), Optional.of("rfid"), Optional.of("1234"), Optional.of("N"), Optional.of("N"), List.of()),
        CheckoutRequest::from);
  }

  @Test
  void checkoutResponse12() throws Exception {
    String frame = "12"            // checkout response
        + "1"                      // [2] ok
        + "N"                      // [3] renewal ok: N = a new loan, not a renewal
        + "N"                      // [4] magnetic media
        + "Y"                      // [5] desensitize
        + T                        // [6..23] transaction date
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AB3000000042|"          // AB item identifier
        + "AJLes Misérables|"      // AJ title identifier
        + "AH20260205    235900|"  // AH due date (free text; a SIP2 date here)
        + "BT01|"                  // BT fee type
        + "CIN|"                   // CI security inhibit
        + "BHEUR|"                 // BH currency type
        + "BV0.50|"                // BV fee amount
        + "CK001|"                 // CK media type: 001 = book
        + "CHcote 843 HUG|"        // CH item properties
        + "BKtx-42|"               // BK transaction id
        + "AFPrêt accepté|"        // AF screen message
        + "AGRetour avant le 05/02/2026|"; // AG print line
    assertFrame(frame, new CheckoutResponse(true, false, YesNoUnknown.NO, YesNoUnknown.YES, Optional.of(T_VALUE),
        "BM", "2000012345", "3000000042", "Les Misérables", Optional.of("20260205    235900"), Optional.of("01"),
        Optional.of("N"), Optional.of("EUR"), Optional.of("0.50"), Optional.of("001"), Optional.of("cote 843 HUG"),
        Optional.of("tx-42"), List.of("Prêt accepté"), List.of("Retour avant le 05/02/2026"), List.of()),
        CheckoutResponse::from);
  }

  @Test
  void checkoutResponse12Refused() throws Exception {
    String frame = "12"            // checkout response
        + "0"                      // [2] ok: 0 = refused
        + "N"                      // [3] renewal ok
        + "U"                      // [4] magnetic media: U = unknown
        + "N"                      // [5] desensitize: N = keep the tag armed
        + T                        // [6..23] transaction date
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AB3000000042|"          // AB item identifier
        + "AJ|"                    // AJ title identifier, empty: servers send it empty on a refusal
        + "AH|"                    // AH due date, empty
        + "AFDocument réservé par un autre lecteur|"; // AF screen message: the reason
    assertFrame(frame, new CheckoutResponse(false, false, YesNoUnknown.UNKNOWN, YesNoUnknown.NO,
        Optional.of(T_VALUE), "BM", "2000012345", "3000000042", "", Optional.of(""), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        List.of("Document réservé par un autre lecteur"), List.of(), List.of()), CheckoutResponse::from);
  }

  @Test
  void checkin09OfflineReturnWithItsRealReturnDate() throws Exception {
    String frame = "09"            // checkin
        + "Y"                      // [2] no block: Y = done offline, the ACS may not refuse it
        + T                        // [3..20] transaction date: now
        + "20260114    180203"     // [21..38] return date: when the document was really dropped
        + "APBR02|"                // AP current location: always sent, Koha takes the branch from it
        + "AOBM|"                  // AO institution id
        + "AB3000000042|"          // AB item identifier
        + "ACtermpass|"            // AC terminal password
        + "CHrfid|"                // CH item properties
        + "BIN|";                  // BI cancel
    assertFrame(frame, new CheckinRequest(true, T_VALUE, local(2026, 1, 14, 18, 2, 3), "BR02", "BM", "3000000042",
        Optional.of("termpass"), Optional.of("rfid"), Optional.of("N"), List.of()), CheckinRequest::from);
  }

  @Test
  void checkinResponse10SendingTheDocumentToAnotherBranch() throws Exception {
    String frame = "10"            // checkin response
        + "1"                      // [2] ok
        + "Y"                      // [3] resensitize: arm the tag again
        + "N"                      // [4] magnetic media
        + "Y"                      // [5] alert: look at CV
        + T                        // [6..23] transaction date
        + "AOBM|"                  // AO institution id
        + "AB3000000042|"          // AB item identifier
        + "AQBR03|"                // AQ permanent location
        + "AJLes Misérables|"      // AJ title identifier
        + "CL3|"                   // CL sort bin
        + "AA2000012345|"          // AA patron identifier (the borrower, as Koha sends it)
        + "CK001|"                 // CK media type
        + "CHcote 843 HUG|"        // CH item properties
        + "CRROMAN|"               // CR collection code
        + "CS843 HUG|"             // CS call number
        + "CTBR07|"                // CT destination location
        + "CV02|"                  // CV alert type: 02 = hold for another branch
        + "CY2000000001|"          // CY hold patron id
        + "DADupont, Anne|"        // DA hold patron name
        + "AFRéservation pour BR07|" // AF screen message
        + "AGA transférer|"        // AG print line
        + "ZZvendor|";             // ZZ: a field the spec does not know, kept and sent back last
    assertFrame(frame, new CheckinResponse(true, true, YesNoUnknown.NO, true, Optional.of(T_VALUE), "BM",
        "3000000042", Optional.of("BR03"), Optional.of("Les Misérables"), Optional.of("3"), Optional.of("2000012345"),
        Optional.of("001"), Optional.of("cote 843 HUG"), Optional.of("ROMAN"), Optional.of("843 HUG"),
        Optional.of("BR07"), Optional.of(AlertType.HOLD_FOR_OTHER_BRANCH), Optional.of("2000000001"),
        Optional.of("Dupont, Anne"), List.of("Réservation pour BR07"), List.of("A transférer"),
        List.of(new Field("ZZ", "vendor"))), CheckinResponse::from);
  }

  @Test
  void checkinResponse10Plain() throws Exception {
    String frame = "10"            // checkin response
        + "1"                      // [2] ok
        + "Y"                      // [3] resensitize
        + "N"                      // [4] magnetic media
        + "N"                      // [5] alert: nothing to do, back on the shelf
        + "20260115   Z091500"     // [6..23] transaction date, in UTC ("   Z" zone)
        + "AOBM|"                  // AO institution id
        + "AB3000000042|"          // AB item identifier
        + "AQBR02|";               // AQ permanent location
    assertFrame(frame, new CheckinResponse(true, true, YesNoUnknown.NO, false,
        Optional.of(new Sip2Timestamp(LocalDateTime.of(2026, 1, 15, 9, 15, 0),
            Sip2Timestamp.UTC)), "BM", "3000000042", Optional.of("BR02"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of()),
        CheckinResponse::from);
  }

  @Test
  void renew29() throws Exception {
    String frame = "29"            // renew
        + "N"                      // [2] third party allowed
        + "N"                      // [3] no block
        + T                        // [4..21] transaction date
        + " ".repeat(18)           // [22..39] nb due date: none
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AD1234|"                // AD patron password
        + "AB3000000042|"          // AB item identifier
        + "AJLes Misérables|"      // AJ title identifier
        + "ACtermpass|"            // AC terminal password
        + "CHrfid|"                // CH item properties
        + "BON|";                  // BO fee acknowledged
    assertFrame(frame, new RenewRequest(false, false, T_VALUE, Optional.empty(), "BM", "2000012345",
        Optional.of("1234"), Optional.of("3000000042"), Optional.of("Les Misérables"), Optional.of("termpass"),
        Optional.of("rfid"), Optional.of("N"), List.of()), RenewRequest::from);
  }

  @Test
  void renewResponse30() throws Exception {
    String frame = "30"            // renew response
        + "1"                      // [2] ok
        + "Y"                      // [3] renewal ok: Y = it was a renewal
        + "N"                      // [4] magnetic media
        + "N"                      // [5] desensitize: already disarmed, the patron has it
        + T                        // [6..23] transaction date
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AB3000000042|"          // AB item identifier
        + "AJLes Misérables|"      // AJ title identifier
        + "AH20260219    235900|"  // AH due date
        + "CIN|"                   // CI security inhibit
        + "CK001|"                 // CK media type
        + "AFProlongé jusqu'au 19/02|"; // AF screen message
    assertFrame(frame, new RenewResponse(true, true, YesNoUnknown.NO, YesNoUnknown.NO, Optional.of(T_VALUE), "BM",
        "2000012345", "3000000042", "Les Misérables", Optional.of("20260219    235900"), Optional.empty(),
        Optional.of("N"), Optional.empty(), Optional.empty(), Optional.of("001"), Optional.empty(), Optional.empty(),
        List.of("Prolongé jusqu'au 19/02"), List.of(), List.of()), RenewResponse::from);
  }

  @Test
  void renewAll65() throws Exception {
    String frame = "65"            // renew all
        + T                        // [2..19] transaction date
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AD1234|"                // AD patron password
        + "ACtermpass|"            // AC terminal password
        + "BON|";                  // BO fee acknowledged
    assertFrame(frame, new RenewAllRequest(T_VALUE, "BM", "2000012345", Optional.of("1234"), Optional.of("termpass"),
        Optional.of("N"), List.of()), RenewAllRequest::from);
  }

  @Test
  void renewAllResponse66() throws Exception {
    String frame = "66"            // renew all response
        + "1"                      // [2] ok
        + "0002"                   // [3..6] renewed count
        + "0001"                   // [7..10] unrenewed count
        + T                        // [11..28] transaction date
        + "AOBM|"                  // AO institution id
        + "BM3000000042|"          // BM renewed items (repeatable)
        + "BM3000000043|"
        + "BN3000000044|"          // BN unrenewed items (repeatable)
        + "AF2 prolongés, 1 refusé|" // AF screen message
        + "AGbonne lecture|";      // AG print line
    assertFrame(frame, new RenewAllResponse(true, 2, 1, Optional.of(T_VALUE), "BM",
        List.of("3000000042", "3000000043"), List.of("3000000044"), List.of("2 prolongés, 1 refusé"),
        List.of("bonne lecture"), List.of()), RenewAllResponse::from);
  }

  @Test
  void itemInformation17() throws Exception {
    String frame = "17"            // item information
        + T                        // [2..19] transaction date
        + "AOBM|"                  // AO institution id
        + "AB3000000042|"          // AB item identifier
        + "ACtermpass|";           // AC terminal password
    assertFrame(frame, new ItemInformationRequest(T_VALUE, "BM", "3000000042", Optional.of("termpass"), List.of()),
        ItemInformationRequest::from);
  }

  @Test
  void itemInformationResponse18() throws Exception {
    String frame = "18"            // item information response
        + "10"                     // [2..3] circulation status: 10 = in transit between library locations
        + "02"                     // [4..5] security marker: 02 = 3M Tattle-Tape
        + "01"                     // [6..7] fee type: 01 = other/unknown
        + T                        // [8..25] transaction date
        + "CF1|"                   // CF hold queue length
        + "AH20260205    235900|"  // AH due date
        + "CJ20260201    120000|"  // CJ recall date
        + "CM20260210    120000|"  // CM hold pickup date
        + "AB3000000042|"          // AB item identifier
        + "AJLes Misérables|"      // AJ title identifier
        + "BGBM|"                  // BG owner
        + "BHEUR|"                 // BH currency type
        + "BV0.00|"                // BV fee amount
        + "CK001|"                 // CK media type
        + "AQBR03|"                // AQ permanent location
        + "APBR01|"                // AP current location
        + "CHcote 843 HUG|"        // CH item properties
        + "CRROMAN|"               // CR collection code
        + "CS843 HUG|"             // CS call number
        + "CTBR03|"                // CT destination location
        + "AFEn transit vers BR03|" // AF screen message
        + "AGnavette du mardi|";   // AG print line
    assertFrame(frame, new ItemInformationResponse(CirculationStatus.IN_TRANSIT, "02", "01", Optional.of(T_VALUE),
        Optional.of("1"), Optional.of("20260205    235900"), Optional.of("20260201    120000"),
        Optional.of("20260210    120000"), "3000000042", "Les Misérables", Optional.of("BM"), Optional.of("EUR"),
        Optional.of("0.00"), Optional.of("001"), Optional.of("BR03"), Optional.of("BR01"), Optional.of("cote 843 HUG"),
        Optional.of("ROMAN"), Optional.of("843 HUG"), Optional.of("BR03"), List.of("En transit vers BR03"),
        List.of("navette du mardi"), List.of()), ItemInformationResponse::from);
  }

  @Test
  void itemStatusUpdate19() throws Exception {
    String frame = "19"            // item status update
        + T                        // [2..19] transaction date
        + "AOBM|"                  // AO institution id
        + "AB3000000042|"          // AB item identifier
        + "ACtermpass|"            // AC terminal password
        + "CHcote 843 HUG|";       // CH item properties (mandatory here)
    assertFrame(frame, new ItemStatusUpdateRequest(T_VALUE, "BM", "3000000042", Optional.of("termpass"),
        "cote 843 HUG", List.of()), ItemStatusUpdateRequest::from);
  }

  @Test
  void itemStatusUpdateResponse20() throws Exception {
    String frame = "20"            // item status update response
        + "1"                      // [2] item properties ok
        + T                        // [3..20] transaction date
        + "AB3000000042|"          // AB item identifier
        + "AJLes Misérables|"      // AJ title identifier
        + "CHcote 843 HUG|"        // CH item properties
        + "AFPropriétés enregistrées|" // AF screen message
        + "AGok|";                 // AG print line
    assertFrame(frame, new ItemStatusUpdateResponse(true, Optional.of(T_VALUE), "3000000042",
        Optional.of("Les Misérables"), Optional.of("cote 843 HUG"), List.of("Propriétés enregistrées"), List.of("ok"),
        List.of()), ItemStatusUpdateResponse::from);
  }
}
