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
  private final AtomicBoolean hang = new AtomicBoolean();
  private final Map<Uid, Integer> leaveMidWrite = new ConcurrentHashMap<>();

  /** What goes wrong with the next AFI writes to one tag ({@link SimulatedReader} honours these). */
  public enum AfiWriteFault {
    /** The tag answers with an error; nothing is written. */
    ERROR,
    /** The reader acknowledges, but the tag kept its old AFI (only a read-back shows it). */
    NOT_TAKEN,
    /** The tag leaves the field just before the write (the patron picked the document up). */
    TAG_LEAVES
  }

  private record Pending(AfiWriteFault fault, int remaining) {}

  private final Map<Uid, Pending> pendingAfi = new ConcurrentHashMap<>();

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

  /**
   * The reader's next calls do not come back until this is turned off ({@link SimulatedReader} honours it): a
   * USB-serial adapter wedged in the kernel, a driver blocked in a native read. Unlike {@link #mute}, which the
   * drivers meet with a timeout (reader down, reported), this holds the caller's thread: the agent's loop is stuck.
   */
  public ReaderFaults hang(boolean on) {
    hang.set(on);
    return this;
  }

  boolean hang() {
    return hang.get();
  }

  /** The next write to {@code uid} stores {@code blocksWritten} blocks, then the tag leaves the field. */
  public ReaderFaults tagLeavesDuringNextWrite(Uid uid, int blocksWritten) {
    leaveMidWrite.put(uid, blocksWritten);
    return this;
  }

  /** The next {@code times} AFI writes to {@code uid} go wrong as {@code fault} says (TAG_LEAVES: once). */
  public ReaderFaults failNextAfiWrites(Uid uid, AfiWriteFault fault, int times) {
    pendingAfi.put(uid, new Pending(fault, fault == AfiWriteFault.TAG_LEAVES ? 1 : times));
    return this;
  }

  /** The fault for this AFI write to {@code uid}, if one is pending; counts it down. */
  java.util.Optional<AfiWriteFault> takeAfiWriteFault(Uid uid) {
    Pending[] taken = new Pending[1];
    pendingAfi.computeIfPresent(uid, (k, p) -> {
      taken[0] = p;
      return p.remaining() > 1 ? new Pending(p.fault(), p.remaining() - 1) : null;
    });
    return java.util.Optional.ofNullable(taken[0]).map(Pending::fault);
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
