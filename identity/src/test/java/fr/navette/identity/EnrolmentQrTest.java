package fr.navette.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class EnrolmentQrTest {
  private final EnrolmentString enrolment = EnrolmentString.generate(new SecureRandom(),
      CaFingerprint.parse("z".repeat(51) + "0"));

  @Test
  void anEnrolmentStringFitsAVersion4CodeInAlphanumericMode() {
    var code = EnrolmentQr.code(enrolment);
    assertThat(code.version).isEqualTo(4);
    assertThat(code.size).isEqualTo(33);
  }

  @Test
  void theTerminalDrawingIsTwoModulesALineQuietZoneIncluded() {
    var code = EnrolmentQr.code(enrolment);
    String drawing = EnrolmentQr.terminal(enrolment);
    int side = code.size + 2 * EnrolmentQr.QUIET_ZONE; // 41
    var lines = drawing.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "")).toList();

    assertThat(lines).hasSize((side + 1) / 2).allSatisfy(line -> assertThat(line).hasSize(side));
    assertThat(lines.get(0)).isBlank(); // quiet zone
    // The top-left finder pattern's first two rows (all dark; dark at both ends only) share line 2.
    String finderTop = lines.get(2).substring(EnrolmentQr.QUIET_ZONE, EnrolmentQr.QUIET_ZONE + 7);
    assertThat(finderTop).isEqualTo("█▀▀▀▀▀█");
  }

  @Test
  void theSvgDrawsEveryDarkModule() {
    var code = EnrolmentQr.code(enrolment);
    int dark = 0;
    for (int y = 0; y < code.size; y++) {
      for (int x = 0; x < code.size; x++) {
        dark += code.getModule(x, y) ? 1 : 0;
      }
    }
    String svg = EnrolmentQr.svg(enrolment);
    assertThat(svg).startsWith("<svg").contains("viewBox=\"0 0 41 41\"").doesNotContain(enrolment.secret());
    assertThat(svg.split("h1v1h-1z", -1)).hasSize(dark + 1);
  }
}
