package fr.navette.reader.feig;

import fr.navette.reader.EasState;
import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import fr.navette.reader.TagInfo;
import fr.navette.reader.Uid;
import fr.navette.reader.serial.SerialConfig;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.reader.serial.SerialReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link RfidReader} for FEIG readers in ISO-Host mode (CPR-M02, ID ISC.MR/PR101 ...). */
public final class FeigReader extends SerialReader {
  /** A reader that keeps answering "more data" is broken; stop asking after this many pages. */
  private static final int MAX_INVENTORY_PAGES = 32;

  private final FeigProtocol protocol;

  public FeigReader(SerialPorts ports, SerialConfig config) {
    this(ports, config, FeigFrame.BROADCAST, false);
  }

  public FeigReader(SerialPorts ports, SerialConfig config, int address, boolean reverseBlocks) {
    super(ports, config, FeigFrame.CODEC);
    this.protocol = new FeigProtocol(address, reverseBlocks);
  }

  @Override
  public List<InventoryEntry> inventory(int afiFilter, Duration timeout) throws ReaderException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<Uid, InventoryEntry> seen = new LinkedHashMap<>();
    boolean more = false;
    for (int page = 0; page < MAX_INVENTORY_PAGES; page++) {
      FeigFrame reply = call(protocol.inventory(afiFilter, more), FeigProtocol.ISO_HOST, remaining(deadline));
      FeigProtocol.InventoryPage p = FeigProtocol.parseInventory(reply, afiFilter);
      p.entries().forEach(e -> seen.putIfAbsent(e.uid(), e)); // readers report a UID twice now and then
      if (!p.more()) {
        return new ArrayList<>(seen.values());
      }
      more = true;
    }
    throw new ReaderException(ReaderException.Kind.PROTOCOL, "FEIG inventory still had more data after " + MAX_INVENTORY_PAGES + " pages");
  }

  @Override
  public TagInfo systemInfo(Uid uid, Duration timeout) throws ReaderException {
    return FeigProtocol.parseSystemInfo(call(protocol.systemInfo(uid), FeigProtocol.ISO_HOST, timeout), uid);
  }

  @Override
  public byte[] readBlocks(Uid uid, int firstBlock, int count, Duration timeout) throws ReaderException {
    checkBlocks(firstBlock, count);
    FeigFrame reply = call(protocol.readBlocks(uid, firstBlock, count), FeigProtocol.ISO_HOST, timeout);
    return protocol.parseReadBlocks(reply, count, "read blocks " + firstBlock + "+" + count + " of " + uid);
  }

  @Override
  public void writeBlocks(Uid uid, int firstBlock, int blockSize, byte[] data, Duration timeout) throws ReaderException {
    if (blockSize < 1 || data.length == 0 || data.length % blockSize != 0) {
      throw new IllegalArgumentException(data.length + " bytes are not whole blocks of " + blockSize);
    }
    checkBlocks(firstBlock, data.length / blockSize);
    FeigFrame reply = call(protocol.writeBlocks(uid, firstBlock, blockSize, data), FeigProtocol.ISO_HOST, timeout);
    FeigProtocol.checkOk(reply, "write blocks " + firstBlock + "+" + data.length / blockSize + " of " + uid);
  }

  @Override
  public void writeAfi(Uid uid, int afi, Duration timeout) throws ReaderException {
    FeigProtocol.checkOk(call(protocol.writeAfi(uid, afi), FeigProtocol.ISO_HOST, timeout), String.format("write AFI %02X to %s", afi, uid));
  }

  @Override
  public void setEas(Uid uid, boolean set, Duration timeout) throws ReaderException {
    FeigProtocol.checkOk(call(protocol.eas(uid, set), FeigProtocol.NXP_CUSTOM, timeout), (set ? "set" : "reset") + " EAS of " + uid);
  }

  @Override
  public EasState readEas(Uid uid, Duration timeout) throws ReaderException {
    return FeigProtocol.parseEasAlarm(call(protocol.easAlarm(uid), FeigProtocol.NXP_CUSTOM, timeout));
  }

  private FeigFrame call(byte[] request, int command, Duration timeout) throws ReaderException {
    byte[] raw = transport().exchange(request, f -> isReplyTo(f, command), timeout);
    return FeigFrame.decode(raw);
  }

  private static boolean isReplyTo(byte[] frame, int command) {
    try {
      FeigFrame f = FeigFrame.decode(frame);
      return f.command() == command && f.body().length >= 1;
    } catch (ReaderException e) {
      return false;
    }
  }

  private static Duration remaining(long deadline) throws ReaderException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new ReaderException(ReaderException.Kind.TIMEOUT, "FEIG inventory did not complete in time");
    }
    return Duration.ofNanos(left);
  }
}
