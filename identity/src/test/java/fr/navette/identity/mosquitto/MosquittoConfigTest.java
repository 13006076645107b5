package fr.navette.identity.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.DeviceKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated text itself; {@link MosquittoScaleOutTest} runs it on a real Mosquitto. */
class MosquittoConfigTest {
  private static final DeviceIdentity GATE = new DeviceIdentity("gate-02", "BIB-NORD", DeviceKind.GATE);
  private static final DeviceIdentity MONITOR = new DeviceIdentity("mon-01", "BIB-NORD", DeviceKind.MONITOR);

  @Test
  void aDevicePublishesItsOwnDeviceToHubChannelsAndReadsItsOwnHubToDeviceOnes() {
    assertThat(MosquittoConfig.permissions(GATE)).containsExactlyInAnyOrder(
        "topic write navette/v1/BIB-NORD/gate-02/alarm",
        "topic write navette/v1/BIB-NORD/gate-02/return",
        "topic write navette/v1/BIB-NORD/gate-02/return-problem",
        "topic write navette/v1/BIB-NORD/gate-02/checkout",
        "topic write navette/v1/BIB-NORD/gate-02/renew",
        "topic write navette/v1/BIB-NORD/gate-02/count",
        "topic write navette/v1/BIB-NORD/gate-02/state",
        "topic write navette/v1/BIB-NORD/gate-02/health",
        "topic write navette/v1/BIB-NORD/gate-02/request",
        "topic write navette/v1/BIB-NORD/gate-02/config-ack",
        "topic write navette/v1/BIB-NORD/gate-02/command-ack",
        "topic read navette/v1/BIB-NORD/gate-02/response",
        "topic read navette/v1/BIB-NORD/gate-02/config",
        "topic read navette/v1/BIB-NORD/gate-02/command");
  }

  @Test
  void aMonitorReadsEveryDevicesEventsStateAndHealthOnly() {
    assertThat(MosquittoConfig.permissions(MONITOR)).containsExactlyInAnyOrder(
        "topic read navette/v1/+/+/alarm", "topic read navette/v1/+/+/return",
        "topic read navette/v1/+/+/return-problem", "topic read navette/v1/+/+/checkout",
        "topic read navette/v1/+/+/renew", "topic read navette/v1/+/+/count",
        "topic read navette/v1/+/+/state", "topic read navette/v1/+/+/health");
  }

  @Test
  void theAclNamesTheHubFirstThenTheDevicesInAStableOrder() {
    DeviceIdentity south = new DeviceIdentity("gate-01", "BIB-SUD", DeviceKind.GATE);
    String acl = MosquittoConfig.acl(List.of(south, MONITOR, GATE));
    assertThat(acl).isEqualTo(MosquittoConfig.acl(List.of(GATE, south, MONITOR)));
    assertThat(acl.lines().filter(l -> l.startsWith("user ")))
        .containsExactly("user hub", "user gate-02", "user mon-01", "user gate-01");
    assertThat(acl).contains("user hub\ntopic readwrite navette/#\n");
  }

  @Test
  void aDeviceCalledHubOrTwoDevicesWithOneIdAreRefused() {
    assertThatThrownBy(() -> MosquittoConfig.acl(List.of(new DeviceIdentity("hub", "BIB-NORD", DeviceKind.GATE))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hub's rights");
    assertThatThrownBy(() -> MosquittoConfig.acl(List.of(GATE,
        new DeviceIdentity("gate-02", "BIB-SUD", DeviceKind.RETURN_BOX))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gate-02'");
  }

  @Test
  void theListenerRequiresACertificateAndTakesItsCnAsTheUserName() {
    String conf = MosquittoConfig.conf(MosquittoConfig.Listener.standard(),
        MosquittoConfig.Files.in(Path.of("/etc/mosquitto/navette")));
    assertThat(conf.lines()).contains("allow_anonymous false", "acl_file /etc/mosquitto/navette/navette.acl",
        "listener 8883 0.0.0.0", "cafile /etc/mosquitto/navette/ca.crt", "certfile /etc/mosquitto/navette/hub.crt",
        "keyfile /etc/mosquitto/navette/hub.key", "crlfile /etc/mosquitto/navette/navette.crl",
        "require_certificate true", "use_identity_as_username true");
    assertThatThrownBy(() -> MosquittoConfig.Files.in(Path.of("/srv/my broker")))
        .hasMessageContaining("space");
  }
}
