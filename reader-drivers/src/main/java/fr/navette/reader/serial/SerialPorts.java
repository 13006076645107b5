package fr.navette.reader.serial;

import java.io.IOException;

/** Opens serial lines (cf. openHAB's SerialPortManager): the one seam between drivers and jSerialComm. */
@FunctionalInterface
public interface SerialPorts {
  SerialLink open(SerialConfig config) throws IOException;

  static SerialPorts jSerialComm() {
    return JSerialCommPorts.INSTANCE;
  }
}
