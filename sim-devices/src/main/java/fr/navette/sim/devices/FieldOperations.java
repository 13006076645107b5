package fr.navette.sim.devices;

import fr.navette.reader.Uid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What any simulated reader does to its field, whatever its wire protocol: the protocol
 * responders translate frames to these calls and results back to frames.
 */
final class FieldOperations {
  private final VirtualField field;
  private final ReaderFaults faults;

  FieldOperations(VirtualField field, ReaderFaults faults) {
    this.field = field;
    this.faults = faults;
  }

  /** Tags answering an inventory with this AFI (0 = all), each twice if the fault says so. */
  List<SimulatedTag> inventory(int afi) {
    List<SimulatedTag> out = new ArrayList<>();
    for (SimulatedTag t : field.tags()) {
      if (afi == 0 || t.afi() == afi) {
        out.add(t);
        if (faults.duplicateUids()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  Optional<SimulatedTag> tag(Uid uid) {
    return field.find(uid);
  }

  /** The outcome of a block write: done, or the tag left after writing {@code blocksWritten}. */
  record WriteResult(boolean complete, int blocksWritten) {}

  WriteResult write(SimulatedTag tag, int first, byte[] data) {
    int blocks = data.length / tag.blockSize();
    int leaveAfter = faults.takeLeaveMidWrite(tag.uid());
    int n = leaveAfter < 0 ? blocks : Math.min(leaveAfter, blocks);
    if (n > 0) {
      tag.writeBlocks(first, java.util.Arrays.copyOf(data, n * tag.blockSize()));
    }
    if (leaveAfter >= 0 && leaveAfter < blocks) {
      field.remove(tag.uid());
      return new WriteResult(false, n);
    }
    return new WriteResult(true, n);
  }

  boolean inRange(SimulatedTag tag, int first, int count) {
    return first >= 0 && count >= 1 && first + count <= tag.blockCount();
  }
}
