package fr.navette.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.sim.devices.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Wrong passwords per user name and per address, with locks that grow; checks under way count as tries. */
class LoginThrottleTest {
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Limits.defaults(), clock);

  private boolean wrong(String user, String peer) {
    assertThat(throttle.admit(user, peer)).as("admitted").isEmpty();
    return throttle.done(user, peer, false);
  }

  @Test
  void fiveWrongPasswordsLockTheNameForThirtySecondsThenLongerAtEachFurtherOne() {
    for (int i = 0; i < 4; i++) {
      assertThat(wrong("marie", "10.0.0.1")).isFalse();
    }
    assertThat(wrong("marie", "10.0.0.1")).as("the fifth locks").isTrue();
    assertThat(throttle.admit("Marie", "10.0.0.2")).as("the name, from anywhere").hasValue(Duration.ofSeconds(30));
    assertThat(throttle.admit("paul", "10.0.0.1")).as("another name from the same desk").isEmpty();
    throttle.done("paul", "10.0.0.1", true);
    clock.advance(Duration.ofSeconds(30));
    assertThat(wrong("marie", "10.0.0.1")).isTrue();
    assertThat(throttle.admit("marie", "10.0.0.1")).hasValue(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    assertThat(throttle.admit("marie", "10.0.0.1")).isEmpty();
    throttle.done("marie", "10.0.0.1", true); // the right one at last: the name's count starts again
    assertThat(wrong("marie", "10.0.0.1")).isFalse();
  }

  @Test
  void twentyWrongPasswordsFromOneAddressLockItWhateverTheNames() {
    for (int i = 0; i < 19; i++) {
      assertThat(wrong("guess-" + i, "192.0.2.7")).isFalse();
    }
    assertThat(wrong("guess-19", "192.0.2.7")).isTrue();
    assertThat(throttle.admit("someone-else", "192.0.2.7")).isPresent();
    assertThat(throttle.admit("someone-else", "192.0.2.8")).isEmpty();
  }

  @Test
  void checksUnderWayCountAsTriesSoThatABurstGetsNoMoreThanTheLimit() {
    int admitted = 0;
    for (int i = 0; i < 50; i++) {
      if (throttle.admit("marie", "10.0.0." + i).isEmpty()) {
        admitted++;
      }
    }
    assertThat(admitted).isEqualTo(5);
    Optional<Duration> wait = throttle.admit("marie", "10.0.0.99");
    assertThat(wait).isPresent();
  }

  @Test
  void failuresAreForgottenFifteenMinutesAfterTheLast() {
    for (int i = 0; i < 4; i++) {
      wrong("marie", "10.0.0.1");
    }
    clock.advance(Duration.ofMinutes(15));
    for (int i = 0; i < 4; i++) {
      assertThat(wrong("marie", "10.0.0.1")).isFalse();
    }
  }
}
