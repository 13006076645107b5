package fr.navette.hub.identities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.HubFixture;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.identity.CaFingerprint;
import fr.navette.sim.sigb.SigbSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network CA's key kept under a passphrase: encrypted on disk, the same CA at the next start, refused without. */
class CaPassphraseTest {
  @TempDir Path dir;

  @Test
  void theCaKeyIsEncryptedUnderThePassphraseAndTheSameCaComesBackWithIt() throws Exception {
    try (SigbSimulator sigb = HubFixture.smallSigb()) {
      HubConfig config = HubConfig.local(dir.resolve("hub"), 0, 0, SigbSettings.local(sigb.port(), "navette", "navette"));
      IdentitiesSettings withPassphrase = new IdentitiesSettings(0, List.of(),
          Optional.of("correct horse battery staple".toCharArray()));
      CaFingerprint first;
      try (Hub hub = Hub.start(config, c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC(), withPassphrase)) {
        first = hub.caFingerprint();
      }
      assertThat(Files.readString(dir.resolve("hub/ca/ca.key"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
      try (Hub again = Hub.start(config, c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC(), withPassphrase)) {
        assertThat(again.caFingerprint()).isEqualTo(first);
      }
      assertThatThrownBy(() -> Hub.start(config, c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC(),
          IdentitiesSettings.defaults()).close()).hasMessageContaining("ca.key");
    }
  }
}
