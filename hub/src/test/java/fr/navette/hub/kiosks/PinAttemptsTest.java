package fr.navette.hub.kiosks;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.schema.PatronPseudonym;
import fr.navette.sim.devices.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The counting itself, on a stepped clock: what the kiosk tests through the hub do not wait for. */
class PinAttemptsTest {
  private static final PatronPseudonym NETWORK = new PatronPseudonym("k1", new byte[32]);
  private static final String CARD = NETWORK.of("2000000001");
  private static final String OTHER_CARD = NETWORK.of("2000000002");
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-03T10:00:00Z"));
  private final PinAttempts attempts = new PinAttempts(new KioskSecurity(3, 5, Duration.ofMinutes(10),
      Duration.ofHours(1), false), clock);

  private Optional<PinAttempts.Scope> wrongTry(String card, String kiosk) {
    assertThat(attempts.admit(card, kiosk)).as("let through").isEmpty();
    try {
      return attempts.failed(card, kiosk, "BR01");
    } finally {
      attempts.done(card, kiosk);
    }
  }

  @Test
  void aLockEndsByItselfAfterItsTimeAndTheCountStartsAgain() {
    wrongTry(CARD, "k-1");
    wrongTry(CARD, "k-1");
    assertThat(wrongTry(CARD, "k-1")).hasValue(PinAttempts.Scope.CARD);
    assertThat(attempts.admit(CARD, "k-2")).hasValue(PinAttempts.Scope.CARD);
    clock.advance(Duration.ofMinutes(59));
    assertThat(attempts.admit(CARD, "k-2")).hasValue(PinAttempts.Scope.CARD);
    clock.advance(Duration.ofMinutes(1));
    assertThat(attempts.locks()).isEmpty();
    assertThat(wrongTry(CARD, "k-2")).isEmpty();
  }

  @Test
  void aRightPinClearsTheCardsCountButNotTheKiosks() {
    wrongTry(CARD, "k-1");
    wrongTry(CARD, "k-1");
    attempts.succeeded(CARD);
    assertThat(wrongTry(CARD, "k-1")).isEmpty();
    assertThat(wrongTry(CARD, "k-1")).isEmpty();
    // The kiosk has made four wrong tries: the fifth, on another card, locks it.
    assertThat(wrongTry(OTHER_CARD, "k-1")).hasValue(PinAttempts.Scope.KIOSK);
    assertThat(attempts.locks()).singleElement().satisfies(l -> {
      assertThat(l.scope()).isEqualTo("kiosk");
      assertThat(l.who()).isEqualTo("k-1");
      assertThat(l.until()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    });
    assertThat(attempts.liftKiosk("k-1")).isTrue();
    assertThat(attempts.liftKiosk("k-1")).isFalse();
  }

  @Test
  void checksUnderWayCountAsTriesSoThatABurstGetsNoMoreThanTheLimit() {
    wrongTry(CARD, "k-1");
    assertThat(attempts.admit(CARD, "k-1")).isEmpty();
    assertThat(attempts.admit(CARD, "k-1")).isEmpty();
    assertThat(attempts.admit(CARD, "k-1")).as("1 wrong + 2 under way = 3").hasValue(PinAttempts.Scope.CARD);
    attempts.succeeded(CARD);
    attempts.done(CARD, "k-1");
    attempts.done(CARD, "k-1");
    assertThat(attempts.admit(CARD, "k-1")).isEmpty();
  }

  @Test
  void locksShowTheCardMaskedNeverItsPseudonymWhole() {
    for (int i = 0; i < 3; i++) {
      wrongTry(CARD, "k-" + i);
    }
    assertThat(attempts.locks()).singleElement().satisfies(l -> {
      assertThat(l.scope()).isEqualTo("card");
      assertThat(l.who()).startsWith("pp1.k1.").endsWith(CARD.substring(CARD.length() - 2))
          .isNotEqualTo(CARD).contains("*");
    });
    assertThat(attempts.liftCard(CARD)).isTrue();
    assertThat(attempts.locks()).isEmpty();
  }
}
