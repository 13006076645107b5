package fr.navette.reader.threem;

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

/** An {@link RfidReader} for 3M library readers (810 and kin). Blocks are 4 bytes. */
public final class ThreeMReader extends SerialReader {
  public static final int BLOCK_SIZE = 4;

  public ThreeMReader(SerialPorts ports, SerialConfig config) {
    super(ports, config, ThreeMFrame.CODEC);
  }

  @Override
  public List<InventoryEntry> inventory(int afiFilter, Duration timeout) throws ReaderException {
    List<InventoryEntry> raw = ThreeMProtocol.parseInventory(call(ThreeMProtocol.inventory(afiFilter), ThreeMProtocol.INVENTORY, timeout), afiFilter);
    Map<Uid, InventoryEntry> unique = new LinkedHashMap<>(); // the same UID can appear twice
    raw.forEach(e -> unique.putIfAbsent(e.uid(), e));
    return new ArrayList<>(unique.values());
  }

  @Override
  public TagInfo systemInfo(Uid uid, Duration timeout) throws ReaderException {
    return ThreeMProtocol.parseTagInfo(call(ThreeMProtocol.tagInfo(uid), ThreeMProtocol.TAG_INFO, timeout), uid);
  }

  @Override
  public byte[] readBlocks(Uid uid, int firstBlock, int count, Duration timeout) throws ReaderException {
    checkBlocks(firstBlock, count);
    return ThreeMProtocol.parseReadBlocks(call(ThreeMProtocol.readBlocks(uid, firstBlock, count), ThreeMProtocol.READ_BLOCKS, timeout), uid, firstBlock, count);
  }

  @Override
  public void writeBlocks(Uid uid, int firstBlock, int blockSize, byte[] data, Duration timeout) throws ReaderException {
    if (blockSize != BLOCK_SIZE || data.length == 0 || data.length % BLOCK_SIZE != 0) {
      throw new IllegalArgumentException("3M readers write whole 4-byte blocks; got " + data.length + " bytes in blocks of " + blockSize);
    }
    checkBlocks(firstBlock, data.length / BLOCK_SIZE);
    ThreeMProtocol.checkOk(call(ThreeMProtocol.writeBlocks(uid, firstBlock, data), ThreeMProtocol.WRITE_BLOCKS, timeout), "write blocks of " + uid);
  }

  @Override
  public void writeAfi(Uid uid, int afi, Duration timeout) throws ReaderException {
    ThreeMProtocol.checkOk(call(ThreeMProtocol.writeAfi(uid, afi), ThreeMProtocol.WRITE_AFI, timeout), String.format("write AFI %02X to %s", afi, uid));
  }

  @Override
  public void setEas(Uid uid, boolean set, Duration timeout) throws ReaderException {
    ThreeMProtocol.checkOk(call(ThreeMProtocol.easControl(uid, set), ThreeMProtocol.EAS_CONTROL, timeout), (set ? "set" : "reset") + " EAS of " + uid);
  }

  @Override
  public EasState readEas(Uid uid, Duration timeout) throws ReaderException {
    return ThreeMProtocol.parseCheckEas(call(ThreeMProtocol.checkEas(uid), ThreeMProtocol.CHECK_EAS, timeout));
  }

  private ThreeMFrame call(byte[] request, int command, Duration timeout) throws ReaderException {
    return ThreeMFrame.decode(transport().exchange(request, f -> (f[3] & 0xFF) == command && f.length >= 7, timeout));
  }
}
