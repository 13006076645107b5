package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.messages.Frames.T;
import static fr.navette.sip2.codec.messages.Frames.T_VALUE;
import static fr.navette.sip2.codec.messages.Frames.assertFrame;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.PatronStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Literal frames of the patron family: 23/24 status, 25 block (answered by 24), 63/64 information,
 * 35/36 end session, 37/38 fee paid, 15/16 hold. Shapes from the 3M SIP2 2.00 guide and from SIPServer's
 * t/patron_status.t, t/patron_info.t, t/patron_enable.t (the base of Koha's and Evergreen's SIP servers);
 * values are ours. Language 002 is French in the spec's table.
 */
class PatronFramesTest {

  @Test
  void patronStatusRequest23() throws Exception {
    String frame = "23"            // patron status request
        + "002"                    // [2..4] language: 002 = French
        + T                        // [5..22] transaction date
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "ACtermpass|"            // AC terminal password
        + "AD1234|";               // AD patron password (PIN)
    assertFrame(frame, new PatronStatusRequest("002", T_VALUE, "BM", "2000012345", Optional.of("termpass"),
        Optional.of("1234"), List.of()), PatronStatusRequest::from);
  }

  @Test
  void patronStatusResponse24() throws Exception {
    String frame = "24"            // patron status response
        + "          Y   "         // [2..15] 14 patron status flags, Y or space; [12] = flag 11, excessive fines
        + "002"                    // [16..18] language
        + T                        // [19..36] transaction date
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AEDurand, Élise|"       // AE personal name
        + "BLY|"                   // BL valid patron
        + "CQY|"                   // CQ valid patron password
        + "BHEUR|"                 // BH currency type
        + "BV12.50|"               // BV fee amount
        + "AFAmendes impayées|"    // AF screen message
        + "AGà régler à l'accueil|"; // AG print line
    PatronStatusResponse expected = new PatronStatusResponse(
        PatronStatus.of(PatronStatus.Flag.EXCESSIVE_OUTSTANDING_FINES), "002", Optional.of(T_VALUE), "BM",
        "2000012345", "Durand, Élise", Optional.of("Y"), Optional.of("Y"), Optional.of("EUR"), Optional.of("12.50"),
        List.of("Amendes impayées"), List.of("à régler à l'accueil"), List.of());
    assertFrame(frame, expected, PatronStatusResponse::from);
  }

  @Test
  void blockPatron25() throws Exception {
    String frame = "25"            // block patron
        + "N"                      // [2] card retained: N = the kiosk gave the card back
        + T                        // [3..20] transaction date
        + "AOBM|"                  // AO institution id
        + "ALCarte signalée perdue|" // AL blocked card message
        + "AA2000012345|"          // AA patron identifier
        + "ACtermpass|";           // AC terminal password
    assertFrame(frame, new BlockPatronRequest(false, T_VALUE, "BM", "Carte signalée perdue", "2000012345",
        Optional.of("termpass"), List.of()), BlockPatronRequest::from);
  }

  @Test
  void patronStatusResponse24AnsweringABlock() throws Exception {
    // The spec has no 26: a block patron (25) is answered with a 24 whose flags now deny everything.
    String frame = "24"            // patron status response
        + "YYYYY         "         // [2..15] charge, renewal, recall, hold privileges denied; card reported lost
        + "002"                    // [16..18] language
        + T                        // [19..36] transaction date
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AEDurand, Élise|"       // AE personal name
        + "BLY|"                   // BL valid patron
        + "AFCarte bloquée|";      // AF screen message
    PatronStatusResponse expected = new PatronStatusResponse(PatronStatus.of(PatronStatus.Flag.CHARGE_PRIVILEGES_DENIED,
        PatronStatus.Flag.RENEWAL_PRIVILEGES_DENIED, PatronStatus.Flag.RECALL_PRIVILEGES_DENIED,
        PatronStatus.Flag.HOLD_PRIVILEGES_DENIED, PatronStatus.Flag.CARD_REPORTED_LOST), "002", Optional.of(T_VALUE),
        "BM", "2000012345", "Durand, Élise", Optional.of("Y"), Optional.empty(), Optional.empty(), Optional.empty(),
        List.of("Carte bloquée"), List.of(), List.of());
    assertFrame(frame, expected, PatronStatusResponse::from);
  }

  @Test
  void patronInformation63() throws Exception {
    String frame = "63"            // patron information
        + "002"                    // [2..4] language
        + T                        // [5..22] transaction date
        + " Y        "             // [23..32] summary: Y in position 2 = overdue items wanted
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "ACtermpass|"            // AC terminal password
        + "AD1234|"                // AD patron password
        + "BP1|"                   // BP start item
        + "BQ5|";                  // BQ end item
    assertFrame(frame, new PatronInformationRequest("002", T_VALUE, " Y        ", "BM", "2000012345",
        Optional.of("termpass"), Optional.of("1234"), Optional.of("1"), Optional.of("5"), List.of()),
        PatronInformationRequest::from);
  }

  @Test
  void patronInformationResponse64() throws Exception {
    String frame = "64"            // patron information response
        + "              "         // [2..15] 14 patron status flags: none set
        + "002"                    // [16..18] language
        + T                        // [19..36] transaction date
        + "0001"                   // [37..40] hold items count
        + "0002"                   // [41..44] overdue items count
        + "0003"                   // [45..48] charged items count
        + "0000"                   // [49..52] fine items count
        + "0000"                   // [53..56] recall items count
        + "0001"                   // [57..60] unavailable holds count
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AEDurand, Élise|"       // AE personal name
        + "BZ0010|"                // BZ hold items limit
        + "CA0005|"                // CA overdue items limit
        + "CB0030|"                // CB charged items limit
        + "BLY|"                   // BL valid patron
        + "CQY|"                   // CQ valid patron password
        + "BHEUR|"                 // BH currency type
        + "BV0.00|"                // BV fee amount
        + "CC5.00|"                // CC fee limit
        + "AS3000000101|"          // AS hold items (repeatable)
        + "AT3000000042|"          // AT overdue items (repeatable) ...
        + "AT3000000043|"          // ... second one
        + "AU3000000042|"          // AU charged items (repeatable)
        + "AU3000000043|"
        + "AU3000000044|"
        + "CD3000000102|"          // CD unavailable hold items
        + "BD12 rue de Brest, 29000 Quimper|" // BD home address
        + "BEelise.durand@example.org|" // BE e-mail address
        + "BF0298000000|"          // BF home phone number
        + "AFBonjour Élise|"       // AF screen message
        + "PCADULTE|";             // PC: Koha's patron category extension, unknown to the spec: kept, sent back
    PatronInformationResponse expected = new PatronInformationResponse(PatronStatus.CLEAR, "002",
        Optional.of(T_VALUE), 1, 2, 3, 0, 0, 1, "BM", "2000012345", "Durand, Élise", Optional.of("0010"),
        Optional.of("0005"), Optional.of("0030"), Optional.of("Y"), Optional.of("Y"), Optional.of("EUR"),
        Optional.of("0.00"), Optional.of("5.00"), List.of("3000000101"), List.of("3000000042", "3000000043"),
        List.of("3000000042", "3000000043", "3000000044"), List.of(), List.of(), List.of("3000000102"),
        Optional.of("12 rue de Brest, 29000 Quimper"), Optional.of("elise.durand@example.org"),
        Optional.of("0298000000"), List.of("Bonjour Élise"), List.of(), List.of(new Field("PC", "ADULTE")));
    assertFrame(frame, expected, PatronInformationResponse::from);
  }

  @Test
  void endPatronSession35() throws Exception {
    String frame = "35"            // end patron session
        + T                        // [2..19] transaction date
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "ACtermpass|"            // AC terminal password
        + "AD1234|";               // AD patron password
    assertFrame(frame, new EndPatronSessionRequest(T_VALUE, "BM", "2000012345", Optional.of("termpass"),
        Optional.of("1234"), List.of()), EndPatronSessionRequest::from);
  }

  @Test
  void endSessionResponse36() throws Exception {
    String frame = "36"            // end session response
        + "Y"                      // [2] end session
        + T                        // [3..20] transaction date
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AFAu revoir|"           // AF screen message
        + "AGMerci de votre visite|"; // AG print line
    assertFrame(frame, new EndSessionResponse(true, Optional.of(T_VALUE), "BM", "2000012345",
        List.of("Au revoir"), List.of("Merci de votre visite"), List.of()), EndSessionResponse::from);
  }

  @Test
  void feePaid37() throws Exception {
    String frame = "37"            // fee paid
        + T                        // [2..19] transaction date
        + "01"                     // [20..21] fee type: 01 = other/unknown
        + "02"                     // [22..23] payment type: 02 = credit card
        + "EUR"                    // [24..26] currency type, ISO 4217
        + "BV4.50|"                // BV fee amount
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "ACtermpass|"            // AC terminal password
        + "AD1234|"                // AD patron password
        + "CG1789|"                // CG fee identifier
        + "BKkiosk-01-0042|";      // BK transaction id
    assertFrame(frame, new FeePaidRequest(T_VALUE, "01", "02", "EUR", "4.50", "BM", "2000012345",
        Optional.of("termpass"), Optional.of("1234"), Optional.of("1789"), Optional.of("kiosk-01-0042"), List.of()),
        FeePaidRequest::from);
  }

  @Test
  void feePaidResponse38() throws Exception {
    String frame = "38"            // fee paid response
        + "Y"                      // [2] payment accepted
        + T                        // [3..20] transaction date
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "BKkiosk-01-0042|"       // BK transaction id
        + "AFPaiement accepté|"    // AF screen message
        + "AGReçu n° 42|";         // AG print line
    assertFrame(frame, new FeePaidResponse(true, Optional.of(T_VALUE), "BM", "2000012345",
        Optional.of("kiosk-01-0042"), List.of("Paiement accepté"), List.of("Reçu n° 42"), List.of()),
        FeePaidResponse::from);
  }

  @Test
  void hold15() throws Exception {
    String frame = "15"            // hold
        + "+"                      // [2] hold mode: + add, - delete, * change
        + T                        // [3..20] transaction date
        + "BW20260301    235959|"  // BW expiration date
        + "BSBR07|"                // BS pickup location
        + "BY2|"                   // BY hold type: 2 = any copy of the title
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AD1234|"                // AD patron password
        + "AB3000000042|"          // AB item identifier
        + "AJLes Misérables|"      // AJ title identifier
        + "ACtermpass|"            // AC terminal password
        + "BON|";                  // BO fee acknowledged
    assertFrame(frame, new HoldRequest("+", T_VALUE, Optional.of("20260301    235959"), Optional.of("BR07"),
        Optional.of("2"), "BM", "2000012345", Optional.of("1234"), Optional.of("3000000042"),
        Optional.of("Les Misérables"), Optional.of("termpass"), Optional.of("N"), List.of()), HoldRequest::from);
  }

  @Test
  void holdResponse16() throws Exception {
    String frame = "16"            // hold response
        + "1"                      // [2] ok
        + "N"                      // [3] available: N = not on the shelf now
        + T                        // [4..21] transaction date
        + "BW20260301    235959|"  // BW expiration date
        + "BR2|"                   // BR queue position
        + "BSBR07|"                // BS pickup location
        + "AOBM|"                  // AO institution id
        + "AA2000012345|"          // AA patron identifier
        + "AB3000000042|"          // AB item identifier
        + "AJLes Misérables|"      // AJ title identifier
        + "AFRéservation enregistrée|" // AF screen message
        + "AGRang 2|";             // AG print line
    assertFrame(frame, new HoldResponse(true, false, Optional.of(T_VALUE), Optional.of("20260301    235959"),
        Optional.of("2"), Optional.of("BR07"), "BM", "2000012345", Optional.of("3000000042"),
        Optional.of("Les Misérables"), List.of("Réservation enregistrée"), List.of("Rang 2"), List.of()),
        HoldResponse::from);
  }
}
