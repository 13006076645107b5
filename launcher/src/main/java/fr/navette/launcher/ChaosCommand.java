package fr.navette.launcher;

import fr.navette.launcher.chaos.ChaosAccounting;
import fr.navette.launcher.chaos.ChaosRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./navette chaos}: the chaos run over the seeds' network, on loopback only, then its accounting (issue 19).
 * Exits 0 when every event and every return was accounted for, 1 otherwise.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = {"Chaos run: return boxes drop documents while the hub and boxes are killed (kill -9), the SIGB goes"
        + " down, a box's link is cut, a box's disk fills and box clocks are off; then every event is accounted for.",
        "Essai de chaos : les boîtes de retour reçoivent des documents pendant que le hub et des boîtes sont tués"
            + " (kill -9), que le SIGB tombe, qu'un lien est coupé, qu'un disque se remplit et que des horloges"
            + " dérivent ; puis chaque événement est compté."})
final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--boxes", defaultValue = "15", description = "Return boxes, one per branch, 6 to 15 (default: ${DEFAULT-VALUE}).")
  int boxes;

  @Option(names = "--process-boxes", defaultValue = "2", description = "Boxes running in processes of their own, killed with kill -9 (default: ${DEFAULT-VALUE}).")
  int processBoxes;

  @Option(names = "--events", defaultValue = "100000", description = "Documents dropped in all, one event each (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--seed", defaultValue = "19", description = "Seed of the SIGB's network and of the documents' order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--outage-seconds", defaultValue = "60", description = "How long the SIGB stays down, a box's link cut and its disk full (default: ${DEFAULT-VALUE}).")
  int outageSeconds;

  @Option(names = "--minutes", defaultValue = "18", description = "How long the drops take in all: patrons come at the pace that spreads --events over it (default: ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--data", defaultValue = "navette-chaos", description = "Folder for the hub's and the boxes' data and the processes' logs; must be new or empty (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--no-disk-full", description = "Leave out the full disk (it mounts a tmpfs, as root).")
  boolean noDiskFull;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write the accounting into FILE.")
  Path report;

  @Override
  public Integer call() throws Exception {
    if (Files.isDirectory(data)) {
      try (var entries = Files.list(data)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("--data " + data + ": not empty (a chaos run starts from nothing)");
        }
      }
    }
    ChaosRun.Settings settings = new ChaosRun.Settings(data, boxes, processBoxes, events, seed,
        Duration.ofSeconds(outageSeconds), Duration.ofSeconds(Math.max(3, outageSeconds / 4)),
        Duration.ofSeconds(Math.max(1, outageSeconds / 15)), Duration.ofMinutes(15), !noDiskFull,
        Duration.ofMinutes(minutes));
    ChaosAccounting.Result result = new ChaosRun(settings, System.out).run();
    String table = result.table();
    System.out.println();
    System.out.print(table);
    if (report != null) {
      Files.writeString(report, table, StandardCharsets.UTF_8);
    }
    return result.whole() ? 0 : 1;
  }
}
