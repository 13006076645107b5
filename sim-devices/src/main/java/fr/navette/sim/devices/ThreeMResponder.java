package fr.navette.sim.devices;

import fr.navette.reader.ReaderException;
import fr.navette.reader.Uid;
import fr.navette.reader.serial.FrameCodec;
import fr.navette.reader.threem.ThreeMFrame;
import fr.navette.reader.threem.ThreeMProtocol;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

/** Answers 3M reader requests from a virtual field, as a 3M 810 would (see ThreeMProtocol's notes). */
final class ThreeMResponder implements Responder {
  private final FieldOperations field;

  ThreeMResponder(FieldOperations field) {
    this.field = field;
  }

  @Override
  public FrameCodec codec() {
    return ThreeMFrame.CODEC;
  }

  @Override
  public Optional<byte[]> respond(byte[] raw) {
    ThreeMFrame req;
    try {
      req = ThreeMFrame.decode(raw);
    } catch (ReaderException e) {
      return Optional.empty();
    }
    byte[] f = req.fields();
    int cmd = req.command();
    if (req.start() == ThreeMFrame.START_PROBE) {
      // hardware version, as Biblio-RFID's probe expects
      return Optional.of(ThreeMFrame.encode(ThreeMFrame.START_PROBE, cmd, new byte[] {0x00, 0x11, 0x0A, 0x05, 0x00, 0x02}));
    }
    try {
      if (cmd == ThreeMProtocol.INVENTORY) {
        return Optional.of(inventory(f[0] & 0xFF, f[1] & 0xFF));
      }
      Uid uid = Uid.fromBytes(f, 0);
      Optional<SimulatedTag> t = field.tag(uid);
      if (t.isEmpty()) {
        return Optional.of(reply(cmd, ThreeMProtocol.TAG_NOT_RESPONDING, uid.bytes()));
      }
      return Optional.of(addressed(cmd, t.get(), f));
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      return Optional.of(reply(cmd, ThreeMProtocol.OPTION_NOT_SUPPORTED));
    }
  }

  private byte[] inventory(int afi, int options) {
    List<SimulatedTag> tags = field.inventory(afi);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(afi);
    o.write(options);
    o.write(tags.size());
    tags.forEach(t -> o.writeBytes(t.uid().bytes()));
    return reply(ThreeMProtocol.INVENTORY, ThreeMProtocol.OK, o.toByteArray());
  }

  private byte[] addressed(int cmd, SimulatedTag tag, byte[] f) {
    byte[] uid = tag.uid().bytes();
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(uid);
    switch (cmd) {
      case ThreeMProtocol.READ_BLOCKS -> {
        int first = f[8] & 0xFF;
        int n = f[9] & 0xFF;
        if (!field.inRange(tag, first, n)) {
          return reply(cmd, ThreeMProtocol.MEM_NOT_PUT, uid);
        }
        byte[] data = tag.readBlocks(first, n);
        o.write(n);
        for (int i = 0; i < n; i++) {
          o.write(first + i);
          o.write(0); // not locked
          o.write(data, i * 4, 4);
        }
      }
      case ThreeMProtocol.WRITE_BLOCKS -> {
        int first = f[8] & 0xFF;
        int n = f[9] & 0xFF;
        if (!field.inRange(tag, first, n) || f.length != 11 + n * 4) {
          return reply(cmd, ThreeMProtocol.MEM_NOT_PUT, uid);
        }
        FieldOperations.WriteResult w = field.write(tag, first, java.util.Arrays.copyOfRange(f, 11, 11 + n * 4));
        if (!w.complete()) {
          return reply(cmd, ThreeMProtocol.TAG_NOT_RESPONDING, uid);
        }
        o.write(n);
      }
      case ThreeMProtocol.WRITE_AFI -> tag.setAfi(f[8] & 0xFF);
      case ThreeMProtocol.GET_AFI -> o.write(tag.afi());
      case ThreeMProtocol.EAS_CONTROL -> tag.setEas(f[8] != 0);
      case ThreeMProtocol.CHECK_EAS -> {
        if (!tag.eas()) {
          return reply(cmd, ThreeMProtocol.TAG_NOT_RESPONDING, uid);
        }
      }
      case ThreeMProtocol.TAG_INFO -> {
        o.write(0x0F); // info flags: DSFID, AFI, memory size, IC reference present
        o.write(tag.dsfid());
        o.write(tag.afi());
        o.write(tag.blockCount() - 1);
        o.write(tag.blockSize() - 1);
        o.write(0x01);
      }
      default -> {
        return reply(cmd, ThreeMProtocol.OPTION_NOT_SUPPORTED);
      }
    }
    return reply(cmd, ThreeMProtocol.OK, o.toByteArray());
  }

  private static byte[] reply(int command, int error, byte... rest) {
    byte[] fields = new byte[1 + rest.length];
    fields[0] = (byte) error;
    System.arraycopy(rest, 0, fields, 1, rest.length);
    return ThreeMFrame.encode(command, fields);
  }
}
