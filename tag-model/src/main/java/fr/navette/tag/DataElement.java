package fr.navette.tag;

import java.util.HexFormat;

/**
 * One ISO/IEC 15962 data set as stored on an ISO 28560-2 tag.
 *
 * @param oid relative OID (1 primary item identifier ... 17 title ...)
 * @param compaction the scheme named by the precursor
 * @param offset whether the precursor's offset bit was set (then {@code padBytes} 0x00 follow the data)
 * @param data the compacted bytes
 * @param start byte position of the precursor in memory
 */
public record DataElement(int oid, Compaction compaction, boolean offset, int padBytes, byte[] data, int start) {

  public static final int PRIMARY_ITEM_IDENTIFIER = 1;
  public static final int CONTENT_PARAMETER = 2;
  public static final int OWNER_INSTITUTION = 3;
  public static final int SET_INFORMATION = 4;
  public static final int TYPE_OF_USAGE = 5;
  public static final int SHELF_LOCATION = 6;
  public static final int ILL_BORROWING_INSTITUTION = 11;
  public static final int TITLE = 17;
  /** The largest relative OID a precursor plus its extension byte can name (15 + 255). */
  public static final int MAX_OID = 15 + 255;

  public DataElement {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The data without a defensive copy, for this package's decoders (which never write to it). */
  byte[] raw() {
    return data;
  }

  /** Whether the OID holds an ISIL, compacted by {@link IsilCompaction} under application-defined. */
  static boolean isIsil(int oid) {
    return oid == OWNER_INSTITUTION || oid == ILL_BORROWING_INSTITUTION;
  }

  @Override
  public String toString() {
    return "DataElement[oid=" + oid + ", " + compaction.label() + (offset ? ", pad " + padBytes : "") + ", data=" + HexFormat.of().formatHex(data) + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataElement e
        && e.oid == oid
        && e.compaction == compaction
        && e.offset == offset
        && e.padBytes == padBytes
        && e.start == start
        && java.util.Arrays.equals(e.data, data);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(oid, compaction, offset, padBytes, start, java.util.Arrays.hashCode(data));
  }
}
