package fr.navette.gate;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.gate.passage.Passages;
import fr.navette.gate.passage.Passages.Beam;
import fr.navette.schema.AlarmEvent.Direction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Beam A on the library side, B on the street side. */
class PassagesTest {
  private static final long MS = 1_000_000L;
  private final Passages passages = new Passages(Duration.ofSeconds(3));

  private void walk(Beam first, Beam second, long t) {
    passages.beam(first, true, t);
    passages.beam(second, true, t + 100 * MS);
    passages.beam(first, false, t + 200 * MS);
    passages.beam(second, false, t + 300 * MS);
  }

  @Test
  void aThenBIsSomeoneLeavingBThenAIsSomeoneComingIn() {
    walk(Beam.A, Beam.B, 0);
    assertThat(passages.directionAt(400 * MS)).isEqualTo(Direction.OUT);
    walk(Beam.B, Beam.A, 10_000 * MS);
    assertThat(passages.directionAt(10_400 * MS)).isEqualTo(Direction.IN);
    walk(Beam.B, Beam.A, 20_000 * MS);
    assertThat(passages.takeCounts()).isEqualTo(new Passages.Counts(2, 1));
    assertThat(passages.takeCounts()).isEqualTo(new Passages.Counts(0, 0));
  }

  @Test
  void someoneWhoTurnsBackIsNotCounted() {
    passages.beam(Beam.A, true, 0);
    passages.beam(Beam.A, false, 500 * MS);
    passages.beam(Beam.B, true, 10_000 * MS);
    passages.beam(Beam.B, false, 10_300 * MS);
    assertThat(passages.takeCounts()).isEqualTo(new Passages.Counts(0, 0));
  }

  @Test
  void anAlarmTakesTheDirectionOfThePassageInProgressOrJustEnded() {
    assertThat(passages.directionAt(0)).isEqualTo(Direction.UNKNOWN);
    passages.beam(Beam.B, true, 0);
    assertThat(passages.directionAt(50 * MS)).as("B broken first: coming in").isEqualTo(Direction.IN);
    passages.beam(Beam.A, true, 100 * MS);
    passages.beam(Beam.B, false, 200 * MS);
    passages.beam(Beam.A, false, 300 * MS);
    assertThat(passages.directionAt(3_300 * MS)).as("within the window").isEqualTo(Direction.IN);
    assertThat(passages.directionAt(3_301 * MS)).as("past the window").isEqualTo(Direction.UNKNOWN);
  }

  @Test
  void aBeamFlickeringInsideAPassageDoesNotCountTwice() {
    passages.beam(Beam.A, true, 0);
    passages.beam(Beam.B, true, 100 * MS);
    passages.beam(Beam.A, false, 150 * MS);
    passages.beam(Beam.A, true, 160 * MS); // a swinging bag
    passages.beam(Beam.A, false, 170 * MS);
    passages.beam(Beam.B, false, 300 * MS);
    assertThat(passages.takeCounts()).isEqualTo(new Passages.Counts(0, 1));
  }
}
