package fr.navette.reader.serial;

import fr.navette.reader.RfidReader;

/**
 * What every reader on a serial line shares, whatever its protocol: the {@link SerialTransport} (which reopens a
 * lost port and discards garbled frames), its counters for health, closing it, and the block range a command may
 * name (ISO 15693 addresses blocks 0 to 255).
 */
public abstract class SerialReader implements RfidReader {
  private final SerialTransport transport;

  protected SerialReader(SerialPorts ports, SerialConfig config, FrameCodec codec) {
    this.transport = new SerialTransport(ports, config, codec);
  }

  protected final SerialTransport transport() {
    return transport;
  }

  /** Garbled frames discarded so far (for health reporting). */
  public long garbledFrames() {
    return transport.garbledFrames();
  }

  public long reconnects() {
    return transport.reconnects();
  }

  @Override
  public void close() {
    transport.close();
  }

  /** @throws IllegalArgumentException when blocks {@code first} to {@code first + count - 1} are not all in 0..255 */
  protected static void checkBlocks(int first, int count) {
    if (first < 0 || first > 255 || count < 1 || count > 255 || first + count > 256) {
      throw new IllegalArgumentException("blocks " + first + "+" + count + " outside 0..255");
    }
  }
}
