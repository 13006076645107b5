package fr.navette.reader;

/** ISO 15693 "get system information": what a caller needs to read or write the whole user memory. */
public record TagInfo(Uid uid, int dsfid, int afi, int blockSize, int blockCount) {
  public TagInfo {
    if (blockSize < 1 || blockSize > 32 || blockCount < 1 || blockCount > 256) {
      throw new IllegalArgumentException("implausible tag memory: " + blockCount + " blocks of " + blockSize + " bytes");
    }
  }

  public int memorySize() {
    return blockSize * blockCount;
  }
}
