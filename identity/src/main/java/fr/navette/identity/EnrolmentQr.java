package fr.navette.identity;

import io.nayuki.qrcodegen.QrCode;
import java.util.Locale;

/**
 * An enrolment string as a QR code, for the administrator's terminal and admin page. The string is encoded upper
 * case — reading it forgives case — so that it fits QR's alphanumeric mode (digits, A-Z, {@code -} and {@code .}):
 * 81 characters make a version 4 code, 33 modules a side, which a phone reads off a terminal.
 */
public final class EnrolmentQr {
  /** The quiet zone around the code, in modules, as the QR standard asks. */
  static final int QUIET_ZONE = 4;
  private static final String DARK_ON_LIGHT = "\u001b[30;47m";
  private static final String RESET = "\u001b[0m";

  private EnrolmentQr() {}

  static QrCode code(EnrolmentString enrolment) {
    return QrCode.encodeText(enrolment.text().toUpperCase(Locale.ROOT), QrCode.Ecc.MEDIUM);
  }

  /**
   * Lines of text drawing the code with half blocks (two modules a line), dark on light whatever the terminal's
   * colours — a code drawn light on dark is not read by every phone.
   */
  public static String terminal(EnrolmentString enrolment) {
    QrCode code = code(enrolment);
    int size = code.size + 2 * QUIET_ZONE;
    StringBuilder out = new StringBuilder();
    for (int y = 0; y < size; y += 2) {
      out.append(DARK_ON_LIGHT);
      for (int x = 0; x < size; x++) {
        boolean top = dark(code, x, y);
        boolean bottom = y + 1 < size && dark(code, x, y + 1);
        out.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
      }
      out.append(RESET).append('\n');
    }
    return out.toString();
  }

  /** The code as an SVG image (one path, dark modules), scalable, for the admin page. */
  public static String svg(EnrolmentString enrolment) {
    QrCode code = code(enrolment);
    int size = code.size + 2 * QUIET_ZONE;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < code.size; y++) {
      for (int x = 0; x < code.size; x++) {
        if (code.getModule(x, y)) {
          path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
        + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"code QR d'enrôlement\">"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
  }

  private static boolean dark(QrCode code, int x, int y) {
    int cx = x - QUIET_ZONE;
    int cy = y - QUIET_ZONE;
    return cx >= 0 && cy >= 0 && cx < code.size && cy < code.size && code.getModule(cx, cy);
  }
}
