package fr.navette.tag;

/**
 * A CRC-16 in the Rocksoft/reveng parameter model. The three variants library RFID needs are
 * constants here so that each is written once and tested against its check value.
 */
public record Crc16(String name, int poly, int init, boolean reflected, int xorOut) {

  /** ISO 28560-3 tag CRC (reveng CRC-16/IBM-3740); check("123456789") = 0x29B1. */
  public static final Crc16 CCITT_FALSE = new Crc16("CRC-16/CCITT-FALSE", 0x1021, 0xFFFF, false, 0x0000);
  /** FEIG ISO-Host frame CRC; check("123456789") = 0x6F91. */
  public static final Crc16 MCRF4XX = new Crc16("CRC-16/MCRF4XX", 0x1021, 0xFFFF, true, 0x0000);
  /** 3M reader frame BCC; check("123456789") = 0xD64E. */
  public static final Crc16 GENIBUS = new Crc16("CRC-16/GENIBUS", 0x1021, 0xFFFF, false, 0xFFFF);

  public int compute(byte[] data) {
    return compute(data, 0, data.length);
  }

  public int compute(byte[] data, int from, int to) {
    return finish(update(init, data, from, to));
  }

  /** Continues a running CRC; start from {@link #init()} and end with {@link #finish(int)}. */
  public int update(int crc, byte[] data, int from, int to) {
    if (reflected) {
      int rpoly = Integer.reverse(poly) >>> 16;
      for (int i = from; i < to; i++) {
        crc ^= data[i] & 0xFF;
        for (int b = 0; b < 8; b++) {
          crc = (crc & 1) != 0 ? (crc >>> 1) ^ rpoly : crc >>> 1;
        }
      }
    } else {
      for (int i = from; i < to; i++) {
        crc ^= (data[i] & 0xFF) << 8;
        for (int b = 0; b < 8; b++) {
          crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ poly) & 0xFFFF : (crc << 1) & 0xFFFF;
        }
      }
    }
    return crc;
  }

  public int finish(int crc) {
    return (crc ^ xorOut) & 0xFFFF;
  }
}
