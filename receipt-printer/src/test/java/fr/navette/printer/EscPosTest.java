package fr.navette.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** The bytes, commented command by command; the status bytes; what French text becomes in each code page. */
class EscPosTest {

  @Test
  void aReceiptIsResetCodePageAlignedBoldTextAndFeedThenCut() {
    Receipt receipt = Receipt.builder().heading("Médiathèque").text("À rendre : 15/12").build();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(new byte[] {0x1B, '@'});                 // ESC @ reset
    expected.writeBytes(new byte[] {0x1B, 't', 19});             // ESC t 19: CP858
    expected.writeBytes(new byte[] {0x1B, 'a', 1});              // ESC a 1: centre
    expected.writeBytes(new byte[] {0x1B, 'E', 1});              // ESC E 1: bold on
    expected.writeBytes(new byte[] {'M', (byte) 0x82, 'd', 'i', 'a', 't', 'h', (byte) 0x8A, 'q', 'u', 'e', 0x0A});
    expected.writeBytes(new byte[] {0x1B, 'E', 0});              // bold off
    expected.writeBytes(new byte[] {0x1B, 'a', 0});              // ESC a 0: left
    expected.writeBytes(new byte[] {(byte) 0xB7, ' ', 'r', 'e', 'n', 'd', 'r', 'e', ' ', ':', ' ',
        '1', '5', '/', '1', '2', 0x0A});                          // À is 0xB7 in CP850/858
    expected.writeBytes(new byte[] {0x1B, 'a', 0, 0x1B, 'd', 4}); // left, feed 4 lines past the cutter
    expected.writeBytes(new byte[] {0x1D, 'V', 66, 0});          // GS V 66 0: feed and partial cut
    assertThat(EscPos.encode(receipt, EscPos.CodePage.CP858, 48)).isEqualTo(expected.toByteArray());
  }

  @Test
  void frenchTextIsSpeltSoThatTheCodePageHoldsItAndNoCommandCanHideInIt() {
    assertThat(EscPos.spell("Œuvres complètes — 2 €", EscPos.CodePage.CP858)).isEqualTo("OEuvres complètes - 2 €");
    assertThat(EscPos.spell("2 €", EscPos.CodePage.CP850)).isEqualTo("2 EUR");
    assertThat(EscPos.spell("Ça ira, l’été « déjà »", EscPos.CodePage.CP850)).isEqualTo("Ça ira, l'été « déjà »");
    assertThat(EscPos.spell("Łódź", EscPos.CodePage.CP850)).isEqualTo("?ódz"); // ó is in CP850, Ł is not
    assertThat(EscPos.spell("A\u001B@B\u001DV", EscPos.CodePage.CP858)).isEqualTo("A @B V");
  }

  @Test
  void longLinesWrapAtSpacesAndLongWordsAreCut() {
    assertThat(EscPos.wrap("Les Misérables, tome premier : Fantine", 16))
        .containsExactly("Les Misérables,", "tome premier :", "Fantine");
    assertThat(EscPos.wrap("ABCDEFGHIJKLMNOPQRSTU", 16)).containsExactly("ABCDEFGHIJKLMNOP", "QRSTU");
    assertThat(EscPos.wrap("", 16)).containsExactly("");
  }

  @Test
  void statusBytesReadBackAsTheyWereWrittenAndGarbageIsRefused() {
    for (boolean cover : new boolean[] {false, true}) {
      for (boolean out : new boolean[] {false, true}) {
        for (boolean near : new boolean[] {false, true}) {
          PrinterStatus s = new PrinterStatus(!cover && !out, cover, out, near, false);
          byte[] b = s.toBytes();
          assertThat(PrinterStatus.parse(b[0], b[1], b[2])).isEqualTo(s);
        }
      }
    }
    assertThat(PrinterStatus.parse(0x12, 0x12, 0x12)).isEqualTo(PrinterStatus.READY);
    assertThat(PrinterStatus.parse(0x12, 0x12, 0x7E).fault()).hasValue(PrinterException.Kind.PAPER_OUT);
    assertThat(PrinterStatus.parse(0x1A, 0x16, 0x12).fault()).hasValue(PrinterException.Kind.COVER_OPEN);
    assertThat(PrinterStatus.parse(0x12, 0x12, 0x1E).fault()).isEmpty(); // near end still prints
    assertThatThrownBy(() -> PrinterStatus.parse(0x12, 0x00, 0x12)).hasMessageContaining("DLE EOT 2");
  }

  @Test
  void theHealthAKioskReportsSaysWhatStopsReceipts() {
    assertThat(PrinterHealth.of(PrinterStatus.READY)).isEqualTo(fr.navette.schema.HealthEvent.PrinterState.OK);
    assertThat(PrinterHealth.of(new PrinterStatus(true, false, false, true, false)))
        .isEqualTo(fr.navette.schema.HealthEvent.PrinterState.PAPER_NEAR_END);
    assertThat(PrinterHealth.of(new PrinterStatus(false, false, true, true, false)))
        .isEqualTo(fr.navette.schema.HealthEvent.PrinterState.PAPER_OUT);
    assertThat(PrinterHealth.of(PrinterException.Kind.NOT_ANSWERING))
        .isEqualTo(fr.navette.schema.HealthEvent.PrinterState.OFFLINE);
  }
}
