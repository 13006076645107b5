package fr.navette.reader.threem;

import fr.navette.reader.ReaderException;
import fr.navette.reader.ReaderException.Kind;
import fr.navette.reader.serial.FrameCodec;
import fr.navette.tag.Crc16;
import java.util.Arrays;

/**
 * 3M reader frame: {@code 0xD6 | LENGTH (2 bytes, MSB first) | COMMAND | fields | BCC (2 bytes,
 * MSB first)}. LENGTH counts the bytes after itself, BCC included. BCC = CRC-16/GENIBUS over every
 * byte but the start byte. Replies echo COMMAND, then an error code (0x00 = none). 0xD5 starts the
 * hardware-version probe and its reply.
 *
 * @param start 0xD6 (or 0xD5)
 * @param command COMMAND byte
 * @param fields the bytes between COMMAND and BCC (for a reply: the error code first)
 */
public record ThreeMFrame(int start, int command, byte[] fields) {
  public static final int START = 0xD6;
  public static final int START_PROBE = 0xD5;

  public ThreeMFrame {
    fields = fields.clone();
  }

  @Override
  public byte[] fields() {
    return fields.clone();
  }

  public static byte[] encode(int command, byte... fields) {
    return encode(START, command, fields);
  }

  public static byte[] encode(int start, int command, byte... fields) {
    int length = 1 + fields.length + 2;
    if (length > 0xFFFF) {
      throw new IllegalArgumentException("3M frame too long: " + length);
    }
    byte[] f = new byte[3 + length];
    f[0] = (byte) start;
    f[1] = (byte) (length >> 8);
    f[2] = (byte) length;
    f[3] = (byte) command;
    System.arraycopy(fields, 0, f, 4, fields.length);
    int bcc = Crc16.GENIBUS.compute(f, 1, f.length - 2);
    f[f.length - 2] = (byte) (bcc >> 8);
    f[f.length - 1] = (byte) bcc;
    return f;
  }

  public static ThreeMFrame decode(byte[] f) throws ReaderException {
    if (f.length < 6) {
      throw protocol("3M frame too short: " + f.length + " bytes");
    }
    int start = f[0] & 0xFF;
    if (start != START && start != START_PROBE) {
      throw protocol(String.format("3M frame starts with 0x%02X, not 0xD6/0xD5", start));
    }
    int length = (f[1] & 0xFF) << 8 | (f[2] & 0xFF);
    if (length != f.length - 3) {
      throw protocol("3M frame length field says " + length + ", frame carries " + (f.length - 3));
    }
    int stored = (f[f.length - 2] & 0xFF) << 8 | (f[f.length - 1] & 0xFF);
    int computed = Crc16.GENIBUS.compute(f, 1, f.length - 2);
    if (stored != computed) {
      throw protocol(String.format("3M frame BCC mismatch: stored 0x%04X, computed 0x%04X", stored, computed));
    }
    return new ThreeMFrame(start, f[3] & 0xFF, Arrays.copyOfRange(f, 4, f.length - 2));
  }

  /** Reply error code (first field). */
  public int error() throws ReaderException {
    if (fields.length == 0) {
      throw protocol(String.format("3M reply to command 0x%02X has no error code", command));
    }
    return fields[0] & 0xFF;
  }

  static ReaderException protocol(String message) {
    return new ReaderException(Kind.PROTOCOL, message);
  }

  /** Finds frames in a byte stream: a start byte, a length, a good BCC. */
  public static final FrameCodec CODEC =
      (buf, from, to) -> {
        int first = buf[from] & 0xFF;
        if (first != START && first != START_PROBE) {
          int skip = 1;
          while (from + skip < to && (buf[from + skip] & 0xFF) != START && (buf[from + skip] & 0xFF) != START_PROBE) {
            skip++;
          }
          return new FrameCodec.Garbage(skip);
        }
        if (to - from < 3) {
          return new FrameCodec.NeedMore();
        }
        int length = (buf[from + 1] & 0xFF) << 8 | (buf[from + 2] & 0xFF);
        if (length < 3 || length > 1024) {
          return new FrameCodec.Garbage(1);
        }
        if (to - from < 3 + length) {
          return new FrameCodec.NeedMore();
        }
        int end = from + 3 + length;
        int stored = (buf[end - 2] & 0xFF) << 8 | (buf[end - 1] & 0xFF);
        if (Crc16.GENIBUS.compute(buf, from + 1, end - 2) != stored) {
          return new FrameCodec.Garbage(1);
        }
        return new FrameCodec.Frame(3 + length);
      };
}
