package fr.navette.sim.devices;

import fr.navette.reader.Uid;
import fr.navette.tag.Iso28560Part2;
import fr.navette.tag.Iso28560Part3;
import fr.navette.tag.TagData;
import fr.navette.tag.TagDataException;
import fr.navette.tag.TagFormat;
import fr.navette.tag.TypeOfUsage;
import java.util.Arrays;

/**
 * An ICODE SLIX-like tag: a UID, block memory holding real ISO 28560 bytes, AFI, DSFID and the
 * EAS bit. Thread-safe: tests, the demo and the reader simulator touch it from several threads.
 */
public final class SimulatedTag {

  /** ICODE SLIX: 28 blocks of 4 bytes. */
  public static final int DEFAULT_BLOCK_SIZE = 4;
  public static final int DEFAULT_BLOCK_COUNT = 28;

  private final Uid uid;
  private final int blockSize;
  private final byte[] memory;
  private int afi;
  private int dsfid;
  private boolean eas;

  public SimulatedTag(Uid uid, int blockSize, int blockCount) {
    if (blockSize < 1 || blockCount < 1 || blockSize * blockCount > 8192) {
      throw new IllegalArgumentException("implausible tag memory: " + blockCount + " blocks of " + blockSize);
    }
    this.uid = uid;
    this.blockSize = blockSize;
    this.memory = new byte[blockSize * blockCount];
  }

  /** A blank SLIX tag (all zero, AFI 0, EAS off). */
  public static SimulatedTag blank(Uid uid) {
    return new SimulatedTag(uid, DEFAULT_BLOCK_SIZE, DEFAULT_BLOCK_COUNT);
  }

  /** A circulating item with an ISO 28560-3 (34-byte) block, armed or not as {@code afi} says. */
  public static SimulatedTag forItem(Uid uid, String itemId, String ownerIsil, int afi) {
    TagData data =
        TagData.builder(TagFormat.ISO28560_3, itemId)
            .ownerIsil(ownerIsil)
            .set(1, 1)
            .typeOfUsage(TypeOfUsage.of(TypeOfUsage.CIRCULATION))
            .build();
    return forItem(uid, data, afi);
  }

  /** A tag holding {@code data} in its format (ISO 28560-3 34-byte block, or ISO 28560-2). */
  public static SimulatedTag forItem(Uid uid, TagData data, int afi) {
    SimulatedTag t = blank(uid);
    try {
      byte[] bytes =
          switch (data.format()) {
            case ISO28560_3 -> Iso28560Part3.encode(data, Iso28560Part3.Layout.BYTES_34);
            case ISO28560_2 -> Iso28560Part2.encode(data);
            default -> throw new IllegalArgumentException("a simulated tag is written in ISO 28560-3 or -2, not " + data.format().id());
          };
      t.write(0, bytes);
    } catch (TagDataException e) {
      throw new IllegalArgumentException("cannot simulate a tag for " + data.primaryItemIdentifier() + ": " + e.getMessage(), e);
    }
    t.setAfi(afi);
    return t;
  }

  /** A tag holding exactly these memory bytes (e.g. a legacy or corrupt layout), zero-filled to whole blocks. */
  public static SimulatedTag withMemory(Uid uid, byte[] bytes, int afi) {
    int blocks = Math.max(DEFAULT_BLOCK_COUNT, (bytes.length + DEFAULT_BLOCK_SIZE - 1) / DEFAULT_BLOCK_SIZE);
    SimulatedTag t = new SimulatedTag(uid, DEFAULT_BLOCK_SIZE, blocks);
    t.write(0, bytes);
    t.setAfi(afi);
    return t;
  }

  public Uid uid() {
    return uid;
  }

  public int blockSize() {
    return blockSize;
  }

  public int blockCount() {
    return memory.length / blockSize;
  }

  public synchronized byte[] memory() {
    return memory.clone();
  }

  public synchronized byte[] readBlocks(int first, int count) {
    checkRange(first, count);
    return Arrays.copyOfRange(memory, first * blockSize, (first + count) * blockSize);
  }

  /** Writes whole blocks; {@code data} is padded with zeros to the block boundary. */
  public synchronized void writeBlocks(int first, byte[] data) {
    int count = (data.length + blockSize - 1) / blockSize;
    checkRange(first, count);
    Arrays.fill(memory, first * blockSize, (first + count) * blockSize, (byte) 0);
    System.arraycopy(data, 0, memory, first * blockSize, data.length);
  }

  private void write(int offset, byte[] bytes) {
    if (offset + bytes.length > memory.length) {
      throw new IllegalArgumentException(bytes.length + " bytes do not fit a " + memory.length + "-byte tag");
    }
    System.arraycopy(bytes, 0, memory, offset, bytes.length);
  }

  private void checkRange(int first, int count) {
    if (first < 0 || count < 1 || first + count > blockCount()) {
      throw new IndexOutOfBoundsException("blocks " + first + ".." + (first + count - 1) + " outside 0.." + (blockCount() - 1));
    }
  }

  public synchronized int afi() {
    return afi;
  }

  public synchronized void setAfi(int afi) {
    if (afi < 0 || afi > 0xFF) {
      throw new IllegalArgumentException("AFI is one byte, not " + afi);
    }
    this.afi = afi;
  }

  public synchronized int dsfid() {
    return dsfid;
  }

  public synchronized void setDsfid(int dsfid) {
    this.dsfid = dsfid & 0xFF;
  }

  public synchronized boolean eas() {
    return eas;
  }

  public synchronized void setEas(boolean eas) {
    this.eas = eas;
  }

  @Override
  public String toString() {
    return "SimulatedTag[" + uid + ", AFI " + String.format("%02X", afi()) + (eas() ? ", EAS" : "") + "]";
  }
}
