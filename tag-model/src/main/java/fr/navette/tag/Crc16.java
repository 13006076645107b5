package fr.navette.tag;

import java.util.Objects;

/**
 * A CRC-16 in the Rocksoft/reveng parameter model, table-driven. The three variants library RFID
 * needs are constants here so that each is written once and tested against its check value.
 */
public final class Crc16 {

  /** ISO 28560-3 tag CRC (reveng CRC-16/IBM-3740); check("123456789") = 0x29B1. */
  public static final Crc16 CCITT_FALSE = new Crc16("CRC-16/CCITT-FALSE", 0x1021, 0xFFFF, false, 0x0000);
  /** FEIG ISO-Host frame CRC; check("123456789") = 0x6F91. */
  public static final Crc16 MCRF4XX = new Crc16("CRC-16/MCRF4XX", 0x1021, 0xFFFF, true, 0x0000);
  /** 3M reader frame BCC; check("123456789") = 0xD64E. */
  public static final Crc16 GENIBUS = new Crc16("CRC-16/GENIBUS", 0x1021, 0xFFFF, false, 0xFFFF);

  private final String name;
  private final int poly;
  private final int init;
  private final boolean reflected;
  private final int xorOut;
  private final char[] table = new char[256];

  public Crc16(String name, int poly, int init, boolean reflected, int xorOut) {
    this.name = Objects.requireNonNull(name);
    this.poly = poly & 0xFFFF;
    this.init = init & 0xFFFF;
    this.reflected = reflected;
    this.xorOut = xorOut & 0xFFFF;
    int rpoly = Integer.reverse(this.poly) >>> 16;
    for (int i = 0; i < 256; i++) {
      int crc;
      if (reflected) {
        crc = i;
        for (int b = 0; b < 8; b++) {
          crc = (crc & 1) != 0 ? (crc >>> 1) ^ rpoly : crc >>> 1;
        }
      } else {
        crc = i << 8;
        for (int b = 0; b < 8; b++) {
          crc = (crc & 0x8000) != 0 ? (crc << 1) ^ this.poly : crc << 1;
        }
      }
      table[i] = (char) crc;
    }
  }

  public String name() {
    return name;
  }

  public int poly() {
    return poly;
  }

  public int init() {
    return init;
  }

  public boolean reflected() {
    return reflected;
  }

  public int xorOut() {
    return xorOut;
  }

  public int compute(byte[] data) {
    return compute(data, 0, data.length);
  }

  public int compute(byte[] data, int from, int to) {
    return finish(update(init, data, from, to));
  }

  /** Continues a running CRC; start from {@link #init()} and end with {@link #finish(int)}. */
  public int update(int crc, byte[] data, int from, int to) {
    if (reflected) {
      for (int i = from; i < to; i++) {
        crc = (crc >>> 8) ^ table[(crc ^ data[i]) & 0xFF];
      }
    } else {
      for (int i = from; i < to; i++) {
        crc = ((crc << 8) ^ table[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
      }
    }
    return crc;
  }

  public int finish(int crc) {
    return (crc ^ xorOut) & 0xFFFF;
  }

  @Override
  public String toString() {
    return name;
  }
}
