package fr.navette.sim.devices;

import fr.navette.reader.EasState;
import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import fr.navette.reader.TagInfo;
import fr.navette.reader.Uid;
import java.time.Duration;
import java.util.List;

/**
 * A reader that tells an observer each time an inventory came back (answered or failed), and otherwise passes
 * everything through: a test counts a device's looks at the field without sleeping, a benchmark stamps the
 * moment the reader's answer is in.
 */
public final class ObservedReader implements RfidReader {
  private final RfidReader reader;
  private final Runnable afterInventory;

  public ObservedReader(RfidReader reader, Runnable afterInventory) {
    this.reader = reader;
    this.afterInventory = afterInventory;
  }

  @Override
  public List<InventoryEntry> inventory(int afiFilter, Duration timeout) throws ReaderException {
    try {
      return reader.inventory(afiFilter, timeout);
    } finally {
      afterInventory.run();
    }
  }

  @Override
  public TagInfo systemInfo(Uid uid, Duration timeout) throws ReaderException {
    return reader.systemInfo(uid, timeout);
  }

  @Override
  public byte[] readBlocks(Uid uid, int firstBlock, int count, Duration timeout) throws ReaderException {
    return reader.readBlocks(uid, firstBlock, count, timeout);
  }

  @Override
  public void writeBlocks(Uid uid, int firstBlock, int blockSize, byte[] data, Duration timeout)
      throws ReaderException {
    reader.writeBlocks(uid, firstBlock, blockSize, data, timeout);
  }

  @Override
  public void writeAfi(Uid uid, int afi, Duration timeout) throws ReaderException {
    reader.writeAfi(uid, afi, timeout);
  }

  @Override
  public void setEas(Uid uid, boolean set, Duration timeout) throws ReaderException {
    reader.setEas(uid, set, timeout);
  }

  @Override
  public EasState readEas(Uid uid, Duration timeout) throws ReaderException {
    return reader.readEas(uid, timeout);
  }

  @Override
  public void close() {
    reader.close();
  }
}
