package fr.navette.gate.passage;

import fr.navette.schema.AlarmEvent.Direction;
import java.time.Duration;

/**
 * The two light beams of a gate and the people crossing them. Beam A is on the library side, beam B on the street
 * side: a person leaving breaks A first, then B (A→B = {@link Direction#OUT}); one entering breaks B first.
 *
 * <p>A passage starts when a beam breaks while both are clear and ends when both are clear again; it counts
 * only if the other beam broke during it (someone who stepped into A and turned back is not a visitor).
 * Two people walking so close that the beams are never clear together count as one: the beams cannot tell.
 *
 * <p>Thread-safe: beams report from the GPIO provider's thread, the reading loop asks for directions and the
 * count timer takes counts.
 */
public final class Passages {
  public enum Beam { A, B }

  /** People counted since the last {@link #takeCounts()}. */
  public record Counts(long entries, long exits) {}

  private final Duration directionWindow;
  private boolean aBroken;
  private boolean bBroken;
  private Beam first;          // the beam that started the passage in progress, or null
  private boolean otherBroke;  // whether the other beam broke during it
  private Direction lastDirection = Direction.UNKNOWN;
  private long lastEndNanos;
  private boolean anyPassage;
  private long entries;
  private long exits;

  /**
   * @param directionWindow how long after a passage ended an alarm still takes its direction (the tag may be
   *                        read just after the person cleared the beams)
   */
  public Passages(Duration directionWindow) {
    this.directionWindow = directionWindow;
  }

  /** A beam changed: {@code broken} when something stands in it. */
  public synchronized void beam(Beam beam, boolean broken, long nanoTime) {
    boolean wasIdle = !aBroken && !bBroken;
    if (beam == Beam.A) {
      aBroken = broken;
    } else {
      bBroken = broken;
    }
    if (broken) {
      if (wasIdle) {
        first = beam;
        otherBroke = false;
      } else if (first != null && beam != first) {
        otherBroke = true;
      }
    } else if (!aBroken && !bBroken && first != null) {
      if (otherBroke) {
        lastDirection = first == Beam.A ? Direction.OUT : Direction.IN;
        lastEndNanos = nanoTime;
        anyPassage = true;
        if (lastDirection == Direction.OUT) {
          exits++;
        } else {
          entries++;
        }
      }
      first = null;
    }
  }

  /**
   * The direction of the person who is crossing at {@code nanoTime}: the passage in progress (by the beam it
   * started with), else one that ended within the window, else {@link Direction#UNKNOWN}.
   */
  public synchronized Direction directionAt(long nanoTime) {
    if (first != null) {
      return first == Beam.A ? Direction.OUT : Direction.IN;
    }
    if (anyPassage && nanoTime - lastEndNanos <= directionWindow.toNanos()) {
      return lastDirection;
    }
    return Direction.UNKNOWN;
  }

  /** The counts since the last call, and starts again from zero. */
  public synchronized Counts takeCounts() {
    Counts counts = new Counts(entries, exits);
    entries = 0;
    exits = 0;
    return counts;
  }
}
