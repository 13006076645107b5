package fr.navette.gate.alarm;

import fr.navette.reader.Uid;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;

/**
 * When each tag last fired the alarm. Owned by the reading loop (not thread-safe). Entries older than the
 * hold-off are forgotten as the loop goes, so a gate that sees thousands of documents a day keeps a few.
 */
public final class HoldOff {
  private final Map<Uid, Long> lastFired = new HashMap<>();
  private long lastSweepNanos;

  public OptionalLong lastFired(Uid uid) {
    Long at = lastFired.get(uid);
    return at == null ? OptionalLong.empty() : OptionalLong.of(at);
  }

  public void fired(Uid uid, long nanoTime) {
    lastFired.put(uid, nanoTime);
  }

  /** Forgets tags whose hold-off has passed; cheap enough to call at every inventory (sweeps once a second). */
  public void forgetOlderThan(Duration holdOff, long nowNanos) {
    if (nowNanos - lastSweepNanos < 1_000_000_000L) {
      return;
    }
    lastSweepNanos = nowNanos;
    long limit = holdOff.toNanos();
    for (Iterator<Long> it = lastFired.values().iterator(); it.hasNext(); ) {
      if (nowNanos - it.next() >= limit) {
        it.remove();
      }
    }
  }

  public int size() {
    return lastFired.size();
  }
}
