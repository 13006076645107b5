package fr.navette.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.sim.devices.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubCertificateTest {
  private final SteppedClock clock = CertificateClocks.nowToTheSecond();
  @TempDir Path dir;

  @Test
  void isKeptAcrossStartsAndIssuedAgainWhenNamesChangeOrTheEndNears() throws Exception {
    NetworkCa ca = NetworkCa.openOrCreate(dir, clock);
    KeyAndCertificate first = HubCertificate.loadOrIssue(dir, ca, List.of("hub.bib.example"), clock.instant());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hub.key"))))
        .isEqualTo("rw-------");

    KeyAndCertificate again = HubCertificate.loadOrIssue(dir, ca, List.of("hub.bib.example"), clock.instant());
    assertThat(again.certificate()).isEqualTo(first.certificate());

    KeyAndCertificate renamed = HubCertificate.loadOrIssue(dir, ca, List.of("hub.bib.example", "10.0.0.5"),
        clock.instant());
    assertThat(renamed.certificate()).isNotEqualTo(first.certificate());
    assertThat(renamed.certificate().getSubjectAlternativeNames()).contains(List.of(7, "10.0.0.5"));

    clock.advance(NetworkCa.SERVER_VALIDITY.minus(Duration.ofDays(29)));
    KeyAndCertificate renewed = HubCertificate.loadOrIssue(dir, ca, List.of("10.0.0.5"), clock.instant());
    assertThat(renewed.certificate()).isNotEqualTo(renamed.certificate());
    assertThat(Files.readString(dir.resolve("hub.crt"))).isEqualTo(Pem.write(renewed.certificate()));
  }

  @Test
  void aCertificateFromAnotherCaIsReplaced() {
    NetworkCa old = NetworkCa.openOrCreate(dir.resolve("old"), clock);
    HubCertificate.loadOrIssue(dir, old, List.of(), clock.instant());
    NetworkCa ca = NetworkCa.openOrCreate(dir.resolve("new"), clock);

    KeyAndCertificate issued = HubCertificate.loadOrIssue(dir, ca, List.of(), clock.instant());
    assertThat(ca.signed(issued.certificate())).isTrue();
  }
}
