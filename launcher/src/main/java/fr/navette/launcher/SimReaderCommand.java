package fr.navette.launcher;

import fr.navette.agent.ShutdownSignal;
import fr.navette.reader.Uid;
import fr.navette.sim.devices.PtyReaderSimulator;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.tag.SecurityPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A library RFID reader on a pty, for the real drivers (or a staff tool) to talk to. */
@Command(
    name = "reader",
    mixinStandardHelpOptions = true,
    description = {
      "Simule un lecteur RFID (FEIG ISO-Host ou 3M) sur un pty ; affiche le chemin du périphérique.",
      "Simulates an RFID reader (FEIG ISO-Host or 3M) on a pty; prints the device path."
    })
final class SimReaderCommand implements Callable<Integer> {
  @Option(names = "--protocol", required = true, description = "feig or 3m")
  String protocol;

  @Option(names = "--dir", description = "Directory for the pty link (default: a new temporary directory)")
  Path dir;

  @Option(names = "--item", split = ",", description = "Item identifiers to put in the field as ISO 28560-3 tags, armed (AFI 0x07)")
  List<String> items = List.of();

  @Option(names = "--isil", defaultValue = "FR-751131015", description = "Owner library ISIL written on those tags (default: ${DEFAULT-VALUE})")
  String isil;

  @Override
  public Integer call() throws Exception {
    PtyReaderSimulator.Protocol p;
    try {
      p = PtyReaderSimulator.Protocol.parse(protocol);
    } catch (IllegalArgumentException e) {
      System.err.println("navette sim reader: " + e.getMessage());
      return 2;
    }
    Path where = dir != null ? dir : Files.createTempDirectory("navette-reader-");
    VirtualField field = new VirtualField();
    for (int i = 0; i < items.size(); i++) {
      Uid uid = new Uid(0xE004015000000000L | (i + 1));
      field.put(SimulatedTag.forItem(uid, items.get(i), isil, SecurityPolicy.ISO_ARMED_AFI));
    }
    try (ShutdownSignal signal = ShutdownSignal.install();
        PtyReaderSimulator sim = PtyReaderSimulator.start(p, field, where)) {
      System.out.println("Reader (" + protocol + "): " + sim.devicePath() + " (" + p.serialConfig(sim.devicePath().toString()) + ", " + field.size() + " tags in the field)");
      System.out.flush();
      signal.await();
    } finally {
      if (dir == null) {
        Files.deleteIfExists(where);
      }
    }
    return 0;
  }
}
