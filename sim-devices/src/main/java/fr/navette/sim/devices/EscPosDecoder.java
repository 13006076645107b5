package fr.navette.sim.devices;

import fr.navette.printer.EscPos;
import fr.navette.printer.PrinterStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads ESC/POS bytes back the way a printer does: ESC @ (reset), ESC t (code page), ESC E (bold), ESC a
 * (alignment), ESC d (feed), GS V (cut), DLE EOT (status, answered at once), LF (end of line); text decoded in the
 * code page in force. Unknown commands are counted, their bytes skipped as ESC/POS says (ESC x takes one argument).
 */
final class EscPosDecoder {
  /** A printed line as it came out: its text, and whether it was bold. */
  record PrintedLine(String text, boolean bold, boolean centered) {}

  private final List<List<PrintedLine>> cutReceipts = new ArrayList<>();
  private List<PrintedLine> current = new ArrayList<>();
  private final ByteArrayOutputStream text = new ByteArrayOutputStream();
  private final byte[] pending = new byte[4];
  private int pendingLength;
  private Charset charset = Charset.forName("IBM437"); // what printers start with
  private boolean bold;
  private boolean centered;
  private int unknownCommands;
  private final Supplier<PrinterStatus> status;
  private final java.util.function.Consumer<byte[]> reply;
  private final Supplier<Boolean> printing;

  /**
   * @param printing false while the printer cannot print (paper out, cover open): text is then lost
   */
  EscPosDecoder(Supplier<PrinterStatus> status, java.util.function.Consumer<byte[]> reply,
                Supplier<Boolean> printing) {
    this.status = status;
    this.reply = reply;
    this.printing = printing;
  }

  void accept(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      accept(bytes[i]);
    }
  }

  private void accept(byte b) {
    if (pendingLength > 0 || b == EscPos.ESC || b == EscPos.GS || b == EscPos.DLE) {
      pending[pendingLength++] = b;
      command();
      return;
    }
    if (b == EscPos.LF) {
      endLine();
    } else if ((b & 0xFF) >= 0x20) {
      text.write(b);
    }
  }

  /** Runs the pending command once it is whole. */
  private void command() {
    if (pendingLength < 2) {
      return;
    }
    byte first = pending[0];
    byte second = pending[1];
    if (first == EscPos.ESC && second == '@') {
      bold = false;
      centered = false;
      pendingLength = 0;
      return;
    }
    if (first == EscPos.GS && second == 'V') {
      if (pendingLength < 3) {
        return;
      }
      int m = pending[2] & 0xFF;
      if ((m == 65 || m == 66) && pendingLength < 4) {
        return; // the feed-and-cut forms carry one more byte
      }
      cut();
      pendingLength = 0;
      return;
    }
    if (pendingLength < 3) {
      return;
    }
    int n = pending[2] & 0xFF;
    pendingLength = 0;
    if (first == EscPos.DLE && second == EscPos.EOT) {
      byte[] all = status.get().toBytes();
      reply.accept(new byte[] {all[n == 1 ? 0 : n == 2 ? 1 : 2]});
    } else if (first == EscPos.ESC && second == 't') {
      charset = EscPos.CodePage.ofEscT(n).map(EscPos.CodePage::charset).orElse(charset);
    } else if (first == EscPos.ESC && second == 'E') {
      bold = (n & 1) == 1;
    } else if (first == EscPos.ESC && second == 'a') {
      centered = n == 1;
    } else if (first == EscPos.ESC && second == 'd') {
      for (int i = 0; i < n; i++) {
        endLine();
      }
    } else {
      unknownCommands++;
    }
  }

  private void endLine() {
    String line = new String(text.toByteArray(), charset);
    text.reset();
    if (printing.get()) {
      current.add(new PrintedLine(line, bold, centered));
    }
  }

  private void cut() {
    while (!current.isEmpty() && current.getLast().text().isEmpty()) {
      current.removeLast(); // the feed before the cut
    }
    if (!current.isEmpty()) {
      cutReceipts.add(List.copyOf(current));
    }
    current = new ArrayList<>();
  }

  List<List<PrintedLine>> receipts() {
    return List.copyOf(cutReceipts);
  }

  int unknownCommands() {
    return unknownCommands;
  }
}
