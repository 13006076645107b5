package fr.navette.reader.serial;

import java.util.Objects;

/**
 * How to open a reader's serial line (a USB-CDC device such as /dev/ttyACM0 on a Pi, or a pty).
 * Validated once, here.
 */
public record SerialConfig(String port, int baudRate, int dataBits, Parity parity, int stopBits) {

  public enum Parity {
    NONE,
    EVEN,
    ODD
  }

  public SerialConfig {
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(parity, "parity");
    if (port.isBlank()) {
      throw new IllegalArgumentException("serial port name is empty");
    }
    if (baudRate < 300 || baudRate > 4_000_000) {
      throw new IllegalArgumentException("baud rate " + baudRate + " out of range 300-4000000");
    }
    if (dataBits < 5 || dataBits > 8) {
      throw new IllegalArgumentException("data bits must be 5-8, not " + dataBits);
    }
    if (stopBits != 1 && stopBits != 2) {
      throw new IllegalArgumentException("stop bits must be 1 or 2, not " + stopBits);
    }
  }

  /** FEIG ISO-Host defaults (CPR family): 38400 baud, 8 data bits, even parity, 1 stop bit. */
  public static SerialConfig feig(String port) {
    return new SerialConfig(port, 38400, 8, Parity.EVEN, 1);
  }

  /** 3M library readers: 19200 baud, 8N1. */
  public static SerialConfig threeM(String port) {
    return new SerialConfig(port, 19200, 8, Parity.NONE, 1);
  }

  @Override
  public String toString() {
    return port + " " + baudRate + " " + dataBits + parity.name().charAt(0) + stopBits;
  }
}
