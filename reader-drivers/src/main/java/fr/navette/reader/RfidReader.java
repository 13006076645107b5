package fr.navette.reader;

import java.time.Duration;
import java.util.List;

/**
 * An HF ISO 15693 reader as Navette's agents use it. Every call has its own timeout and fails with
 * {@link ReaderException} only. Implementations: the FEIG and 3M serial drivers, and the
 * simulator's in-process reader. Not required to be thread-safe: one agent loop owns a reader.
 */
public interface RfidReader extends AutoCloseable {

  /** Every tag in the field (each UID once, even if the reader reports it twice). */
  default List<InventoryEntry> inventory(Duration timeout) throws ReaderException {
    return inventory(0, timeout);
  }

  /** Tags whose AFI matches {@code afiFilter}; 0 means every tag. */
  List<InventoryEntry> inventory(int afiFilter, Duration timeout) throws ReaderException;

  /** DSFID, AFI and memory layout of one tag. */
  TagInfo systemInfo(Uid uid, Duration timeout) throws ReaderException;

  /** {@code count} blocks from {@code firstBlock}, concatenated in memory order. */
  byte[] readBlocks(Uid uid, int firstBlock, int count, Duration timeout) throws ReaderException;

  /** Writes whole blocks from {@code firstBlock}; {@code data.length} is a multiple of {@code blockSize}. */
  void writeBlocks(Uid uid, int firstBlock, int blockSize, byte[] data, Duration timeout) throws ReaderException;

  void writeAfi(Uid uid, int afi, Duration timeout) throws ReaderException;

  /** Sets (true) or resets (false) the NXP EAS bit. */
  void setEas(Uid uid, boolean set, Duration timeout) throws ReaderException;

  /** The EAS bit of one tag; RESET may also mean the tag is gone (readers cannot tell them apart). */
  EasState readEas(Uid uid, Duration timeout) throws ReaderException;

  /** The whole user memory of a tag (system info, then one read). */
  default byte[] readUserMemory(Uid uid, Duration timeout) throws ReaderException {
    TagInfo info = systemInfo(uid, timeout);
    return readBlocks(uid, 0, info.blockCount(), timeout);
  }

  @Override
  void close();
}
