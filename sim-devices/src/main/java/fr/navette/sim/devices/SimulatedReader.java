package fr.navette.sim.devices;

import fr.navette.reader.EasState;
import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.ReaderException.Kind;
import fr.navette.reader.RfidReader;
import fr.navette.reader.TagInfo;
import fr.navette.reader.Uid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * An in-process reader over a {@link VirtualField}: no serial line, same behaviour as the real
 * drivers' contract (a tag not in the field is {@link Kind#NO_TAG}). For agents' tests and the demo.
 */
public final class SimulatedReader implements RfidReader {

  private final VirtualField field;
  private final ReaderFaults faults;
  private volatile boolean closed;

  public SimulatedReader(VirtualField field) {
    this(field, new ReaderFaults());
  }

  /** A reader whose AFI writes go wrong when {@code faults} says so ({@link ReaderFaults#failNextAfiWrites}). */
  public SimulatedReader(VirtualField field, ReaderFaults faults) {
    this.field = field;
    this.faults = faults;
  }

  public ReaderFaults faults() {
    return faults;
  }

  public VirtualField field() {
    return field;
  }

  @Override
  public List<InventoryEntry> inventory(int afiFilter, Duration timeout) throws ReaderException {
    checkOpen();
    while (faults.hang() && !closed) {
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // the timeout is not honoured: that is the fault
    }
    List<InventoryEntry> out = new ArrayList<>();
    for (SimulatedTag t : field.tags()) {
      int afi = t.afi();
      if (afiFilter == 0 || afi == afiFilter) {
        out.add(new InventoryEntry(t.uid(), OptionalInt.of(t.dsfid()), OptionalInt.of(afi), EasState.of(t.eas())));
      }
    }
    return out;
  }

  @Override
  public TagInfo systemInfo(Uid uid, Duration timeout) throws ReaderException {
    SimulatedTag t = tag(uid);
    return new TagInfo(uid, t.dsfid(), t.afi(), t.blockSize(), t.blockCount());
  }

  @Override
  public byte[] readBlocks(Uid uid, int firstBlock, int count, Duration timeout) throws ReaderException {
    SimulatedTag t = tag(uid);
    try {
      return t.readBlocks(firstBlock, count);
    } catch (IndexOutOfBoundsException e) {
      throw new ReaderException(Kind.TAG_ERROR, "tag " + uid + ": " + e.getMessage());
    }
  }

  @Override
  public void writeBlocks(Uid uid, int firstBlock, int blockSize, byte[] data, Duration timeout) throws ReaderException {
    SimulatedTag t = tag(uid);
    if (blockSize != t.blockSize() || data.length % blockSize != 0) {
      throw new ReaderException(Kind.TAG_ERROR, "tag " + uid + " has " + t.blockSize() + "-byte blocks; got " + data.length + " bytes in blocks of " + blockSize);
    }
    try {
      t.writeBlocks(firstBlock, data);
    } catch (IndexOutOfBoundsException e) {
      throw new ReaderException(Kind.TAG_ERROR, "tag " + uid + ": " + e.getMessage());
    }
  }

  @Override
  public void writeAfi(Uid uid, int afi, Duration timeout) throws ReaderException {
    SimulatedTag t = tag(uid);
    switch (faults.takeAfiWriteFault(uid).orElse(null)) {
      case null -> t.setAfi(afi);
      case ERROR -> throw new ReaderException(Kind.TAG_ERROR, "tag " + uid + " refused the AFI write (simulated)");
      case NOT_TAKEN -> { } // acknowledged, not written: only a read-back shows it
      case TAG_LEAVES -> {
        field.remove(uid);
        throw new ReaderException(Kind.NO_TAG, "tag " + uid + " left the field during the AFI write (simulated)");
      }
    }
  }

  @Override
  public void setEas(Uid uid, boolean set, Duration timeout) throws ReaderException {
    tag(uid).setEas(set);
  }

  @Override
  public EasState readEas(Uid uid, Duration timeout) throws ReaderException {
    checkOpen();
    return EasState.of(field.find(uid).map(SimulatedTag::eas).orElse(false));
  }

  private SimulatedTag tag(Uid uid) throws ReaderException {
    checkOpen();
    return field.find(uid).orElseThrow(() -> new ReaderException(Kind.NO_TAG, "tag " + uid + " is not in the field"));
  }

  private void checkOpen() throws ReaderException {
    if (closed) {
      throw new ReaderException(Kind.DISCONNECTED, "simulated reader is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
