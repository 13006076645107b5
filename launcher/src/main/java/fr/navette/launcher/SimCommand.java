package fr.navette.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Simulators: a SIGB speaking SIP2, RFID readers on a pty. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Simulators: a SIGB speaking SIP2, RFID readers on a pty.",
    subcommands = {SimReaderCommand.class})
final class SimCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("navette sim: not built yet (see the open issues)");
    return 2;
  }
}
