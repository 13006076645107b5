package fr.navette.reader.serial;

import java.io.IOException;
import java.time.Duration;

/** An open serial line: our small interface in front of jSerialComm's SerialPort. */
public interface SerialLink extends AutoCloseable {

  void write(byte[] data) throws IOException;

  /**
   * Reads what is there, waiting at most {@code timeout} for the first byte. Returns 0 on
   * timeout; throws {@link IOException} when the line is gone (unplugged).
   */
  int read(byte[] buffer, Duration timeout) throws IOException;

  /** Drops whatever is waiting to be read (stale replies of an earlier, timed-out request). */
  void discardInput() throws IOException;

  String name();

  @Override
  void close();
}
