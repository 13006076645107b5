package fr.navette.sim.devices;

import fr.navette.reader.ReaderException;
import fr.navette.reader.Uid;
import fr.navette.reader.feig.FeigFrame;
import fr.navette.reader.feig.FeigProtocol;
import fr.navette.reader.serial.FrameCodec;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

/** Answers FEIG ISO-Host requests from a virtual field, as an ID ISC reader would. */
final class FeigResponder implements Responder {
  /** Tags per inventory reply; more are fetched with the MORE bit after status 0x94. */
  static final int PAGE = 16;

  private static final int OK = 0x00;
  private static final int NO_TRANSPONDER = 0x01;
  private static final int LENGTH_ERROR = 0x81;
  private static final int UNKNOWN_COMMAND = 0x80;
  private static final int MORE_DATA = 0x94;
  private static final int ISO_ERROR = 0x95;
  private static final int ISO_BLOCK_NOT_AVAILABLE = 0x10;

  private final FieldOperations field;
  private final FeigProtocol order;
  private List<SimulatedTag> pendingInventory = List.of();

  FeigResponder(FieldOperations field, boolean reverseBlocks) {
    this.field = field;
    this.order = new FeigProtocol(FeigFrame.BROADCAST, reverseBlocks);
  }

  @Override
  public FrameCodec codec() {
    return FeigFrame.CODEC;
  }

  @Override
  public Optional<byte[]> respond(byte[] raw) {
    FeigFrame req;
    try {
      req = FeigFrame.decode(raw);
    } catch (ReaderException e) {
      return Optional.empty();
    }
    byte[] b = req.body();
    try {
      return Optional.of(
          switch (req.command()) {
            case FeigProtocol.ISO_HOST -> isoHost(b);
            case FeigProtocol.NXP_CUSTOM -> nxp(b);
            default -> reply(req.command(), UNKNOWN_COMMAND);
          });
    } catch (ArrayIndexOutOfBoundsException e) {
      return Optional.of(reply(req.command(), LENGTH_ERROR));
    }
  }

  private byte[] isoHost(byte[] b) {
    int sub = b[0] & 0xFF;
    if (sub == FeigProtocol.INVENTORY) {
      return inventory(b);
    }
    Uid uid = Uid.fromBytes(b, 2);
    Optional<SimulatedTag> t = field.tag(uid);
    if (t.isEmpty()) {
      return reply(FeigProtocol.ISO_HOST, NO_TRANSPONDER);
    }
    SimulatedTag tag = t.get();
    return switch (sub) {
      case FeigProtocol.READ_BLOCKS -> {
        int first = b[10] & 0xFF;
        int n = b[11] & 0xFF;
        if (!field.inRange(tag, first, n)) {
          yield reply(FeigProtocol.ISO_HOST, ISO_ERROR, (byte) ISO_BLOCK_NOT_AVAILABLE);
        }
        int size = tag.blockSize();
        byte[] data = order.orderBlocks(tag.readBlocks(first, n), size);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(n);
        o.write(size);
        for (int i = 0; i < n; i++) {
          o.write(0); // security status: not locked
          o.write(data, i * size, size);
        }
        yield reply(FeigProtocol.ISO_HOST, OK, o.toByteArray());
      }
      case FeigProtocol.WRITE_BLOCKS -> {
        int first = b[10] & 0xFF;
        int n = b[11] & 0xFF;
        int size = b[12] & 0xFF;
        if (size != tag.blockSize() || !field.inRange(tag, first, n) || b.length != 13 + n * size) {
          yield reply(FeigProtocol.ISO_HOST, ISO_ERROR, (byte) ISO_BLOCK_NOT_AVAILABLE);
        }
        byte[] data = order.orderBlocks(java.util.Arrays.copyOfRange(b, 13, 13 + n * size), size);
        FieldOperations.WriteResult w = field.write(tag, first, data);
        yield w.complete() ? reply(FeigProtocol.ISO_HOST, OK) : reply(FeigProtocol.ISO_HOST, NO_TRANSPONDER);
      }
      case FeigProtocol.WRITE_AFI -> {
        tag.setAfi(b[10] & 0xFF);
        yield reply(FeigProtocol.ISO_HOST, OK);
      }
      case FeigProtocol.SYSTEM_INFO -> {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(tag.dsfid());
        o.writeBytes(uid.bytes());
        o.write(tag.afi());
        o.write(tag.blockSize() - 1);
        o.write(tag.blockCount() - 1);
        o.write(0x01); // IC reference
        yield reply(FeigProtocol.ISO_HOST, OK, o.toByteArray());
      }
      default -> reply(FeigProtocol.ISO_HOST, UNKNOWN_COMMAND);
    };
  }

  private byte[] inventory(byte[] b) {
    int mode = b[1] & 0xFF;
    if ((mode & FeigProtocol.MODE_MORE) == 0) {
      int afi = (mode & FeigProtocol.MODE_AFI) != 0 ? b[2] & 0xFF : 0;
      pendingInventory = field.inventory(afi);
      if (pendingInventory.isEmpty()) {
        return reply(FeigProtocol.ISO_HOST, NO_TRANSPONDER);
      }
    }
    List<SimulatedTag> page = pendingInventory.subList(0, Math.min(PAGE, pendingInventory.size()));
    pendingInventory = List.copyOf(pendingInventory.subList(page.size(), pendingInventory.size()));
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(page.size());
    for (SimulatedTag t : page) {
      o.write(FeigProtocol.TR_TYPE_ISO15693);
      o.write(t.dsfid());
      o.writeBytes(t.uid().bytes());
    }
    return reply(FeigProtocol.ISO_HOST, pendingInventory.isEmpty() ? OK : MORE_DATA, o.toByteArray());
  }

  private byte[] nxp(byte[] b) {
    int sub = b[1] & 0xFF;
    Uid uid = Uid.fromBytes(b, 3);
    Optional<SimulatedTag> t = field.tag(uid);
    if (t.isEmpty()) {
      return reply(FeigProtocol.NXP_CUSTOM, NO_TRANSPONDER);
    }
    return switch (sub) {
      case FeigProtocol.SET_EAS, FeigProtocol.RESET_EAS -> {
        t.get().setEas(sub == FeigProtocol.SET_EAS);
        yield reply(FeigProtocol.NXP_CUSTOM, OK);
      }
      case FeigProtocol.EAS_ALARM -> reply(FeigProtocol.NXP_CUSTOM, t.get().eas() ? OK : NO_TRANSPONDER);
      default -> reply(FeigProtocol.NXP_CUSTOM, UNKNOWN_COMMAND);
    };
  }

  private static byte[] reply(int command, int status, byte... data) {
    byte[] body = new byte[1 + data.length];
    body[0] = (byte) status;
    System.arraycopy(data, 0, body, 1, data.length);
    return FeigFrame.encode(0x00, command, body);
  }
}
