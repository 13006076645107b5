package fr.navette.reader.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.time.Duration;

/** {@link SerialPorts} over jSerialComm; works for USB-CDC devices and ptys alike. */
final class JSerialCommPorts implements SerialPorts {
  static final JSerialCommPorts INSTANCE = new JSerialCommPorts();

  /** jSerialComm's read blocks in slices this long so that a deadline is honoured. */
  private static final int SLICE_MS = 20;

  @Override
  public SerialLink open(SerialConfig config) throws IOException {
    SerialPort port = SerialPort.getCommPort(config.port());
    int parity =
        switch (config.parity()) {
          case NONE -> SerialPort.NO_PARITY;
          case EVEN -> SerialPort.EVEN_PARITY;
          case ODD -> SerialPort.ODD_PARITY;
        };
    port.setComPortParameters(config.baudRate(), config.dataBits(), config.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, parity);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    if (!port.openPort()) {
      throw new IOException("cannot open serial port " + config + " (error " + port.getLastErrorCode() + ")");
    }
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, SLICE_MS, 1000);
    return new Link(port, config.port());
  }

  private record Link(SerialPort port, String name) implements SerialLink {
    @Override
    public void write(byte[] data) throws IOException {
      int n = port.writeBytes(data, data.length);
      if (n != data.length) {
        throw new IOException("serial port " + name + " is gone: wrote " + n + " of " + data.length + " bytes (error " + port.getLastErrorCode() + ")");
      }
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws IOException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
          throw new IOException("serial port " + name + " is gone (error " + port.getLastErrorCode() + ")");
        }
        if (n > 0 || System.nanoTime() >= deadline) {
          return n;
        }
      }
    }

    @Override
    public void discardInput() throws IOException {
      byte[] buf = new byte[256];
      while (port.bytesAvailable() > 0) {
        if (port.readBytes(buf, Math.min(buf.length, port.bytesAvailable())) < 0) {
          throw new IOException("serial port " + name + " is gone");
        }
      }
      if (port.bytesAvailable() < 0) {
        throw new IOException("serial port " + name + " is gone");
      }
    }

    @Override
    public void close() {
      port.closePort();
    }
  }
}
