package fr.navette.gate.alarm;

import fr.navette.reader.InventoryEntry;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The gate's one decision, a plain function of its inputs: does this tag, seen now, fire the alarm? Yes when it
 * is armed and has not fired within the hold-off (a document carried slowly through the antennas, or left on a
 * table beside them, is read many times a second: one alarm, not fifty).
 */
public final class AlarmDecision {
  private AlarmDecision() {}

  /**
   * @param entry what the reader reported for the tag (its AFI or EAS state where known)
   * @param rule what armed means here
   * @param lastFiredNanos when this tag last fired the alarm ({@link System#nanoTime()}), if it ever did
   * @param nowNanos now, on the same clock
   * @param holdOff how long the same tag stays quiet after firing
   */
  public static boolean fires(InventoryEntry entry, ArmedRule rule, OptionalLong lastFiredNanos, long nowNanos,
                              Duration holdOff) {
    if (!rule.isArmed(entry.afi(), entry.eas())) {
      return false;
    }
    return lastFiredNanos.isEmpty() || nowNanos - lastFiredNanos.getAsLong() >= holdOff.toNanos();
  }
}
