package fr.navette.reader.threem;

import fr.navette.reader.EasState;
import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.ReaderException.Kind;
import fr.navette.reader.TagInfo;
import fr.navette.reader.Uid;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * 3M reader commands (3M RFID Reader Protocol Specification; Biblio-RFID's 3M810 driver): request
 * frames and reply parsing, no I/O. UIDs travel E0 first.
 *
 * <p>Not confirmed by a public capture, so kept as assumptions to check on hardware: the tag-info
 * reply ({@code 0D}) laid out as ISO 15693 system information ({@code UID INFO-FLAGS DSFID AFI
 * BLOCKS-1 BLOCK-SIZE-1 IC-REF}); the check-EAS reply {@code 03 00 UID} for EAS set.
 */
public final class ThreeMProtocol {
  public static final int INVENTORY = 0xFE;
  public static final int READ_BLOCKS = 0x02;
  public static final int CHECK_EAS = 0x03;
  public static final int WRITE_BLOCKS = 0x04;
  public static final int WRITE_AFI = 0x09;
  public static final int GET_AFI = 0x0A;
  public static final int EAS_CONTROL = 0x0C;
  public static final int TAG_INFO = 0x0D;
  public static final int HARDWARE_VERSION = 0x04;

  public static final int OK = 0x00;
  /** "No tag / tag error": also what check-EAS says for EAS=0. */
  public static final int TAG_NOT_RESPONDING = 0x06;
  public static final int MEM_NOT_PUT = 0x12;
  public static final int OPTION_NOT_SUPPORTED = 0x31;

  /** Inventory options as Biblio-RFID sends them; the reply then lists bare UIDs. */
  public static final int INVENTORY_OPTIONS = 0x05;

  private ThreeMProtocol() {}

  public static byte[] inventory(int afiFilter) {
    return ThreeMFrame.encode(INVENTORY, (byte) afiFilter, (byte) INVENTORY_OPTIONS);
  }

  public static byte[] readBlocks(Uid uid, int first, int count) {
    return ThreeMFrame.encode(READ_BLOCKS, concat(uid.bytes(), (byte) first, (byte) count));
  }

  public static byte[] writeBlocks(Uid uid, int first, byte[] data) {
    int count = data.length / 4;
    byte[] head = concat(uid.bytes(), (byte) first, (byte) count, (byte) 0);
    return ThreeMFrame.encode(WRITE_BLOCKS, concat(head, data));
  }

  public static byte[] writeAfi(Uid uid, int afi) {
    return ThreeMFrame.encode(WRITE_AFI, concat(uid.bytes(), (byte) afi));
  }

  public static byte[] getAfi(Uid uid) {
    return ThreeMFrame.encode(GET_AFI, uid.bytes());
  }

  public static byte[] easControl(Uid uid, boolean set) {
    return ThreeMFrame.encode(EAS_CONTROL, concat(uid.bytes(), (byte) (set ? 1 : 0)));
  }

  public static byte[] checkEas(Uid uid) {
    return ThreeMFrame.encode(CHECK_EAS, uid.bytes());
  }

  public static byte[] tagInfo(Uid uid) {
    return ThreeMFrame.encode(TAG_INFO, concat(uid.bytes(), (byte) 0));
  }

  /** Reply: {@code FE 00 AFI OPTIONS COUNT}, then per tag UID[8] (or DSFID UID[8]). */
  public static List<InventoryEntry> parseInventory(ThreeMFrame reply, int afiFilter) throws ReaderException {
    checkOk(reply, "inventory");
    byte[] f = reply.fields();
    if (f.length < 4) {
      throw ThreeMFrame.protocol("3M inventory reply too short: " + f.length + " fields");
    }
    int count = f[3] & 0xFF;
    int rest = f.length - 4;
    int per = count == 0 ? 8 : rest / count;
    if ((per != 8 && per != 9) || rest != count * per) {
      throw ThreeMFrame.protocol("3M inventory reply announces " + count + " tags but carries " + rest + " bytes");
    }
    List<InventoryEntry> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = 4 + i * per;
      OptionalInt dsfid = per == 9 ? OptionalInt.of(f[at] & 0xFF) : OptionalInt.empty();
      Uid uid = uid(f, at + per - 8);
      out.add(new InventoryEntry(uid, dsfid, afiFilter != 0 ? OptionalInt.of(afiFilter) : OptionalInt.empty(), EasState.UNKNOWN));
    }
    return out;
  }

  /** Reply: {@code 02 00 UID COUNT}, then per block {@code NUM LOCK DATA[4]}. */
  public static byte[] parseReadBlocks(ThreeMFrame reply, Uid uid, int first, int count) throws ReaderException {
    checkOk(reply, "read blocks of " + uid);
    byte[] f = reply.fields();
    if (f.length < 10) {
      throw ThreeMFrame.protocol("3M read reply too short: " + f.length + " fields");
    }
    checkUid(f, uid);
    int n = f[9] & 0xFF;
    if (n != count || f.length != 10 + n * 6) {
      throw ThreeMFrame.protocol("3M read reply: asked " + count + " blocks, got " + n + " in " + (f.length - 10) + " bytes");
    }
    byte[] data = new byte[n * 4];
    for (int i = 0; i < n; i++) {
      int at = 10 + i * 6;
      if ((f[at] & 0xFF) != first + i) {
        throw ThreeMFrame.protocol("3M read reply: block " + (f[at] & 0xFF) + " where " + (first + i) + " was expected");
      }
      System.arraycopy(f, at + 2, data, i * 4, 4);
    }
    return data;
  }

  /** Reply: {@code 0D 00 UID INFO-FLAGS DSFID AFI BLOCKS-1 BLOCK-SIZE-1 IC-REF} (assumed, see class note). */
  public static TagInfo parseTagInfo(ThreeMFrame reply, Uid uid) throws ReaderException {
    checkOk(reply, "tag info of " + uid);
    byte[] f = reply.fields();
    if (f.length != 15) {
      throw ThreeMFrame.protocol("3M tag info reply has " + f.length + " fields, expected 15");
    }
    checkUid(f, uid);
    try {
      return new TagInfo(uid, f[10] & 0xFF, f[11] & 0xFF, (f[13] & 0x1F) + 1, (f[12] & 0xFF) + 1);
    } catch (IllegalArgumentException e) {
      throw ThreeMFrame.protocol("3M tag info: " + e.getMessage());
    }
  }

  /** Check EAS: no error = EAS set; 0x06 = EAS reset or no tag (the reader cannot tell them apart). */
  public static EasState parseCheckEas(ThreeMFrame reply) throws ReaderException {
    int e = reply.error();
    if (e == OK) {
      return EasState.SET;
    }
    if (e == TAG_NOT_RESPONDING) {
      return EasState.RESET;
    }
    throw toException(e, "check EAS");
  }

  public static void checkOk(ThreeMFrame reply, String what) throws ReaderException {
    int e = reply.error();
    if (e != OK) {
      throw toException(e, what);
    }
  }

  static ReaderException toException(int error, String what) {
    return switch (error) {
      case TAG_NOT_RESPONDING -> new ReaderException(Kind.NO_TAG, what + ": tag not responding (error 0x06)");
      case MEM_NOT_PUT -> new ReaderException(Kind.TAG_ERROR, what + ": memory not written (error 0x12)");
      case OPTION_NOT_SUPPORTED -> new ReaderException(Kind.UNSUPPORTED, what + ": option not supported (error 0x31)");
      default -> new ReaderException(Kind.TAG_ERROR, String.format("%s: reader error 0x%02X", what, error));
    };
  }

  private static void checkUid(byte[] f, Uid uid) throws ReaderException {
    Uid got = uid(f, 1);
    if (!got.equals(uid)) {
      throw ThreeMFrame.protocol("3M reply is about tag " + got + ", not " + uid);
    }
  }

  private static Uid uid(byte[] f, int at) throws ReaderException {
    try {
      return Uid.fromBytes(f, at);
    } catch (IllegalArgumentException e) {
      throw ThreeMFrame.protocol("3M reply carries no valid UID at field " + at + ": " + e.getMessage());
    }
  }

  static byte[] concat(byte[] a, byte... b) {
    ByteArrayOutputStream o = new ByteArrayOutputStream(a.length + b.length);
    o.writeBytes(a);
    o.writeBytes(b);
    return o.toByteArray();
  }
}
