package fr.navette.reader.feig;

import fr.navette.reader.EasState;
import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.TagInfo;
import fr.navette.reader.Uid;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * FEIG ISO-Host commands (manual H20800 §7, ISC.MR/PR101 §8.3): request frames and reply
 * parsing, no I/O. UIDs travel E0 first. Block bytes travel in memory order unless the reader
 * reverses each block (Biblio-RFID found the CPR-M02 does): {@code reverseBlocks}.
 */
public final class FeigProtocol {
  public static final int ISO_HOST = 0xB0;
  public static final int NXP_CUSTOM = 0xB1;
  public static final int MFR_NXP = 0x04;

  public static final int INVENTORY = 0x01;
  public static final int READ_BLOCKS = 0x23;
  public static final int WRITE_BLOCKS = 0x24;
  public static final int WRITE_AFI = 0x27;
  public static final int SYSTEM_INFO = 0x2B;
  public static final int SET_EAS = 0xA2;
  public static final int RESET_EAS = 0xA3;
  public static final int EAS_ALARM = 0xA5;

  public static final int MODE_ADDRESSED = 0x01;
  /** Inventory MODE bit 4: an AFI byte follows and only tags with that AFI answer. */
  public static final int MODE_AFI = 0x10;
  /** Inventory MODE bit 7: fetch the rest after status 0x94. */
  public static final int MODE_MORE = 0x80;
  public static final int TR_TYPE_ISO15693 = 0x03;

  private final int address;
  private final boolean reverseBlocks;

  public FeigProtocol(int address, boolean reverseBlocks) {
    this.address = address;
    this.reverseBlocks = reverseBlocks;
  }

  public byte[] inventory(int afiFilter, boolean more) {
    int mode = (more ? MODE_MORE : 0) | (afiFilter != 0 ? MODE_AFI : 0);
    return afiFilter != 0
        ? FeigFrame.encode(address, ISO_HOST, (byte) INVENTORY, (byte) mode, (byte) afiFilter)
        : FeigFrame.encode(address, ISO_HOST, (byte) INVENTORY, (byte) mode);
  }

  public byte[] readBlocks(Uid uid, int first, int count) {
    return addressed(ISO_HOST, new byte[] {READ_BLOCKS}, uid, (byte) first, (byte) count);
  }

  public byte[] writeBlocks(Uid uid, int first, int blockSize, byte[] data) {
    int count = data.length / blockSize;
    byte[] tail = new byte[3 + data.length];
    tail[0] = (byte) first;
    tail[1] = (byte) count;
    tail[2] = (byte) blockSize;
    System.arraycopy(orderBlocks(data, blockSize), 0, tail, 3, data.length);
    return addressed(ISO_HOST, new byte[] {WRITE_BLOCKS}, uid, tail);
  }

  public byte[] writeAfi(Uid uid, int afi) {
    return addressed(ISO_HOST, new byte[] {WRITE_AFI}, uid, (byte) afi);
  }

  public byte[] systemInfo(Uid uid) {
    return addressed(ISO_HOST, new byte[] {SYSTEM_INFO}, uid);
  }

  public byte[] eas(Uid uid, boolean set) {
    return addressed(NXP_CUSTOM, new byte[] {MFR_NXP, (byte) (set ? SET_EAS : RESET_EAS)}, uid);
  }

  public byte[] easAlarm(Uid uid) {
    return addressed(NXP_CUSTOM, new byte[] {MFR_NXP, (byte) EAS_ALARM}, uid);
  }

  private byte[] addressed(int command, byte[] head, Uid uid, byte... tail) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(head);
    b.write(MODE_ADDRESSED);
    b.writeBytes(uid.bytes());
    b.writeBytes(tail);
    return FeigFrame.encode(address, command, b.toByteArray());
  }

  /** Block bytes between memory order and wire order (the same swap both ways). */
  public byte[] orderBlocks(byte[] data, int blockSize) {
    if (!reverseBlocks) {
      return data.clone();
    }
    byte[] out = new byte[data.length];
    for (int b = 0; b + blockSize <= data.length; b += blockSize) {
      for (int i = 0; i < blockSize; i++) {
        out[b + i] = data[b + blockSize - 1 - i];
      }
    }
    return out;
  }

  /** One page of an inventory reply: the tags, and whether the reader holds more (status 0x94). */
  public record InventoryPage(List<InventoryEntry> entries, boolean more) {}

  /** Reply data: {@code DATA-SETS}, then per tag {@code TR-TYPE DSFID UID[8]}. Status 0x01 = an empty field. */
  public static InventoryPage parseInventory(FeigFrame reply, int afiFilter) throws ReaderException {
    int status = reply.status();
    if (status == FeigStatus.NO_TRANSPONDER) {
      return new InventoryPage(List.of(), false);
    }
    if (status != FeigStatus.OK && status != FeigStatus.MORE_DATA) {
      throw FeigStatus.toException(status, "inventory");
    }
    byte[] b = reply.body();
    if (b.length < 2) {
      throw FeigFrame.protocol("FEIG inventory reply without DATA-SETS byte");
    }
    int sets = b[1] & 0xFF;
    if (b.length != 2 + sets * 10) {
      throw FeigFrame.protocol("FEIG inventory reply announces " + sets + " tags but carries " + (b.length - 2) + " bytes (10 per tag)");
    }
    List<InventoryEntry> out = new ArrayList<>(sets);
    for (int i = 0; i < sets; i++) {
      int at = 2 + i * 10;
      Uid uid = uid(b, at + 2);
      out.add(new InventoryEntry(uid, OptionalInt.of(b[at + 1] & 0xFF), afiFilter != 0 ? OptionalInt.of(afiFilter) : OptionalInt.empty(), EasState.UNKNOWN));
    }
    return new InventoryPage(out, status == FeigStatus.MORE_DATA);
  }

  /** Reply data: {@code DB-N DB-SIZE}, then per block {@code SEC-STATUS DB[DB-SIZE]}; memory order out. */
  public byte[] parseReadBlocks(FeigFrame reply, int count, String what) throws ReaderException {
    checkOk(reply, what);
    byte[] b = reply.body();
    if (b.length < 3) {
      throw FeigFrame.protocol("FEIG read reply without DB-N and DB-SIZE");
    }
    int n = b[1] & 0xFF;
    int size = b[2] & 0xFF;
    if (n != count || size == 0 || b.length != 3 + n * (size + 1)) {
      throw FeigFrame.protocol("FEIG read reply: asked " + count + " blocks, got DB-N " + n + " of DB-SIZE " + size + " in " + (b.length - 3) + " bytes");
    }
    byte[] data = new byte[n * size];
    for (int i = 0; i < n; i++) {
      System.arraycopy(b, 3 + i * (size + 1) + 1, data, i * size, size);
    }
    return orderBlocks(data, size);
  }

  /** Reply data: {@code DSFID UID[8] AFI MEM-SIZE[2] IC-REF}; MEM-SIZE = block size - 1, block count - 1. */
  public static TagInfo parseSystemInfo(FeigFrame reply, Uid asked) throws ReaderException {
    checkOk(reply, "system info of " + asked);
    byte[] b = reply.body();
    if (b.length != 14) {
      throw FeigFrame.protocol("FEIG system info reply has " + (b.length - 1) + " data bytes, expected 13");
    }
    Uid uid = uid(b, 2);
    if (!uid.equals(asked)) {
      throw FeigFrame.protocol("FEIG system info answered for " + uid + ", asked " + asked);
    }
    try {
      return new TagInfo(uid, b[1] & 0xFF, b[10] & 0xFF, (b[11] & 0x1F) + 1, (b[12] & 0xFF) + 1);
    } catch (IllegalArgumentException e) {
      throw FeigFrame.protocol("FEIG system info: " + e.getMessage());
    }
  }

  /** EAS alarm: status 0x00 = the EAS bit is set; 0x01 = not set, or no tag (a reader cannot tell). */
  public static EasState parseEasAlarm(FeigFrame reply) throws ReaderException {
    int s = reply.status();
    if (s == FeigStatus.OK) {
      return EasState.SET;
    }
    if (s == FeigStatus.NO_TRANSPONDER) {
      return EasState.RESET;
    }
    throw FeigStatus.toException(s, "EAS alarm");
  }

  public static void checkOk(FeigFrame reply, String what) throws ReaderException {
    int s = reply.status();
    if (s != FeigStatus.OK) {
      throw FeigStatus.toException(s, what);
    }
  }

  private static Uid uid(byte[] b, int at) throws ReaderException {
    try {
      return Uid.fromBytes(b, at);
    } catch (IllegalArgumentException e) {
      throw FeigFrame.protocol("FEIG reply carries no valid UID at byte " + at + ": " + e.getMessage());
    }
  }
}
