package fr.navette.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.TreeSet;

/**
 * Run by {@link Arm64GateTest} with the gate package's class path on an emulated arm64 JVM: loads the two native
 * parts a gate uses — jSerialComm (the reader's serial port) and sqlite-jdbc (the outbox) — then prints, for each
 * native library this process mapped, its path and the machine its ELF header names. Under qemu-user,
 * /proc/self/maps is the emulated program's own. Reflection for jSerialComm: this module does not compile against
 * it, the package's jars bring it.
 */
public final class NativesProbe {
  private NativesProbe() {}

  public static void main(String[] args) throws Exception {
    System.out.println("os.arch " + System.getProperty("os.arch"));
    System.out.println("java.version " + System.getProperty("java.version"));
    Class<?> serialPort = Class.forName("com.fazecast.jSerialComm.SerialPort");
    Object[] ports = (Object[]) serialPort.getMethod("getCommPorts").invoke(null);
    System.out.println("jSerialComm " + serialPort.getMethod("getVersion").invoke(null) + ": " + ports.length
        + " serial port(s)");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
         ResultSet r = db.createStatement().executeQuery("select sqlite_version()")) {
      r.next();
      System.out.println("sqlite " + r.getString(1));
    }
    TreeSet<String> libraries = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      int slash = line.indexOf('/');
      if (slash > 0 && line.contains(".so")) {
        libraries.add(line.substring(slash));
      }
    }
    for (String library : libraries) {
      System.out.println("native " + library + " " + machine(Path.of(library)));
    }
  }

  /** The e_machine of an ELF file: AArch64 (183), x86-64 (62), or the number. */
  private static String machine(Path file) throws IOException {
    byte[] header = new byte[20];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(header, 0, 20) < 20 || header[0] != 0x7f || header[1] != 'E') {
        return "not-elf";
      }
    }
    int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8; // little-endian on both
    return switch (machine) {
      case 183 -> "AArch64";
      case 62 -> "x86-64";
      default -> "machine-" + machine;
    };
  }
}
