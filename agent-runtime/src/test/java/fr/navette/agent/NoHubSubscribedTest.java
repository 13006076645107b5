package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.navette.mqtt.testkit.PrivateMosquitto;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.ReturnEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event published while no hub is subscribed — both hubs of a scale-out down, or not yet subscribed again after
 * a Mosquitto restart — is answered by the broker with PUBACK 0x10 "no matching subscribers" and then dropped. The
 * box must keep it in its outbox and send it again once a hub is there, not take the 0x10 for "stored".
 */
class NoHubSubscribedTest {
  @TempDir Path dir;

  @Test
  void anEventNoHubWasSubscribedForStaysInTheOutboxUntilAHubIsThere() throws Exception {
    Clock clock = Clock.systemUTC();
    String device = "box-nh-01";
    try (PrivateMosquitto mosquitto = PrivateMosquitto.start(dir, "log_type all");
         DeviceRuntime runtime = DeviceRuntime.start(
             DeviceRuntime.Settings.of(SessionSettings.of(mosquitto.uri(), "BR03", device), dir.resolve("data")),
             new ConfigAndCommandsTest.GateSettings(), () -> HealthEvent.ReaderState.OK, commands -> {}, clock)) {
      await("the box connected").atMost(Duration.ofSeconds(15)).until(runtime.session()::isConnected);
      var stored = runtime.record(Channel.RETURN,
          h -> EventCodec.encode(new ReturnEvent(h, "0012345678", clock.instant(), false)));
      // Mosquitto answers 0x10 to each attempt and drops the message: the box keeps it and tries again.
      await("the box sent the event again after a 0x10").atMost(Duration.ofSeconds(20))
          .until(() -> returnsReceived(mosquitto, device) >= 2);
      assertThat(runtime.outbox().depth()).as("kept on the box: nobody received it").isEqualTo(1);

      try (HubProbe hub = new HubProbe(mosquitto.uri(), "BR03", device)) {
        await("the hub got the event once it was subscribed").atMost(Duration.ofSeconds(30))
            .until(() -> hub.applied.size() == 1);
        assertThat(hub.applied.getFirst().sequence()).isEqualTo(stored.sequence());
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.outbox().depth() == 0);
      }
    }
  }

  private static long returnsReceived(PrivateMosquitto mosquitto, String device) throws java.io.IOException {
    return mosquitto.log().lines()
        .filter(l -> l.contains("Received PUBLISH from " + device) && l.contains("/return'")).count();
  }
}
