package fr.navette.reader.protocol;

import fr.navette.reader.RfidReader;
import fr.navette.reader.feig.FeigReader;
import fr.navette.reader.serial.SerialConfig;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.reader.threem.ThreeMReader;
import java.util.Locale;

/**
 * The reader protocols an agent's configuration may name ({@code reader.protocol}), and how to open a reader
 * speaking one on a serial port (a USB device on a Pi, a pty with the reader simulator on a PC). A package of its
 * own: it knows every protocol's package, which all know the root's {@code RfidReader} — in the root, it made a cycle.
 */
public enum ReaderProtocol {
  /** FEIG ISO-Host (CPR/MRU families), 38400 8E1. */
  FEIG,
  /** 3M library readers, 19200 8N1. */
  THREE_M;

  /** The name used in configuration: {@code feig} or {@code 3m}. */
  public String configName() {
    return this == FEIG ? "feig" : "3m";
  }

  /** Reads {@code feig} or {@code 3m} (also {@code threem}, {@code three-m}), in any case. */
  public static ReaderProtocol parse(String configName) {
    return switch (configName.trim().toLowerCase(Locale.ROOT)) {
      case "feig" -> FEIG;
      case "3m", "threem", "three-m" -> THREE_M;
      default -> throw new IllegalArgumentException("unknown reader protocol '" + configName + "' (feig or 3m)");
    };
  }

  /** A reader on {@code port} with this protocol's serial defaults; the port is opened at the first command. */
  public RfidReader open(String port) {
    return switch (this) {
      case FEIG -> new FeigReader(SerialPorts.jSerialComm(), SerialConfig.feig(port));
      case THREE_M -> new ThreeMReader(SerialPorts.jSerialComm(), SerialConfig.threeM(port));
    };
  }
}
