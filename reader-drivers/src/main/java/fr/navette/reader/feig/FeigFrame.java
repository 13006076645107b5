package fr.navette.reader.feig;

import fr.navette.reader.ReaderException;
import fr.navette.reader.ReaderException.Kind;
import fr.navette.reader.serial.FrameCodec;
import fr.navette.tag.Crc16;
import java.util.Arrays;

/**
 * FEIG OBID standard protocol frame: {@code LENGTH | COM-ADR | COMMAND | data | CRC-LSB | CRC-MSB},
 * LENGTH counting every byte (6-255). Frames over 255 bytes start {@code STX(0x02) | ALENGTH (2
 * bytes, MSB first)}. CRC-16/MCRF4XX over everything before it, appended low byte first. A reply
 * carries a STATUS byte after COMMAND.
 *
 * @param address COM-ADR (0xFF reaches any reader)
 * @param command COMMAND byte (0xB0 ISO-Host, 0xB1 NXP custom ...)
 * @param body the bytes between COMMAND and the CRC (for a reply: STATUS first)
 */
public record FeigFrame(int address, int command, byte[] body) {

  public static final int BROADCAST = 0xFF;
  static final int STX = 0x02;
  static final int MIN_LENGTH = 5;

  public FeigFrame {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Builds a frame (request or reply: a reply's body starts with its STATUS). */
  public static byte[] encode(int address, int command, byte... body) {
    int total = 3 + body.length + 2;
    boolean longForm = total > 255;
    if (longForm) {
      total += 2; // STX + 2-byte ALENGTH replace the 1-byte LENGTH
    }
    byte[] f = new byte[total];
    int at = 0;
    if (longForm) {
      f[at++] = STX;
      f[at++] = (byte) (total >> 8);
      f[at++] = (byte) total;
    } else {
      f[at++] = (byte) total;
    }
    f[at++] = (byte) address;
    f[at++] = (byte) command;
    System.arraycopy(body, 0, f, at, body.length);
    int crc = Crc16.MCRF4XX.compute(f, 0, total - 2);
    f[total - 2] = (byte) crc;
    f[total - 1] = (byte) (crc >> 8);
    return f;
  }

  /** Parses one whole frame; anything else is a {@link Kind#PROTOCOL} error naming the fault. */
  public static FeigFrame decode(byte[] f) throws ReaderException {
    if (f.length < MIN_LENGTH) {
      throw protocol("FEIG frame too short: " + f.length + " bytes");
    }
    boolean longForm = (f[0] & 0xFF) == STX;
    int header = longForm ? 3 : 1;
    int declared = longForm ? ((f[1] & 0xFF) << 8 | (f[2] & 0xFF)) : f[0] & 0xFF;
    if (declared != f.length) {
      throw protocol("FEIG frame length byte says " + declared + ", frame has " + f.length);
    }
    if (f.length < header + 4) {
      throw protocol("FEIG frame too short for address, command and CRC: " + f.length + " bytes");
    }
    int stored = (f[f.length - 2] & 0xFF) | (f[f.length - 1] & 0xFF) << 8;
    int computed = Crc16.MCRF4XX.compute(f, 0, f.length - 2);
    if (stored != computed) {
      throw protocol(String.format("FEIG frame CRC mismatch: stored 0x%04X, computed 0x%04X", stored, computed));
    }
    return new FeigFrame(f[header] & 0xFF, f[header + 1] & 0xFF, Arrays.copyOfRange(f, header + 2, f.length - 2));
  }

  /** Reply STATUS (first body byte). */
  public int status() throws ReaderException {
    if (body.length == 0) {
      throw protocol(String.format("FEIG reply to command 0x%02X has no status byte", command));
    }
    return body[0] & 0xFF;
  }

  static ReaderException protocol(String message) {
    return new ReaderException(Kind.PROTOCOL, message);
  }

  /** Finds frames in a byte stream: a plausible length, then a good CRC. */
  public static final FrameCodec CODEC =
      (buf, from, to) -> {
        int first = buf[from] & 0xFF;
        int length;
        if (first == STX) {
          if (to - from < 3) {
            return new FrameCodec.NeedMore();
          }
          length = (buf[from + 1] & 0xFF) << 8 | (buf[from + 2] & 0xFF);
          if (length < 256 + 2) {
            return new FrameCodec.Garbage(1);
          }
        } else {
          length = first;
          if (length < 6) {
            return new FrameCodec.Garbage(1);
          }
        }
        if (to - from < length) {
          return new FrameCodec.NeedMore();
        }
        int stored = (buf[from + length - 2] & 0xFF) | (buf[from + length - 1] & 0xFF) << 8;
        if (Crc16.MCRF4XX.compute(buf, from, from + length - 2) != stored) {
          return new FrameCodec.Garbage(1);
        }
        return new FrameCodec.Frame(length);
      };
}
