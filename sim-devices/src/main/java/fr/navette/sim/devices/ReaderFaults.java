package fr.navette.sim.devices;

import fr.navette.reader.Uid;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** What real readers do to their hosts, on demand: knobs a test or the demo turns. Thread-safe. */
public final class ReaderFaults {
  private final AtomicBoolean duplicateUids = new AtomicBoolean();
  private final AtomicInteger garbleReplies = new AtomicInteger();
  private final AtomicBoolean mute = new AtomicBoolean();
  private final Map<Uid, Integer> leaveMidWrite = new ConcurrentHashMap<>();

  /** Inventories report every UID twice (as readers do when a tag answers in two slots). */
  public ReaderFaults duplicateUids(boolean on) {
    duplicateUids.set(on);
    return this;
  }

  /** The next {@code n} replies go out with a byte flipped (a bad checksum). */
  public ReaderFaults garbleNextReplies(int n) {
    garbleReplies.set(n);
    return this;
  }

  /** The reader stops answering at all (to exercise timeouts). */
  public ReaderFaults mute(boolean on) {
    mute.set(on);
    return this;
  }

  /** The next write to {@code uid} stores {@code blocksWritten} blocks, then the tag leaves the field. */
  public ReaderFaults tagLeavesDuringNextWrite(Uid uid, int blocksWritten) {
    leaveMidWrite.put(uid, blocksWritten);
    return this;
  }

  boolean duplicateUids() {
    return duplicateUids.get();
  }

  boolean takeGarble() {
    return garbleReplies.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  boolean mute() {
    return mute.get();
  }

  /** Blocks written before the tag leaves, or -1 when it stays. */
  int takeLeaveMidWrite(Uid uid) {
    Integer n = leaveMidWrite.remove(uid);
    return n == null ? -1 : n;
  }
}
